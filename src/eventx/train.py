"""Training: thin layers over `spacy train` and `spacy pretrain` that know eventx's paths."""
import json
import logging
import shutil
from pathlib import Path
from typing import Dict, Iterable, Optional

from .errors import Errors
from .ontology import DEFAULT_ONTOLOGY, REPO_ROOT

logger = logging.getLogger(__name__)
DEFAULT_CONFIG = REPO_ROOT / "configs" / "default.cfg"
CNN_CONFIG = REPO_ROOT / "configs" / "cnn.cfg"


def _has_pretraining(config: Path) -> bool:
    from thinc.api import Config

    return bool(Config().from_disk(config, interpolate=False).get("pretraining"))


def pretrain_tok2vec(texts: Iterable[str], output: Path, *, config: Path = CNN_CONFIG, epochs: int = 16,
                     seed: int = 0, overrides: Optional[Dict[str, object]] = None) -> Path:
    """Pre-train the config's CNN tok2vec on raw text with spaCy's masked-LM objective
    (15% of the words masked; predict each masked word's first and last characters).

    texts (Iterable[str]): Arabic text, e.g. the articles of an archive.
    output (Path): a folder for the weights of each epoch (modelN.bin), model-last.bin and log.jsonl.
    config (Path): the training config whose tok2vec is pre-trained; train with the same one.
    epochs (int): passes over the text.
    seed (int): random seed.
    overrides (Optional[Dict]): config overrides (they must match those of the training).
    RETURNS (Path): the weights to train from: `eventx train ... --set paths.init_tok2vec=PATH`.
    """
    from spacy.training.pretrain import pretrain
    from thinc.api import Config

    from . import loading  # noqa: F401  (sets offline mode)

    if not _has_pretraining(config):
        raise ValueError(Errors.E041.format(config=config))
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    raw = output / "raw_text.jsonl"
    n_docs = 0
    with raw.open("w", encoding="utf8") as f:
        for text in texts:
            if len(text.split()) >= 5:  # spaCy's pretraining corpus skips shorter documents
                f.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
                n_docs += 1
    if not n_docs:
        raise ValueError(Errors.E042.format(paths=raw))
    settings = {"paths.raw_text": str(raw), "paths.ontology": str(DEFAULT_ONTOLOGY),
                "pretraining.max_epochs": epochs, "system.seed": seed, **(overrides or {})}
    pretrain(Config().from_disk(config, overrides=settings), output, silent=False)
    return output / "model-last.bin"


def train_pipeline(train_path: Path, dev_path: Path, output: Path, *, config: Path = DEFAULT_CONFIG,
                   ontology: Path = DEFAULT_ONTOLOGY, overrides: Optional[Dict[str, object]] = None,
                   name: str = "ar_eventx_core", version: str = "0.1.0") -> Path:
    """Train a pipeline and save the best one (by dev score) to output.

    train_path (Path): training data (ANNOTATION.md JSON Lines, a file or folder).
    dev_path (Path): development data, for model selection.
    output (Path): where the trained pipeline goes (output/model-best is copied to output).
    config (Path): the training config (configs/default.cfg, configs/cnn.cfg, ...).
    ontology (Path): the ontology TOML file.
    overrides (Optional[Dict]): config overrides, e.g. {"training.max_steps": 2000}.
    RETURNS (Path): the folder of the best pipeline.
    """
    import spacy
    from spacy.cli.train import train as spacy_train

    from . import loading  # noqa: F401  (sets offline mode)

    if (overrides or {}).get("paths.init_tok2vec") and not _has_pretraining(config):
        raise ValueError(Errors.E041.format(config=config))
    settings = {"paths.train": str(Path(train_path).resolve()), "paths.dev": str(Path(dev_path).resolve()),
                "paths.ontology": str(Path(ontology).resolve()),
                "paths.encoder": str(REPO_ROOT / "models" / "encoder")}
    settings.update(overrides or {})
    work = Path(output).with_name(Path(output).name + ".training")
    spacy_train(Path(config), output_path=work, overrides=settings)
    best = work / "model-best"
    nlp = spacy.load(best)
    # Saved configs name repository paths relative to the repository, not this machine.
    for section, key in (("paths", "train"), ("paths", "dev"), ("paths", "ontology"), ("paths", "encoder")):
        value = nlp.config.get(section, {}).get(key)
        if isinstance(value, str) and value.startswith(str(REPO_ROOT) + "/"):
            nlp.config[section][key] = value[len(str(REPO_ROOT)) + 1:]
    trf = nlp.config["components"].get("transformer")
    if trf and str(trf["model"].get("name", "")).startswith(str(REPO_ROOT) + "/"):
        trf["model"]["name"] = trf["model"]["name"][len(str(REPO_ROOT)) + 1:]
    nlp.meta["name"] = name.split("_", 1)[1] if name.startswith("ar_") else name
    nlp.meta["version"] = version
    if Path(output).exists():
        shutil.rmtree(output)
    nlp.to_disk(output)
    return Path(output)
