import pytest

from eventx.arabic import segment, split_clitics, strip_marks

LEXICON = {"وقع": 50, "التقى": 20, "تمديد": 10, "قوات": 40, "قال": 100, "وقال": 90, "وزير": 80, "كما": 70, "ما": 500}


def rebuild(words, spaces):
    return "".join(w + (" " if s else "") for w, s in zip(words, spaces))


@pytest.mark.parametrize("word,pieces", [
    ("ووقع", ["و", "وقع"]),
    ("والتقى", ["و", "التقى"]),
    ("بتمديد", ["ب", "تمديد"]),
    ("لقوات", ["ل", "قوات"]),
    ("للتنسيق", ["ل", "لتنسيق"]),
    ("لليبيا", ["ل", "ليبيا"]),
    ("وبالتمديد", ["و", "ب", "التمديد"]),
    ("وقع", ["وقع"]),
    ("وزير", ["وزير"]),
    ("كما", ["كما"]),
])
def test_split_clitics(word, pieces):
    assert split_clitics(word, LEXICON) == pieces


def test_split_clitics_keeps_diacritics_on_the_clitic():
    assert split_clitics("وَوَقَّعَ", LEXICON) == ["وَ", "وَقَّعَ"]


@pytest.mark.parametrize("text", [
    "وقع الرئيس\u00a0مذكرة  تفاهم.",
    "ترك برس\n\nوقّع الوزير -أمس الجمعة- اتفاقية",
    "الاجتمـــاع في ٢٠٢٤/٠٣/٠٢ (آذار)",
    "  بداية بمسافة ونهاية بسطر\n",
])
def test_segment_rebuilds_the_text_exactly(text):
    words, spaces = segment(text, LEXICON)
    assert rebuild(words, spaces) == text


def test_segment_splits_punctuation_and_lines():
    words, _ = segment("ترك برس\n\n-أمس الجمعة- نوفمبر/تشرين", LEXICON)
    assert words == ["ترك", "برس", "\n", "\n", "-", "أمس", "الجمعة", "-", "نوفمبر", "/", "تشرين"]


def test_strip_marks():
    assert strip_marks("وَقَّعَ الاجتمـــاع") == "وقع الاجتماع"


def test_feature_key():
    from eventx.arabic import feature_key

    assert feature_key("اجتماعاً") == feature_key("اجتماعا") == "اجتماعا"
    assert feature_key("إبرام") == feature_key("أبرام") == feature_key("ابرام")
    assert feature_key("الأمم المتّحدة") == "الامم المتحده"
    assert feature_key("مـــدد") == "مدد"
    assert feature_key("١٤٤٥ ۲۰۲۴") == "1445 2024"
    assert feature_key("NATO") == "nato"
    assert feature_key("ـ") == "ـ"  # a lone tatweel keeps a key


@pytest.mark.parametrize("word,stem", [
    ("الاجتماع", "اجتماع"),      # the article
    ("لاجتماع", "اجتماع"),       # the ل of a ل + ال fusion (للاجتماع → ل | لاجتماع)
    ("سيلتقي", "يلتقي"),         # the future prefix
    ("اجتماعها", "اجتماع"),      # a pronoun suffix
    ("لقائهما", "لقائ"),         # suffixes go even where the stem's spelling changes
    ("القمّة", "قمه"),           # diacritics and ة go first (feature_key)
])
def test_lexicon_keys_reach_the_listed_form(word, stem):
    from eventx.arabic import feature_key, lexicon_keys

    keys = lexicon_keys(word)
    assert keys[0] == feature_key(word)
    assert stem in keys


def test_lexicon_keys_keep_short_words_whole():
    from eventx.arabic import lexicon_keys

    assert lexicon_keys("زار") == ["زار"]
    assert lexicon_keys("قمة") == ["قمه"]  # ه is ة here, not a suffix: nothing under three letters


def test_a_rare_remainder_does_not_split_a_common_word():
    """A remainder attested a few times, beside a whole word over ten times as common, is noise in the counts."""
    lexicon = {"وزراء": 205, "زراء": 2, "بوتين": 27, "وتين": 2, "مدة": 40, "لمدة": 60}
    assert split_clitics("وزراء", lexicon) == ["وزراء"]
    assert split_clitics("بوتين", lexicon) == ["بوتين"]
    assert split_clitics("وبوتين", lexicon) == ["و", "بوتين"]
    assert split_clitics("لمدة", lexicon) == ["ل", "مدة"]
