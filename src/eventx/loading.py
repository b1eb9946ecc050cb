"""Finding and loading pipelines, offline."""
import os
from pathlib import Path
from typing import Iterator, Optional

from .errors import Errors
from .ontology import REPO_ROOT, Ontology

DEFAULT_MODEL = REPO_ROOT / "models" / "ar_eventx_core"
KEYWORDS = "keywords"

# Models come from local folders only; never reach for a model hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def keyword_pipeline(ontology: Optional[Ontology] = None):
    """The keyword baseline as a spaCy pipeline (tokenizer, sentences, lexicon triggers)."""
    import spacy
    from spacy.pipeline import Sentencizer

    from . import tokenizer  # noqa: F401  (registers the tokenizer)
    from .pipeline import keywords  # noqa: F401

    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "eventx.ArabicTokenizer.v2"}}})
    nlp.add_pipe("sentencizer", config={"punct_chars": sorted(Sentencizer.default_punct_chars) + ["\n"]})
    nlp.add_pipe("eventx_keywords", config={"ontology": (ontology or Ontology.from_file()).to_dict()})
    nlp.meta["name"] = "keywords"
    nlp.meta["version"] = "1"
    return nlp


def load_pipeline(model: Optional[str] = None):
    """Load a pipeline: a folder, "keywords" for the baseline, or the shipped default when None.

    RETURNS (Language): the pipeline, with max_length raised so long articles are processed whole.
    """
    import spacy

    if model == KEYWORDS:
        return keyword_pipeline()
    path = Path(model) if model else DEFAULT_MODEL
    if not path.exists():
        if model:
            raise ValueError(Errors.E021.format(name=model, reason="no such folder"))
        raise ValueError(Errors.E020.format(path=path))
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError, KeyError) as e:
        raise ValueError(Errors.E021.format(name=path, reason=e)) from e
    ready_for_inference(nlp)
    return nlp


def ready_for_inference(nlp) -> None:
    """What every loaded pipeline gets, in this process or a worker: long
    articles processed whole, and matrix products on numpy's BLAS."""
    nlp.max_length = 10**9
    use_numpy_blas(nlp)


def thinc_layers(nlp) -> Iterator:
    """Every thinc layer of nlp's trainable components (Model.walk of each)."""
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            yield from model.walk()


def use_numpy_blas(nlp) -> None:
    """Run the matrix products of nlp's thinc layers on numpy's BLAS instead of blis.

    On CPU thinc multiplies with blis by default; numpy's OpenBLAS does the
    same products about twice as fast on this project's machines (the CNN
    tok2vec of the default pipeline: 2.3 s against 4.7 s for 1,500 sentences,
    on one thread), with results equal to float rounding. Layers on a GPU
    are left as they are.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for node in thinc_layers(nlp):
        if type(node.ops) is NumpyOps:
            node.ops = ops


def pipeline_ontology(nlp) -> Optional[Ontology]:
    """The ontology a pipeline was trained with (stored in its trigger component)."""
    for _, proc in nlp.pipeline:
        onto = getattr(proc, "ontology", None)
        if isinstance(onto, Ontology):
            return onto
    return None
