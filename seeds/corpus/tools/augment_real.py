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
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "src"))

from eventx.corpus.reader import iter_json_lines  # noqa: E402
from eventx.corpus.validate import validate_file  # noqa: E402
from eventx.ontology import DEFAULT_ONTOLOGY, Ontology  # noqa: E402
from eventx.tokenizer import load_lexicon  # noqa: E402

SWAP_ROLES = {"agent": "actor", "partner": "actor", "place": "place"}
MAX_FILLER_WORDS = 4


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


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
    """(start, end) -> pool for the argument spans that can be replaced: a swapped role, standing alone
    (no letter glued on either side, so no clitic or the ل + ال fusion is touched), and overlapping no other
    trigger or argument span."""
    text = doc["text"]
    spans = {}
    occupied = []
    for event in doc["events"]:
        occupied.append((event["trigger"]["start"], event["trigger"]["end"]))
        for arg in event["arguments"]:
            occupied.append((arg["start"], arg["end"]))
            pool = SWAP_ROLES.get(arg["role"])
            if pool is None:
                continue
            start, end = arg["start"], arg["end"]
            if not stands_alone(text, start, end):
                continue
            spans.setdefault((start, end), pool)
    result = {}
    for (start, end), pool in spans.items():
        if pool == "actor" and any(a["role"] == "place" and (a["start"], a["end"]) == (start, end)
                                   for e in doc["events"] for a in e["arguments"]):
            continue  # one span in two pools: leave it
        if all(not (s < end and start < e) or (s, e) == (start, end) for s, e in occupied):
            result[(start, end)] = pool
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
    # Rebuild the text; map every old offset that starts or ends a kept span to its new place.
    pieces, shift, cursor = [], {}, 0
    new_len = 0
    for (start, end) in sorted(replacement):
        pieces.append(text[cursor:start])
        new_len += start - cursor
        shift[("s", start)] = new_len
        pieces.append(replacement[(start, end)])
        new_len += len(replacement[(start, end)])
        shift[("e", end)] = new_len
        cursor = end
    pieces.append(text[cursor:])
    new_text = "".join(pieces)
    edits = sorted(replacement)

    def moved(offset, kind):
        if (kind, offset) in shift:
            return shift[(kind, offset)]
        delta = 0
        for start, end in edits:
            if end <= offset:
                delta += len(replacement[(start, end)]) - (end - start)
        return offset + delta

    def span_of(obj):
        start, end = moved(obj["start"], "s"), moved(obj["end"], "e")
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
    tmp = args.output.with_suffix(".copies.jsonl")
    tmp.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in copies), encoding="utf-8")
    problems = validate_file(tmp, Ontology.from_file(DEFAULT_ONTOLOGY), lexicon=load_lexicon())
    bad_lines = {p.line for p in problems}
    kept = [c for i, c in enumerate(copies, start=1) if i not in bad_lines]
    tmp.unlink()
    with args.output.open("w", encoding="utf-8") as out:
        out.write(args.train.read_text(encoding="utf-8"))
        for c in kept:
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(docs)} sentences read; {len(copies)} copies of real-news event sentences made, "
          f"{len(copies) - len(kept)} dropped by the validator; {len(docs) + len(kept)} lines written to {args.output}")
    print(f"filler pools: actor {len(pools['actor'])}, place {len(pools['place'])}")


if __name__ == "__main__":
    main()
