"""Build seeds/corpus/{train,dev,test}.jsonl from the annotators' light files.

1. Convert every raw light file (seeds/corpus/raw/*.light.jsonl, except the
   second-pass files, which only measure agreement) to ANNOTATION.md records.
2. Apply the adjudicated corrections (seeds/corpus/raw/adjudication*.jsonl: whole
   corrected lines in the light format, replacing the line with the same id).
3. Group sentences that share a 6-word sequence (near-duplicates) so a group
   never straddles two splits.
4. Assign groups to train/dev/test: a group holding a sentence of the last
   build stays in that sentence's split (splits.tsv), a new group goes where a
   hash of its first id points (68/16/16), so neither correcting an annotation
   nor adding a batch moves a sentence (a new sentence that is a near-duplicate
   of old sentences in two splits is left out, and listed); write the splits, splits.tsv, and
   test_real.jsonl: the real news (GSR) sentences of the test split alone.

Usage: python seeds/corpus/tools/build_corpus.py
"""
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import light_to_gold  # noqa: E402
from corpus_stats import ngrams  # noqa: E402

CORPUS = HERE.parent
RAW = CORPUS / "raw"
SEED_GOLD = CORPUS.parents[1].parent / "shared" / "data" / "seed_gold.jsonl"
SPLITS = {"train": 0.68, "dev": 0.16, "test": 0.16}
LOCK = CORPUS / "splits.tsv"


def read_locked():
    """id -> split of every sentence of the last build (splits.tsv)."""
    if not LOCK.exists():
        return {}
    return dict(line.rstrip("\n").split("\t") for line in LOCK.open(encoding="utf8") if line.strip())


def load_light(path):
    return [json.loads(line) for line in path.open(encoding="utf8") if line.strip()]


def load_all():
    ontology = light_to_gold.load_ontology()
    corrections = {}
    for adjudication in sorted(RAW.glob("adjudication*.jsonl")):
        corrections.update({obj["id"]: obj for obj in load_light(adjudication)})
    records, problems = [], []
    files = sorted(p for p in RAW.glob("*.light.jsonl") if not p.name.startswith(("second_pass", "adjudication")))
    for path in files:
        for lineno, obj in enumerate(load_light(path), 1):
            obj = corrections.get(obj["id"], obj)
            try:
                records.append(light_to_gold.convert_line(obj, ontology))
            except (ValueError, KeyError, TypeError, IndexError) as e:
                problems.append(f"{path}:{lineno}: {e}")
    if SEED_GOLD.exists():
        for line in SEED_GOLD.open(encoding="utf8"):
            rec = json.loads(line)
            rec["source"] = "seed"
            records.append(rec)
    return records, problems


def group_near_duplicates(records):
    """Union-find over sentences sharing a 6-word sequence."""
    parent = list(range(len(records)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner = {}
    for i, rec in enumerate(records):
        for gram in ngrams(rec["text"]):
            if gram in owner:
                parent[find(i)] = find(owner[gram])
            else:
                owner[gram] = i
    groups = {}
    for i in range(len(records)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def without_bridges(records, locked):
    """Leave out new sentences whose near-duplicate group holds old sentences of two splits.

    Such a sentence would pull old sentences into one split, so a model
    trained before would find its training sentences in dev or test. Old
    groups never straddle (the last build kept them apart), so dropping the
    new members of a straddling group and grouping again settles it; repeat
    until no group straddles. RETURNS (records kept, ids left out).
    """
    left_out = []
    while True:
        bridged = set()
        for group in group_near_duplicates(records):
            if len({locked[records[i]["id"]] for i in group if records[i]["id"] in locked}) > 1:
                bridged.update(records[i]["id"] for i in group if records[i]["id"] not in locked)
        if not bridged:
            return records, sorted(left_out)
        left_out.extend(bridged)
        records = [r for r in records if r["id"] not in bridged]


def assign_splits(records, groups, locked):
    """Deterministic and stable: depends on texts, ids and past splits only, never on annotations.

    A group that holds a sentence of an earlier build (`locked`: id -> split,
    from splits.tsv) goes where that sentence was (the smallest such id, if a
    new sentence joins groups of two splits). A new group goes to the split
    that a hash of its first id points to (68/16/16 of the hash range).
    Correcting an annotation never moves a sentence, and a new batch lands in
    the splits without moving old ones. (An earlier rule filled the splits
    greedily within each stratum; adding round 2 moved about 190 old sentences
    that way. Hashing the first id alone would have moved 18 in round 3, where
    new near-duplicates with smaller ids joined old groups: hence the lock.)
    """
    cuts, total = [], 0.0
    for split, share in SPLITS.items():
        total += share
        cuts.append((total, split))

    def split_of(group):
        if any(records[i].get("source") == "seed" for i in group):  # the worked example always trains
            return "train"
        old = sorted(records[i]["id"] for i in group if records[i]["id"] in locked)
        if old:
            return locked[old[0]]
        first = min(records[i]["id"] for i in group)
        point = int(hashlib.sha1(first.encode()).hexdigest()[:8], 16) / 16**8
        return next(split for cut, split in cuts if point < cut)

    out = {s: [] for s in SPLITS}
    for group in groups:
        out[split_of(group)].extend(group)
    return {s: sorted(idx, key=lambda i: records[i]["id"]) for s, idx in out.items()}


def main():
    records, problems = load_all()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(f"{len(problems)} problem(s) in the raw files; nothing written")
    ids = Counter(r["id"] for r in records)
    dupes = [i for i, n in ids.items() if n > 1]
    if dupes:
        sys.exit(f"duplicate ids: {dupes[:10]}")
    locked = read_locked()
    records, left_out = without_bridges(records, locked)
    if left_out:
        print(f"{len(left_out)} new sentence(s) left out: near-duplicates of old sentences in two splits, "
              "they would have moved one: " + ", ".join(left_out))
    groups = group_near_duplicates(records)
    splits = assign_splits(records, groups, locked)
    moved = [records[i]["id"] for split, idx in splits.items() for i in idx
             if locked.get(records[i]["id"], split) != split]
    if moved:
        print(f"{len(moved)} sentence(s) moved to another split (a new sentence joined groups of two splits): "
              + ", ".join(moved))
    with LOCK.open("w", encoding="utf8") as f:
        f.write("".join(f"{records[i]['id']}\t{split}\n" for split, idx in splits.items() for i in idx))
    for split, idx in splits.items():
        with (CORPUS / f"{split}.jsonl").open("w", encoding="utf8") as f:
            for i in idx:
                f.write(json.dumps(records[i], ensure_ascii=False) + "\n")
        print(f"{split}: {len(idx)} sentences")
    # The real news of the test split alone: the closest thing to unseen news.
    real = [i for i in splits["test"] if records[i].get("source") == "gsr"]
    with (CORPUS / "test_real.jsonl").open("w", encoding="utf8") as f:
        for i in real:
            f.write(json.dumps(records[i], ensure_ascii=False) + "\n")
    print(f"test_real (GSR sentences of test): {len(real)} sentences")


if __name__ == "__main__":
    main()
