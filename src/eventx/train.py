"""Training: a thin layer over `spacy train` that knows eventx's paths."""
import logging
import shutil
from pathlib import Path
from typing import Dict, Optional

from .ontology import DEFAULT_ONTOLOGY, REPO_ROOT

logger = logging.getLogger(__name__)
DEFAULT_CONFIG = REPO_ROOT / "configs" / "default.cfg"


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
