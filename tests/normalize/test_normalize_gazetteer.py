"""Gazetteer loading, user files, actor and place lookup."""
import json

import pytest

from eventx.normalize import Gazetteer, lookup_actor, lookup_place


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.default()


def test_default_is_cached_and_loaded_from_package_data():
    assert Gazetteer.default() is Gazetteer.default()
    assert "تركيا" in Gazetteer.default()


@pytest.mark.parametrize(
    "text,country,sector",
    [
        ("وزير الدفاع التركي ياشار غولر", "TUR", "MIL"),
        ("رئيس حكومة الوحدة الوطنية الليبية عبد الحميد الدبيبة", "LBY", "GOV"),
        ("الملحق العسكري في السفارة الأميركية في ليبيا", "USA", "MIL"),
        ("الملحق العسكريّ بالسفارة الأميركيّة في ليبيا", "USA", "MIL"),
        ("البرلمان التركي", "TUR", "LEG"),
        ("قوات حفتر", "LBY", "REB"),
        ("رئيس مجلس النواب العراقي", "IRQ", "LEG"),
        ("الأمين العام للأمم المتحدة", None, "IGO"),
        ("مبعوث الأمم المتحدة إلى ليبيا", None, "IGO"),
        ("السفير السعودي لدى اليمن", "SAU", "DIP"),
        ("حزب الله", "LBN", "REB"),
        ("المتظاهرون", None, "CVL"),
        ("وزير\u00a0الخارجية الامريكي", "USA", "GOV"),
        ("التركية", "TUR", None),
        ("الأتراك", "TUR", None),
        ("أنقرة", "TUR", None),
    ],
)
def test_actor_country_and_sector(gazetteer, text, country, sector):
    actor = lookup_actor(text, gazetteer=gazetteer)
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)


def test_actor_names_follow_the_convention(gazetteer):
    assert lookup_actor("وزير الدفاع التركي", gazetteer=gazetteer).name == "Ministry of Defence of Turkey"
    assert lookup_actor("الوفد الأميركي", gazetteer=gazetteer).name == "Government of the United States"
    assert lookup_actor("تركيا", gazetteer=gazetteer).name == "Turkey"
    hezbollah = lookup_actor("المتحدث باسم حزب الله", gazetteer=gazetteer)
    assert (hezbollah.name, hezbollah.title) == ("Hezbollah", "المتحدث باسم")


def test_no_match_is_none(gazetteer):
    assert lookup_actor("مصادر مطلعة", gazetteer=gazetteer) is None
    assert lookup_place("معسكره", gazetteer=gazetteer) is None


def test_financial_is_not_mali(gazetteer):
    assert lookup_actor("وزير المالية الليبي", gazetteer=gazetteer).country == "LBY"


@pytest.mark.parametrize(
    "text,name,country",
    [
        ("مدينة أنطاليا جنوب تركيا", "Antalya", "TUR"),
        ("غرب ليبيا", "Libya", "LBY"),
        ("قواعد جوية وبحرية في غرب ليبيا", "Libya", "LBY"),
        ("طرابلس", "Tripoli", "LBY"),
        ("طرابلس شمال لبنان", "Tripoli", "LBN"),
        ("عمان", "Oman", "OMN"),
        ("العاصمة الأردنية عمان", "Amman", "JOR"),
        ("الجزائر العاصمة", "Algiers", "DZA"),
        ("المياه الإقليمية الليبية", "Libya", "LBY"),
        ("البحر الأحمر", "Red Sea", None),
        ("ببنغازي", "Benghazi", "LBY"),
    ],
)
def test_places(gazetteer, text, name, country):
    place = lookup_place(text, gazetteer=gazetteer)
    assert (place.name, place.country) == (name, country)


def _write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_user_file_extends_and_overrides(tmp_path):
    user = _write(tmp_path / "user.json", {
        "format": "eventx-gazetteer", "version": 1,
        "places": [{"name": "Tripoli", "names": ["طرابلس"], "country": "LBN"}],
        "organizations": [{"name": "Brigade 444", "names": ["اللواء 444 قتال"], "country": "LBY", "sector": "MIL"}],
    })
    gazetteer = Gazetteer.from_files([user])
    assert lookup_place("طرابلس", gazetteer=gazetteer).country == "LBN"
    assert lookup_actor("قادة اللواء 444 قتال", gazetteer=gazetteer).name == "Brigade 444"
    alone = Gazetteer.from_files([user], include_default=False)
    assert lookup_actor("تركيا", gazetteer=alone) is None


def test_bad_files_give_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="E060"):
        Gazetteer.from_files([tmp_path / "missing.json"])
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"format": "eventx-gazetteer",\n "version": 1,,}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"E061.*bad.json:2"):
        Gazetteer.from_files([bad_json])
    unknown = _write(tmp_path / "unknown.json", {"format": "eventx-gazetteer", "version": 1, "citys": []})
    with pytest.raises(ValueError, match="E062.*citys"):
        Gazetteer.from_files([unknown])
