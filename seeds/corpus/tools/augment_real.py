"""Give the real-news sentences more weight in training: copies of each GSR sentence that holds an event,
with its named arguments (agent, partner, place) swapped for other fillers of the same role.

The sentence around the arguments stays real text, so the model sees real-news syntax more often without
seeing the same names each time. Copies are deterministic (seeded by the sentence id), keep every offset
exact, and are checked by the eventx validator; a copy that fails is dropped and counted.

Usage: python seeds/corpus/tools/augment_real.py TRAIN.jsonl -o OUT.jsonl [--copies 2] [--seed 0]
OUT holds TRAIN's lines unchanged followed by the copies (ids `ID~augK`, source `gsr-augmented`).
"""
import argparse
import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "src"))

from eventx.arabic import MARKS  # noqa: E402
from eventx.corpus.annotations import AnnotatedDoc  # noqa: E402
from eventx.corpus.reader import iter_json_lines  # noqa: E402
from eventx.corpus.validate import check_doc  # noqa: E402
from eventx.ontology import DEFAULT_ONTOLOGY, Ontology  # noqa: E402
from eventx.tokenizer import load_lexicon  # noqa: E402

SWAP_ROLES = {"agent": "actor", "partner": "actor", "place": "place"}
MAX_FILLER_WORDS = 4


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in MARKS


def stands_alone(text: str, start: int, end: int) -> bool:
    """No letter glued to the span on either side (no clitic, no ل + ال fusion cut in two)."""
    return not ((start > 0 and is_word_char(text[start - 1])) or (end < len(text) and is_word_char(text[end])))


def filler_pools(docs):
    """Argument texts by pool (actor, place), from every sentence: short, no digits, standing alone."""
    pools = {"actor": set(), "place": set()}
    for doc in docs:
        for event in doc.get("events", []):
            for arg in event["arguments"]:
                pool = SWAP_ROLES.get(arg["role"])
                text = arg["text"]
                if (pool and len(text.split()) <= MAX_FILLER_WORDS and not any(c.isdigit() for c in text)
                        and stands_alone(doc["text"], arg["start"], arg["end"])):
                    pools[pool].add(text)
    return {name: sorted(texts) for name, texts in pools.items()}


def swappable_spans(doc):
    """(start, end) -> pool for the argument spans that can be replaced: every role the span has is swapped,
    in one pool; it stands alone (no letter glued on either side, so no clitic or the ل + ال fusion is
    touched); and it overlaps no other trigger or argument span."""
    pools_of = defaultdict(set)  # every trigger and argument span -> the pools its roles swap in
    for event in doc["events"]:
        pools_of[(event["trigger"]["start"], event["trigger"]["end"])].add(None)
        for arg in event["arguments"]:
            pools_of[(arg["start"], arg["end"])].add(SWAP_ROLES.get(arg["role"]))
    result = {}
    for (start, end), pools in pools_of.items():
        if len(pools) != 1 or None in pools or not stands_alone(doc["text"], start, end):
            continue  # a role that is not swapped, or one span in two pools: leave it
        if all(not (s < end and start < e) or (s, e) == (start, end) for s, e in pools_of):
            result[(start, end)] = next(iter(pools))
    return result


def augmented_copy(doc, pools, rng, k):
    spans = swappable_spans(doc)
    if not spans:
        return None
    text = doc["text"]
    replacement = {}
    for span, pool in sorted(spans.items()):
        original = text[span[0]:span[1]]
        choices = [t for t in pools[pool] if t != original]
        if choices:  # else the span keeps its text
            replacement[span] = rng.choice(choices)
    if not replacement:
        return None
    pieces, cursor = [], 0
    for (start, end), filler in sorted(replacement.items()):
        pieces += [text[cursor:start], filler]
        cursor = end
    new_text = "".join(pieces + [text[cursor:]])

    def moved(offset):
        # A replaced span overlaps no other span, so each offset shifts by the replacements that end at or before it.
        return offset + sum(len(filler) - (end - start) for (start, end), filler in replacement.items() if end <= offset)

    def span_of(obj):
        start, end = moved(obj["start"]), moved(obj["end"])
        return {**obj, "start": start, "end": end, "text": new_text[start:end]}

    events = []
    for event in doc["events"]:
        events.append({**event, "trigger": span_of(event["trigger"]),
                       "arguments": [span_of(a) for a in event["arguments"]]})
    return {**doc, "id": f"{doc['id']}~aug{k}", "source": "gsr-augmented", "text": new_text, "events": events}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    docs = [doc for _, doc in iter_json_lines(args.train)]
    pools = filler_pools(docs)
    copies = []
    for doc in docs:
        if doc.get("source") != "gsr" or not doc.get("events"):
            continue
        for k in range(1, args.copies + 1):
            key = f"{args.seed}:{doc['id']}:{k}".encode()
            rng = random.Random(int.from_bytes(hashlib.sha256(key).digest()[:8], "big"))
            copy = augmented_copy(doc, pools, rng, k)
            if copy is not None:
                copies.append(copy)
    ontology, lexicon = Ontology.from_file(DEFAULT_ONTOLOGY), load_lexicon()
    kept = [c for c in copies if not check_doc(AnnotatedDoc.model_validate(c), ontology, lexicon)]
    with args.output.open("w", encoding="utf-8") as out:
        out.write(args.train.read_text(encoding="utf-8"))
        for c in kept:
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(docs)} sentences read; {len(copies)} copies of real-news event sentences made, "
          f"{len(copies) - len(kept)} dropped by the validator; {len(docs) + len(kept)} lines written to {args.output}")
    print(f"filler pools: actor {len(pools['actor'])}, place {len(pools['place'])}")


if __name__ == "__main__":
    main()
