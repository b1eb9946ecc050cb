"""Build seeds/corpus/{train,dev,test}.jsonl from the annotators' light files.

1. Convert every raw light file (seeds/corpus/raw/*.light.jsonl, except the
   second-pass files, which only measure agreement) to ANNOTATION.md records.
2. Apply the adjudicated corrections (seeds/corpus/raw/adjudication*.jsonl: whole
   corrected lines in the light format, replacing the line with the same id).
3. Group sentences that share a 6-word sequence (near-duplicates) so a group
   never straddles two splits.
4. Assign groups to train/dev/test (68/16/16) deterministically within each
   stratum (GSR, and the authored sentences of each focus type), from texts and
   ids only, so correcting an annotation never moves a sentence; write the splits, plus test_real.jsonl: the real
   news (GSR) sentences of the test split alone.

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


def stratum(rec):
    """The sentence's origin and focus (auth-sign, auth-meet, ..., gsr, seed), known from its id."""
    if rec.get("source") == "seed":
        return "seed"
    return "-".join(rec["id"].split("-")[:2]) if rec["id"].startswith("auth-") else "gsr"


def assign_splits(records, groups):
    """Deterministic and stable: depends on texts and ids only, never on annotations.

    Within each stratum, groups (in the order of a hash of their first id) go to
    the split furthest below its share of the stratum's sentences. Correcting an
    annotation so never moves a sentence from one split to another.
    """
    def key(group):
        return hashlib.sha1(min(records[i]["id"] for i in group).encode()).hexdigest()

    out = {s: [] for s in SPLITS}
    by_stratum = {}
    for group in groups:
        names = Counter(stratum(records[i]) for i in group)
        by_stratum.setdefault(names.most_common(1)[0][0], []).append(group)
    for name, members in sorted(by_stratum.items()):
        filled = Counter()
        total = sum(len(g) for g in members)
        for group in sorted(members, key=key):
            if name == "seed":  # the worked example always trains
                split = "train"
            else:
                split = max(SPLITS, key=lambda s: SPLITS[s] * total - filled[s])
            filled[split] += len(group)
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
    # The real news of the test split alone: the closest thing to unseen news.
    real = [i for i in splits["test"] if records[i].get("source") == "gsr"]
    with (CORPUS / "test_real.jsonl").open("w", encoding="utf8") as f:
        for i in real:
            f.write(json.dumps(records[i], ensure_ascii=False) + "\n")
    print(f"test_real (GSR sentences of test): {len(real)} sentences")


if __name__ == "__main__":
    main()
