import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
SEED_ARTICLE = REPO / "seeds" / "seed_article.txt"
DEFAULT_MODEL = REPO / "models" / "ar_eventx_core"

# Hand-built Arabic sentences with their events, in the ANNOTATION.md format.
# Offsets are computed from the span texts, never typed by hand.


def _span(text, part, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "text": part}


def _doc(doc_id, text, events):
    out = []
    for etype, trigger, args in events:
        out.append({"type": etype, "trigger": _span(text, trigger), "modality": "asserted",
                    "polarity": "positive",
                    "arguments": [{"role": role, **_span(text, part)} for role, part in args]})
    return {"id": doc_id, "text": text, "events": out}


TRAIN_DOCS = [
    _doc("t1", "وقع وزير الخارجية المصري اتفاقية تعاون مع نظيره الأردني في عمان أمس.",
         [("SIGN", "وقع", [("agent", "وزير الخارجية المصري"), ("object", "اتفاقية تعاون"),
                           ("partner", "نظيره الأردني"), ("place", "عمان"), ("time", "أمس")])]),
    _doc("t2", "والتقى الرئيس التونسي وفدا من البنك الدولي في قرطاج.",
         [("MEET", "التقى", [("agent", "الرئيس التونسي"), ("partner", "وفدا من البنك الدولي"), ("place", "قرطاج")])]),
    _doc("t3", "ومدد مجلس الأمن مهمة البعثة الأممية في ليبيا عاما إضافيا.",
         [("EXTEND", "مدد", [("agent", "مجلس الأمن"), ("object", "مهمة البعثة الأممية"),
                              ("place", "ليبيا"), ("duration", "عاما إضافيا")])]),
    _doc("t4", "نشرت الحكومة ألفي جندي في وادي سوات.",
         [("DEPLOY", "نشرت", [("agent", "الحكومة"), ("object", "ألفي جندي"), ("place", "وادي سوات")])]),
    _doc("t5", "وقع الانفجار قرب السوق المركزي صباح اليوم.", []),
    _doc("t6", "نشرت الصحيفة تقريرا عن الاقتصاد.", []),
]


@pytest.fixture
def train_docs():
    return [json.loads(json.dumps(d)) for d in TRAIN_DOCS]


@pytest.fixture
def train_file(tmp_path, train_docs):
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in train_docs), encoding="utf8")
    return path


@pytest.fixture(scope="session")
def default_nlp():
    from eventx.loading import load_pipeline

    if not DEFAULT_MODEL.exists():
        pytest.fail(f"the shipped model is missing: {DEFAULT_MODEL}")
    return load_pipeline(None)
