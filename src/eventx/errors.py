"""The catalogue of eventx's error and warning messages.

Every message has a code, so a user can search for it and a test can match it.
Raise as `ValueError(Errors.E001.format(...))`.
"""


class _Catalogue(type):
    def __getattribute__(cls, code):
        msg = super().__getattribute__(code)
        if code.startswith("__"):
            return msg
        return f"[{code}] {msg}"


class Errors(metaclass=_Catalogue):
    E001 = "Cannot read the ontology file {path}: {reason}"
    E002 = "Ontology {path}: event type {type!r} names role {role!r}, which is not defined under [roles]."
    E003 = "Ontology {path}: {problem}"
    E010 = "{path}:{line}: not valid JSON ({reason})."
    E011 = "{path}:{line}: {reason}"
    E012 = "{path}: not UTF-8 text ({reason})."
    E013 = "{path}: no such file or folder."
    E020 = ("No model given and no default model found at {path}. Name one with --model, "
            "or rebuild the default model as models/README.md describes.")
    E021 = "Cannot load the model {name}: {reason}"
    E030 = ("The lexicon file {path} cannot be read ({reason}). The tokenizer needs it to "
            "split clitics; rebuild it with `eventx build-lexicon`.")
    E040 = "The component '{name}' has no event types: initialize it with an ontology or labels."
    E041 = ("The config {config} has no [pretraining] section, so spaCy would ignore paths.init_tok2vec; "
            "use configs/cnn.cfg or configs/default.cfg, or add the section (spacy init fill-config --pretraining).")
    E042 = "No text to pre-train on: {paths} hold no document of at least 5 words."
    E043 = "{path} cannot join an ensemble of {part}: {reason}."
    E050 = "Unknown output format {fmt!r}; choose one of: {choices}."
    E060 = ("Cannot read the gazetteer file {path}: {reason}. Check the path, or pass "
            "include_default=True alone to use the shipped data.")
    E061 = "{path}:{line}: not valid JSON ({reason})."
    E062 = "{path}: not an eventx gazetteer ({reason}). See src/eventx/data/gazetteer.json for the format."
    E063 = "Offsets {start}:{end} are outside the text (length {length})."
    E051 = "{path} exists; pass --overwrite to replace it, or --resume to continue an interrupted run."
    E052 = ("{path} was written with {name}={before!r}; resume with the same setting (it changes the "
            "records), or start over with --overwrite.")
    E053 = ("This pipeline was quantized to int8 in this process and cannot be sent to spawned worker "
            "processes (they rebuild it from its float32 weights): load it again, or use n_process=1.")


class Warnings(metaclass=_Catalogue):
    W001 = ("{n} annotated span(s) in {path} do not fall on token boundaries and were skipped "
            "for training (first: {example}). Run `eventx validate` to list them.")
    W002 = "{n} gold argument(s) lie outside their trigger's sentence window and cannot be learned."
