"""Every committed config loads, with every component registered (no --code needed)."""
from pathlib import Path

import pytest
from thinc.api import Config
from spacy.util import load_model_from_config

from ..conftest import REPO

CONFIGS = sorted(p for p in (REPO / "configs").glob("*.cfg") if not p.name.startswith("_"))


@pytest.mark.parametrize("path", CONFIGS, ids=[p.name for p in CONFIGS])
def test_config_loads(path: Path):
    config = Config().from_disk(path)
    nlp = load_model_from_config(config, auto_fill=False, validate=True)
    assert nlp.lang == "ar"
    assert "eventx_triggers" in nlp.pipe_names and "eventx_arguments" in nlp.pipe_names


def test_there_are_default_cnn_and_accuracy_configs():
    assert {p.name for p in CONFIGS} >= {"default.cfg", "cnn.cfg", "accuracy.cfg"}
