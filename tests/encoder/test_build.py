"""eventx build-encoder: the WordPiece vocabulary and the masked-LM pre-training of the small encoder."""
import pytest

from eventx.encoder import EncoderSettings, build_encoder
from eventx.encoder.build import _masked_lm_loss

from ..conftest import TRAIN_DOCS

TINY = dict(vocab_size=300, hidden_size=32, num_layers=1, num_heads=2, intermediate_size=64, batch_size=8)


@pytest.fixture(scope="module")
def texts():
    # The hand-built sentences, each in a few variants: enough text for a tiny vocabulary.
    base = [d["text"] for d in TRAIN_DOCS]
    return [f"{t} {u}" for t in base for u in base]


def test_pre_training_measures_held_out_text_every_epoch_and_saves_a_loadable_encoder(texts, tmp_path):
    from transformers import AutoModel, AutoTokenizer

    summary = build_encoder(texts, tmp_path / "enc", EncoderSettings(epochs=4, holdout=0.25, **TINY))
    assert summary["n_heldout"] == len(texts) // 4
    assert len(summary["train_loss_by_epoch"]) == len(summary["heldout_loss_by_epoch"]) == 4
    assert summary["heldout_loss_by_epoch"][-1] < summary["heldout_loss_by_epoch"][0]
    assert summary["heldout_unigram_loss"] > 0
    model = AutoModel.from_pretrained(str(tmp_path / "enc"))
    assert model.config.hidden_size == 32
    tokenizer = AutoTokenizer.from_pretrained(str(tmp_path / "enc"))
    text = "وَقّعَ الوزيرُ اتفاقيةً في ٢٠٢٤"
    enc = tokenizer(text, return_offsets_mapping=True)
    # Diacritics and digits are normalized for the encoder only: offsets index the text as given.
    assert tokenizer.backend_tokenizer.normalizer.normalize_str(text) == "وقع الوزير اتفاقية في 2024"
    assert all(0 <= s <= e <= len(text) for s, e in enc["offset_mapping"])


def test_the_loss_on_masked_positions_only_is_the_models_own_loss(texts, tmp_path):
    import torch
    from transformers import BertConfig, BertForMaskedLM, DataCollatorForLanguageModeling

    from eventx.encoder import train_wordpiece

    tokenizer = train_wordpiece(texts, tmp_path / "tok", vocab_size=300)
    model = BertForMaskedLM(BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1,
                                       num_attention_heads=2, intermediate_size=64))
    model.eval()
    torch.manual_seed(0)
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15)
    features = collator([{"input_ids": ids} for ids in tokenizer(texts[:8])["input_ids"]])
    with torch.no_grad():
        assert float(_masked_lm_loss(model, features)) == pytest.approx(float(model(**features).loss), abs=1e-5)


def test_nothing_held_out_trains_on_all_the_text(texts, tmp_path):
    summary = build_encoder(texts, tmp_path / "enc", EncoderSettings(epochs=1, holdout=0.0, **TINY))
    assert summary["n_heldout"] == 0 and summary["heldout_loss_by_epoch"] == [None]
    assert summary["heldout_unigram_loss"] is None and summary["final_mlm_loss"] > 0
