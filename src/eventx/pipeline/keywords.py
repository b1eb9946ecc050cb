"""The keyword baseline: a trigger is any token in the ontology's trigger lexicon.

A token matches as the trained pipelines' lexicon feature matches it
(arabic.lexicon_keys: spelling variants, the article, س, pronoun suffixes); where
two types list the word, the first type in the ontology wins. It finds no
arguments. It exists to measure what the trained model adds.
"""
from typing import Dict, Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..models.trigger_lexicon import build_lexicon, lexicon_columns
from ..ontology import Ontology
from .events import set_events


@Language.factory("eventx_keywords", assigns=["doc._.events", "doc.spans"], default_config={"ontology": None})
def make_keyword_tagger(nlp: Language, name: str, ontology: Optional[Dict]) -> "KeywordTriggerTagger":
    """Create a KeywordTriggerTagger; ontology is the dict form of an Ontology (None: configs/ontology.toml)."""
    onto = Ontology.from_dict(ontology) if ontology else Ontology.from_file()
    return KeywordTriggerTagger(onto)


class KeywordTriggerTagger:
    def __init__(self, ontology: Ontology):
        self.ontology = ontology
        self.types = ontology.type_names
        self.lexicon = build_lexicon(self.types, ontology.trigger_lists)

    def __call__(self, doc: Doc) -> Doc:
        events = []
        for token in doc:
            columns = lexicon_columns(token.text, self.lexicon)
            if columns:
                etype = self.types[min(columns)]
                events.append({"type": etype, "start": token.i, "end": token.i + 1, "modality": "asserted",
                               "polarity": "positive", "confidence": 1.0, "modality_confidence": 1.0,
                               "polarity_confidence": 1.0, "arguments": []})
        set_events(doc, events)
        return doc
