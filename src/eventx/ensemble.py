"""Build a pipeline whose argument linker averages the linkers of several trained pipelines.

Two trainings of one config differ by several argument-C points (models/README.md, rounds 6 to 8);
averaging the linkers' tag probabilities removes much of that variance. The linker reads only its
CNN tok2vec, so each added member costs a CNN and a BiLSTM per document, not a transformer.
"""
from pathlib import Path
from typing import Sequence

from .errors import Errors
from .loading import load_pipeline

ARGUMENTS = "eventx_arguments"
ENSEMBLE = "eventx.ArgumentEnsemble.v1"


def _members(nlp) -> list:
    """The argument models and their configs of a pipeline (its members, if it is an ensemble)."""
    model, config = nlp.get_pipe(ARGUMENTS).model, nlp.get_pipe_config(ARGUMENTS)["model"]
    if is_ensemble(nlp):
        return list(zip(model.layers, config["*"].values()))
    return [(model, config)]


def is_ensemble(nlp) -> bool:
    """Whether the pipeline's argument linker averages several linkers."""
    return nlp.get_pipe_config(ARGUMENTS)["model"].get("@architectures") == ENSEMBLE


def _own_tok2vec(nlp) -> None:
    """Give the linker its own copy of the tok2vec it listens to, so it can leave its pipeline."""
    config = nlp.get_pipe_config(ARGUMENTS)["model"]
    upstream = config.get("tok2vec", {}).get("upstream")
    if upstream:
        name = upstream if upstream != "*" else "tok2vec"
        nlp.replace_listeners(name, ARGUMENTS, ["model.tok2vec"])


def ensemble_arguments(base: Path, members: Sequence[Path], output: Path, *, version: str) -> int:
    """Save `base` with an argument linker that averages its own linker and those of `members`.

    base (Path): the pipeline that keeps everything else (tokenizer, transformer, triggers).
    members (Sequence[Path]): trained pipelines with the same tokenizer, roles and types.
    output (Path): where the new pipeline goes.
    version (str): the new pipeline's version (meta.json).
    RETURNS (int): the number of linkers the new pipeline averages.
    """
    from .models.argument_model import build_argument_ensemble

    nlp = load_pipeline(str(base))
    if ARGUMENTS not in nlp.pipe_names:
        raise ValueError(Errors.E043.format(path=base, reason="it has no argument linker"))
    linker = nlp.get_pipe(ARGUMENTS)
    parts = _members(nlp)
    tokenizer = nlp.tokenizer.to_bytes()
    for path in members:
        other = load_pipeline(str(path))
        if ARGUMENTS not in other.pipe_names:
            raise ValueError(Errors.E043.format(path=path, reason="it has no argument linker"))
        # The members score the base's tokens: their tokenizers (lexicon included) must be the base's.
        other_linker = other.get_pipe(ARGUMENTS)
        problems = [what for what, same in (
            ("tokenizer", other.tokenizer.to_bytes() == tokenizer),
            ("roles and types", (other_linker.cfg["roles"], other_linker.cfg["allowed"])
             == (linker.cfg["roles"], linker.cfg["allowed"])),
        ) if not same]
        if problems:
            reason = f"its {' and its '.join(problems)} differ from those of {base}"
            raise ValueError(Errors.E043.format(path=path, reason=reason))
        if is_ensemble(other):
            raise ValueError(Errors.E043.format(
                path=path, reason="it already averages several linkers; join the pipelines it was built from"))
        _own_tok2vec(other)
        parts.extend(_members(other))
    linker.model = build_argument_ensemble(*(model for model, _ in parts))
    linker._sync_model()
    nlp.get_pipe_config(ARGUMENTS)["model"] = {"@architectures": ENSEMBLE,
                                               "*": {f"member{k:02d}": config for k, (_, config) in enumerate(parts)}}
    nlp.meta["version"] = version
    nlp.to_disk(output)
    return len(parts)
