"""Build a pipeline whose trigger tagger and/or argument linker average those of several trained pipelines.

Two trainings of one config differ by several F1 points (models/README.md, rounds 6 to 8); averaging
their scores removes much of that variance, and pipelines that read different vectors (the default's
transformer, the CNN pipeline's CNN) err in different places still. Each member keeps its own copy of
the tok2vec (CNN or transformer) it listened to: a linker or a CNN pipeline's trigger tagger adds a CNN
per document, a transformer pipeline's trigger tagger adds a transformer.
"""
import copy
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from spacy.util import dot_to_object, set_dot_to_object

from .errors import Errors
from .loading import load_pipeline

TRIGGERS = "eventx_triggers"
ARGUMENTS = "eventx_arguments"
ENSEMBLES = {TRIGGERS: "eventx.TriggerEnsemble.v1", ARGUMENTS: "eventx.ArgumentEnsemble.v1"}
PARTS = {TRIGGERS: "trigger taggers", ARGUMENTS: "argument linkers"}
ONE = {TRIGGERS: "trigger tagger", ARGUMENTS: "argument linker"}


def _members(nlp, component: str) -> list:
    """The models and their configs of a component (its members, if it is an ensemble)."""
    model, config = nlp.get_pipe(component).model, nlp.get_pipe_config(component)["model"]
    if is_ensemble(nlp, component):
        return list(zip(model.layers, config["*"].values()))
    return [(model, config)]


def is_ensemble(nlp, component: str = ARGUMENTS) -> bool:
    """Whether the pipeline's component (by default the argument linker) averages several models."""
    return nlp.get_pipe_config(component)["model"].get("@architectures") == ENSEMBLES[component]


def _listener_paths(config: Dict, prefix: str = "model") -> List[Tuple[str, str]]:
    """(upstream, dotted path) of every listener in a component's model config."""
    found = []
    for key, value in config.items():
        if isinstance(value, dict):
            if "upstream" in value:
                found.append((value["upstream"], f"{prefix}.{key}"))
            else:
                found.extend(_listener_paths(value, f"{prefix}.{key}"))
    return found


def _own_tok2vec(nlp, component: str) -> None:
    """Give the component its own copies of the tok2vecs it listens to, so it can leave its pipeline."""
    paths = _listener_paths(nlp.get_pipe_config(component)["model"])
    for name, proc in nlp.pipeline:
        if component in getattr(proc, "listening_components", ()):
            mine = [path for upstream, path in paths if upstream in (name, "*")]
            if mine:
                _replace_listeners(nlp, name, component, mine)


def _replace_listeners(nlp, upstream: str, component: str, paths: List[str]) -> None:
    """nlp.replace_listeners, for listeners anywhere in the component's config.

    For an upstream whose config must be adapted to each listener (a transformer takes
    its listener's pooling), spaCy adapts it to whatever config sits at model.tok2vec;
    a listener inside an ensemble or beside another tok2vec (eventx.ConcatTok2Vec.v1)
    sits elsewhere. So the config of each path is rewritten here, from the listener
    that was there.
    """
    cfg = nlp.get_pipe_config(component)
    adapt = nlp.get_pipe(upstream).model.attrs.get("replace_listener_cfg")
    listeners = {path: copy.deepcopy(dot_to_object(cfg, path)) for path in paths}
    # spaCy reads the listener's config at model.tok2vec, which an ensemble's config lacks.
    stand_in = adapt is not None and "tok2vec" not in cfg["model"]
    if stand_in:
        cfg["model"]["tok2vec"] = listeners[paths[0]]
    nlp.replace_listeners(upstream, component, paths)
    if stand_in:
        del cfg["model"]["tok2vec"]
    if adapt is not None:
        upstream_cfg = nlp.get_pipe_config(upstream)["model"]
        for path, listener in listeners.items():
            set_dot_to_object(cfg, path, adapt(upstream_cfg, listener))


def _require(nlp, path: Path, component: str) -> None:
    if component not in nlp.pipe_names:
        reason = f"it has no {ONE[component]} ({component})"
        raise ValueError(Errors.E043.format(path=path, part=PARTS[component], reason=reason))


def _labels(nlp, component: str) -> Tuple:
    """What members must share with the base for the component: the labels the scores' columns mean."""
    cfg = nlp.get_pipe(component).cfg
    return (cfg["types"],) if component == TRIGGERS else (cfg["roles"], cfg["allowed"])


def ensemble_pipelines(base: Path, members: Sequence[Path], output: Path, *, version: str,
                       components: Sequence[str] = (TRIGGERS, ARGUMENTS)) -> Dict[str, int]:
    """Save `base` with components that average its own and those of `members`.

    base (Path): the pipeline that keeps everything else (tokenizer, transformer, the other component).
    members (Sequence[Path]): trained pipelines with the same tokenizer, types and roles.
    output (Path): where the new pipeline goes.
    version (str): the new pipeline's version (meta.json).
    components (Sequence[str]): which to average: eventx_triggers, eventx_arguments or both.
    RETURNS (Dict[str, int]): per averaged component, how many models it now averages.
    """
    from .models.argument_model import build_argument_ensemble
    from .models.trigger_model import build_trigger_ensemble

    builders = {TRIGGERS: build_trigger_ensemble, ARGUMENTS: build_argument_ensemble}
    nlp = load_pipeline(str(base))
    for component in components:
        _require(nlp, base, component)
    parts = {component: _members(nlp, component) for component in components}
    tokenizer = nlp.tokenizer.to_bytes()
    for path in members:
        other = load_pipeline(str(path))
        # The members score the base's tokens: their tokenizers (lexicon included) must be the base's.
        same_tokenizer = other.tokenizer.to_bytes() == tokenizer
        for component in components:
            _require(other, path, component)
            problems = [what for what, same in (
                ("tokenizer", same_tokenizer),
                ("types" if component == TRIGGERS else "roles and types",
                 _labels(other, component) == _labels(nlp, component)),
            ) if not same]
            if problems:
                reason = f"its {' and its '.join(problems)} differ from those of {base}"
                raise ValueError(Errors.E043.format(path=path, part=PARTS[component], reason=reason))
        for component in components:
            _own_tok2vec(other, component)
            parts[component].extend(_members(other, component))
    for component in components:
        pipe = nlp.get_pipe(component)
        pipe.model = builders[component](*(model for model, _ in parts[component]))
        if hasattr(pipe, "_sync_model"):
            pipe._sync_model()
        nlp.get_pipe_config(component)["model"] = {
            "@architectures": ENSEMBLES[component],
            "*": {f"member{k:02d}": config for k, (_, config) in enumerate(parts[component])}}
    nlp.meta["version"] = version
    nlp.to_disk(output)
    return {component: len(parts[component]) for component in components}


def ensemble_arguments(base: Path, members: Sequence[Path], output: Path, *, version: str) -> int:
    """Save `base` with an argument linker that averages its own linker and those of `members`.

    RETURNS (int): the number of linkers the new pipeline averages.
    """
    return ensemble_pipelines(base, members, output, version=version, components=(ARGUMENTS,))[ARGUMENTS]
