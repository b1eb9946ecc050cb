"""Write the filled configs from their parts (_base.cfg + _*_part.cfg).

    python configs/build_configs.py

default.cfg: transformer (the small local encoder) + CNN features (hash
embeddings of norms, prefixes, suffixes, shapes): the trigger tagger reads both
side by side, the argument linker the CNN's alone (on dev it linked arguments
better so: 51.9 against 49.7 arg-C F1 with both). transformer.cfg: the transformer alone. cnn.cfg: the CNN alone.
accuracy.cfg: a public pretrained Arabic encoder (CAMeLBERT-MSA) alone.
The configs with a CNN tok2vec carry spaCy's [pretraining] section, for
`eventx pretrain` and `--set paths.init_tok2vec=...`.
"""
from pathlib import Path

from spacy.cli.init_config import fill_config
from spacy.pipeline import Sentencizer
from thinc.api import Config

import eventx.corpus.reader  # noqa: F401  (registers the reader)
import eventx.pipeline.argument_linker  # noqa: F401
import eventx.pipeline.trigger_tagger  # noqa: F401
import eventx.tokenizer  # noqa: F401

HERE = Path(__file__).resolve().parent
PUNCT = sorted(Sentencizer.default_punct_chars) + ["\n"]


def part(name: str, *, components_only: bool = False) -> str:
    text = (HERE / name).read_text(encoding="utf8")
    if components_only:  # the transformer component without its listeners
        text = text[:text.index("[components.eventx_triggers.model.tok2vec]")]
    return text


def trf_schedule(c: Config, *, encoder: str, rate: float, steps: int) -> None:
    c["paths"]["encoder"] = encoder
    c["training"]["max_steps"] = steps
    c["training"]["optimizer"]["learn_rate"] = {"@schedules": "warmup_linear.v1", "warmup_steps": 250,
                                                "total_steps": steps, "initial_rate": rate}


def build(parts: str, pipeline, out: str, extra=None, header: str = "") -> None:
    c = Config().from_str((HERE / "_base.cfg").read_text(encoding="utf8") + "\n" + parts, interpolate=False)
    c["components"]["sentencizer"]["punct_chars"] = PUNCT
    c["nlp"]["pipeline"] = pipeline
    if extra:
        extra(c)
    path = HERE / out
    path.write_text(c.to_str(), encoding="utf8")
    # A CNN tok2vec can start from `eventx pretrain` weights (paths.init_tok2vec),
    # which spaCy reads only where the config has a [pretraining] section.
    fill_config(path, path, silent=True, pretraining="tok2vec" in pipeline)
    if header:
        path.write_text(header + path.read_text(encoding="utf8"), encoding="utf8")
    print("wrote", path)


def main() -> None:
    build(part("_cnn_part.cfg"), ["sentencizer", "tok2vec", "eventx_triggers", "eventx_arguments"], "cnn.cfg")
    build(part("_trf_part.cfg"), ["sentencizer", "transformer", "eventx_triggers", "eventx_arguments"],
          "transformer.cfg", lambda c: trf_schedule(c, encoder="models/encoder", rate=5e-4, steps=2000))
    build(part("_trf_part.cfg", components_only=True) + "\n" + part("_hybrid_part.cfg"),
          ["sentencizer", "tok2vec", "transformer", "eventx_triggers", "eventx_arguments"], "default.cfg",
          lambda c: trf_schedule(c, encoder="models/encoder", rate=1e-3, steps=4000))

    def accuracy(c: Config) -> None:
        trf_schedule(c, encoder="CAMeL-Lab/bert-base-arabic-camelbert-msa", rate=5e-5, steps=6000)
        c["system"]["gpu_allocator"] = "pytorch"
        c["components"]["transformer"]["model"]["mixed_precision"] = True
        for name in ("eventx_triggers", "eventx_arguments"):
            c["components"][name]["model"]["hidden_width"] = 256

    build(part("_trf_part.cfg"), ["sentencizer", "transformer", "eventx_triggers", "eventx_arguments"],
          "accuracy.cfg", accuracy, header=(
              "# Accuracy config: fine-tunes a public pretrained Arabic encoder (CAMeLBERT-MSA).\n"
              "# Needs the model hub once (or a local copy: --set paths.encoder=/path) and, in practice,\n"
              "# a GPU: eventx train ... --config configs/accuracy.cfg\n"
              "# (AraBERT v2: --set paths.encoder=aubmindlab/bert-base-arabertv02)\n"))


if __name__ == "__main__":
    main()
