"""Build seeds/corpus/{train,dev,test}.jsonl from the annotators' light files.

1. Convert every raw light file (seeds/corpus/raw/*.light.jsonl, except the
   second-pass files, which only measure agreement) to ANNOTATION.md records.
2. Apply the adjudicated corrections (seeds/corpus/raw/adjudication*.jsonl: whole
   corrected lines in the light format, replacing the line with the same id).
3. Group sentences that share a 6-word sequence (near-duplicates) so a group
   never straddles two splits.
4. Assign groups to train/dev/test (70/15/15) deterministically, balancing the
   event counts per type, and write the splits.

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
SPLITS = {"train": 0.70, "dev": 0.15, "test": 0.15}


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


def assign_splits(records, groups):
    """Greedy, deterministic: each group goes where its event types are most under target."""
    def key(group):
        return hashlib.sha1(min(records[i]["id"] for i in group).encode()).hexdigest()

    totals = Counter()
    for rec in records:
        totals.update(ev["type"] for ev in rec["events"])
        totals["_sentences"] += 1
    filled = {s: Counter() for s in SPLITS}
    out = {s: [] for s in SPLITS}
    # Seed paragraphs (the worked example) always train.
    for group in sorted(groups, key=key):
        counts = Counter()
        for i in group:
            counts.update(ev["type"] for ev in records[i]["events"])
            counts["_sentences"] += 1
        if any(records[i].get("source") == "seed" for i in group):
            split = "train"
        else:
            def deficit(s):
                return sum(SPLITS[s] * totals[k] - filled[s][k] for k in counts) / max(1, len(counts))
            split = max(SPLITS, key=deficit)
        filled[split].update(counts)
        out[split].extend(group)
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
    groups = group_near_duplicates(records)
    splits = assign_splits(records, groups)
    for split, idx in splits.items():
        with (CORPUS / f"{split}.jsonl").open("w", encoding="utf8") as f:
            for i in idx:
                f.write(json.dumps(records[i], ensure_ascii=False) + "\n")
        print(f"{split}: {len(idx)} sentences")


if __name__ == "__main__":
    main()
