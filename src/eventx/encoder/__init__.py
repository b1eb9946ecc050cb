"""Build the small Arabic encoder that the default pipeline fine-tunes.

The encoder is a BERT-style transformer whose WordPiece vocabulary is trained on
Arabic news text and whose weights are pre-trained with a masked-language-model
objective on the same text. It is saved as a local Hugging Face folder, so the
default config loads it by path, offline.
"""
from .build import EncoderSettings, build_encoder, train_wordpiece

__all__ = ["EncoderSettings", "build_encoder", "train_wordpiece"]
