"""Train a WordPiece tokenizer and pre-train a small BERT with masked LM."""
import logging
import math
import random
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, List, Optional

logger = logging.getLogger(__name__)

# Arabic-Indic and Eastern Arabic-Indic digits read as ASCII digits, so that
# "٢٠٢٤" and "2024" share wordpieces. Normalizers keep the offset mapping, so
# spans still index the original text.
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)}
_DIGITS.update({chr(0x06F0 + i): str(i) for i in range(10)})


@dataclass
class EncoderSettings:
    """Size and training settings of the encoder.

    The defaults (those of the shipped models/encoder) are sized for a 2-core
    CPU: a model small enough for fast extraction, deep enough to carry context.
    `holdout` is the share of the texts kept out of pre-training to measure the
    masked-LM loss on text the encoder has not learned from, after every epoch.
    """

    vocab_size: int = 8000
    hidden_size: int = 192
    num_layers: int = 3
    num_heads: int = 4
    intermediate_size: int = 768
    max_length: int = 128
    epochs: int = 15
    batch_size: int = 32
    learning_rate: float = 1e-3
    mlm_probability: float = 0.15
    holdout: float = 0.05
    seed: int = 0


def _normalizer():
    from tokenizers import normalizers

    steps = [normalizers.NFKC(), normalizers.Replace("\u0640", "")]  # tatweel
    steps += [normalizers.Replace(k, v) for k, v in _DIGITS.items()]
    # Diacritics (harakat, shadda, sukun, superscript alef) are dropped for the
    # encoder only; the document text and its offsets are untouched.
    steps += [normalizers.Replace(chr(c), "") for c in list(range(0x064B, 0x0660)) + [0x0670]]
    return normalizers.Sequence(steps)


def train_wordpiece(texts: Iterable[str], output_dir: Path, *, vocab_size: int = 8000):
    """Train a WordPiece tokenizer on texts and save it as a fast HF tokenizer.

    texts (Iterable[str]): the training text.
    output_dir (Path): folder to save tokenizer.json and its config into.
    vocab_size (int): size of the vocabulary.
    RETURNS (PreTrainedTokenizerFast): the tokenizer.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = _normalizer()
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=special, min_frequency=2)
    tokenizer.train_from_iterator(texts, trainer=trainer)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]",
        cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]", model_max_length=512,
    )
    fast.save_pretrained(str(output_dir))
    return fast


def build_encoder(texts: List[str], output_dir: Path, settings: EncoderSettings = EncoderSettings()):
    """Train the tokenizer, pre-train the encoder with masked LM, save both.

    texts (List[str]): Arabic text, one passage each.
    output_dir (Path): the local model folder to write (config, weights, tokenizer).
    settings (EncoderSettings): sizes and training settings.
    RETURNS (dict): training summary: steps, the mean training loss and the held-out
        loss of every epoch, the unigram baseline of the held-out text, and the settings.
    """
    import torch
    from transformers import BertConfig, BertForMaskedLM, DataCollatorForLanguageModeling

    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    tokenizer = train_wordpiece(texts, output_dir, vocab_size=settings.vocab_size)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size, hidden_size=settings.hidden_size,
        num_hidden_layers=settings.num_layers, num_attention_heads=settings.num_heads,
        intermediate_size=settings.intermediate_size, max_position_embeddings=512,
    )
    model = BertForMaskedLM(config)
    encoded = tokenizer(texts, truncation=True, max_length=settings.max_length)["input_ids"]
    order = list(range(len(encoded)))
    random.Random(settings.seed).shuffle(order)
    n_held = int(len(encoded) * settings.holdout)
    held = [encoded[i] for i in sorted(order[:n_held])]
    encoded = [encoded[i] for i in sorted(order[n_held:])]
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=settings.mlm_probability)
    # The held-out text is masked once, with its own seed, so every epoch is measured alike;
    # the training masks draw from the generator as they would with nothing held out.
    state = torch.get_rng_state()
    torch.manual_seed(settings.seed + 1)
    held_batches = [collator([{"input_ids": ids} for ids in held[i:i + settings.batch_size]])
                    for i in range(0, len(held), settings.batch_size)]
    torch.set_rng_state(state)
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings.learning_rate, weight_decay=0.01)
    n_steps = settings.epochs * math.ceil(len(encoded) / settings.batch_size)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=settings.learning_rate, total_steps=n_steps, pct_start=0.1
    )
    step, train_losses, held_losses = 0, [], []
    for epoch in range(settings.epochs):
        model.train()
        # Batches of similar length waste less compute on padding.
        by_length = sorted(range(len(encoded)), key=lambda i: (len(encoded[i]), random.random()))
        batches = [by_length[i:i + settings.batch_size] for i in range(0, len(by_length), settings.batch_size)]
        random.shuffle(batches)
        total = 0.0
        for batch in batches:
            loss = _masked_lm_loss(model, collator([{"input_ids": encoded[i]} for i in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            total += loss.item()
        train_losses.append(round(total / len(batches), 4))
        held_losses.append(round(_held_out_loss(model, held_batches), 4) if held_batches else None)
        logger.info("epoch %d/%d step %d: mlm loss %.3f, held-out %s", epoch + 1, settings.epochs, step,
                    train_losses[-1], held_losses[-1])
    model.bert.save_pretrained(str(output_dir))
    return {"steps": step, "final_mlm_loss": train_losses[-1] if train_losses else None,
            "final_heldout_loss": held_losses[-1] if held_losses else None,
            "heldout_unigram_loss": _unigram_loss(encoded, held_batches, tokenizer.vocab_size),
            "train_loss_by_epoch": train_losses, "heldout_loss_by_epoch": held_losses,
            "n_texts": len(texts), "n_heldout": len(held), **asdict(settings)}


def _masked_lm_loss(model, features):
    """The masked-LM loss, with the vocabulary projection run on the masked positions only:
    the same value as the model's own loss, at about half the cost for a small encoder."""
    import torch

    labels = features["labels"]
    hidden = model.bert(input_ids=features["input_ids"], attention_mask=features.get("attention_mask")).last_hidden_state
    masked = labels != -100
    logits = model.cls(hidden[masked])
    return torch.nn.functional.cross_entropy(logits, labels[masked])


def _held_out_loss(model, batches) -> float:
    import torch

    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for features in batches:
            n = int((features["labels"] != -100).sum())
            if n:
                total += float(_masked_lm_loss(model, features)) * n
                count += n
    return total / count if count else float("nan")


def _unigram_loss(encoded: List[List[int]], held_batches, vocab_size: int) -> Optional[float]:
    """The held-out loss of guessing every masked piece from piece frequencies alone (add-one
    smoothed): what an encoder that learned nothing of context would score."""
    if not held_batches:
        return None
    counts = Counter(i for ids in encoded for i in ids)
    total = sum(counts.values()) + vocab_size
    loss, n = 0.0, 0
    for features in held_batches:
        labels = features["labels"]
        for label in labels[labels != -100].tolist():
            loss -= math.log((counts[label] + 1) / total)
            n += 1
    return round(loss / n, 4) if n else None
