"""Int8 inference: the transformer quantized, the events of float32 kept."""
from eventx.loading import load_pipeline
from eventx.quantize import quantize_int8
from eventx.scoring import doc_events_in_chars

from ..conftest import DEFAULT_MODEL, REPO, SEED_ARTICLE


def _events(nlp, text):
    events = doc_events_in_chars(nlp(text))
    return [(ev["type"], ev["start"], ev["end"], sorted((a["role"], a["start"], a["end"]) for a in ev["arguments"]))
            for ev in events]


def test_int8_transformer_keeps_the_seed_events(default_nlp):
    text = SEED_ARTICLE.read_text(encoding="utf8")
    nlp = load_pipeline(str(DEFAULT_MODEL))  # its own copy: quantizing is in place
    assert quantize_int8(nlp) == 1  # the encoder; the argument model's LSTM has no linear layer
    assert quantize_int8(nlp) == 0  # already quantized
    quantized = _events(nlp, text)
    assert len(quantized) > 5
    assert quantized == _events(default_nlp, text)


def test_a_pipeline_without_torch_layers_is_left_alone():
    text = "وقع وزير الخارجية اتفاقية تعاون مع نظيره الأردني أمس."
    nlp = load_pipeline(str(REPO / "models" / "ar_eventx_cnn"))
    before = _events(nlp, text)
    assert quantize_int8(nlp) == 0
    assert _events(nlp, text) == before
