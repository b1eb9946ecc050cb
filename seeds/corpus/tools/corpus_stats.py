"""Measure the corpus: every count the data card reports comes from here.

Usage: python seeds/corpus/tools/corpus_stats.py [--json seeds/corpus/stats.json]

Reports sizes and mix, events per type and split, modality and polarity,
sentences without events, long sentences, distinct trigger forms, the share of
sentences sharing a 6-word sequence with another, token alignment of the gold
spans, the validator's problems, countries and organisations named in the
authored sentences, and the agreement of the second annotation.
"""
import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
REPO = CORPUS.parents[1]
SPLIT_NAMES = ("train", "dev", "test")
_WORD = re.compile(r"\w+")
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def words(text):
    return _WORD.findall(_MARKS.sub("", text))


def ngrams(text, n=6):
    w = words(text)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def load(path):
    return [json.loads(line) for line in Path(path).open(encoding="utf8") if line.strip()]


def origin(rec):
    return rec.get("source") or ("gsr" if rec["id"].startswith("gsr-") else "authored")


def duplicate_share(records):
    owners = defaultdict(set)
    for k, rec in enumerate(records):
        for gram in ngrams(rec["text"]):
            owners[gram].add(k)
    shared = set()
    for members in owners.values():
        if len(members) > 1:
            shared |= members
    return len(shared) / len(records) if records else 0.0


def alignment(records):
    sys.path.insert(0, str(REPO / "src"))
    from eventx.corpus.validate import token_boundaries
    from eventx.tokenizer import load_lexicon

    lexicon = load_lexicon()
    total = ok = 0
    for rec in records:
        starts, ends = token_boundaries(rec["text"], lexicon)
        for ev in rec["events"]:
            for span in [ev["trigger"]] + ev["arguments"]:
                total += 1
                ok += span["start"] in starts and span["end"] in ends
    return {"spans": total, "aligned": ok, "share": ok / total if total else 1.0}


def validator_problems(paths):
    sys.path.insert(0, str(REPO / "src"))
    from eventx.corpus.validate import validate_files
    from eventx.ontology import Ontology
    from eventx.tokenizer import load_lexicon

    return [str(p) for p in validate_files(paths, Ontology.from_file(), lexicon=load_lexicon())]


def coverage(records):
    """Countries and organisations named in the texts, by the shipped gazetteer."""
    try:
        sys.path.insert(0, str(REPO / "src"))
        from eventx.normalize import Gazetteer, lookup_actor
    except ImportError:
        return None
    gazetteer = Gazetteer.default()
    found = Counter()
    for rec in records:
        for ev in rec["events"]:
            for arg in ev["arguments"]:
                if arg["role"] in ("agent", "partner", "place", "object"):
                    actor = lookup_actor(arg["text"], gazetteer=gazetteer)
                    if actor is not None:
                        found[actor.country or actor.name] += 1
    return dict(found.most_common())


def agreement():
    """Second annotation vs first on the same sentences, scored like a model."""
    sys.path.insert(0, str(REPO / "src"))
    sys.path.insert(0, str(HERE))
    import light_to_gold
    from eventx.scoring import score_events

    ontology = light_to_gold.load_ontology()
    first = {}
    for path in sorted((CORPUS / "raw").glob("*.light.jsonl")):
        if not path.name.startswith("second_pass"):
            for obj in load(path):
                first[obj["id"]] = obj
    results = {}
    for path in sorted((CORPUS / "raw").glob("second_pass*.light.jsonl")):
        pairs = []
        for obj in load(path):
            if obj["id"] not in first:
                continue
            a = light_to_gold.convert_line(first[obj["id"]], ontology)
            b = light_to_gold.convert_line(obj, ontology)
            flat = [[{"type": e["type"], "start": e["trigger"]["start"], "end": e["trigger"]["end"],
                      "arguments": e["arguments"]} for e in r["events"]] for r in (b, a)]
            pairs.append(tuple(flat))
        s = score_events(pairs)
        results[path.name] = {"sentences": len(pairs), "trigger_c_f1": s["trigger_c"]["f"],
                              "arg_c_f1": s["arg_c"]["f"], "arg_c_relaxed_f1": s["arg_c_relaxed"]["f"]}
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    splits = {name: load(CORPUS / f"{name}.jsonl") for name in SPLIT_NAMES}
    every = [r for recs in splits.values() for r in recs]
    stats = {"sentences": len(every), "by_split": {}, "by_origin": dict(Counter(origin(r) for r in every))}
    for name, recs in splits.items():
        types = Counter(ev["type"] for r in recs for ev in r["events"])
        stats["by_split"][name] = {"sentences": len(recs), "events": dict(sorted(types.items())),
                                   "no_event": sum(1 for r in recs if not r["events"])}
    events = [ev for r in every for ev in r["events"]]
    stats["events"] = dict(sorted(Counter(ev["type"] for ev in events).items()))
    stats["modality"] = dict(Counter(ev["modality"] for ev in events))
    stats["polarity"] = dict(Counter(ev["polarity"] for ev in events))
    stats["no_event_share"] = sum(1 for r in every if not r["events"]) / len(every)
    stats["multi_event_sentences"] = sum(1 for r in every if len(r["events"]) > 1)
    stats["long_share"] = sum(1 for r in every if len(words(r["text"])) >= 30) / len(every)
    authored = [r for r in every if origin(r) == "authored"]
    stats["long_share_authored"] = sum(1 for r in authored if len(words(r["text"])) >= 30) / max(1, len(authored))
    forms = defaultdict(set)
    for ev in events:
        forms[ev["type"]].add(_MARKS.sub("", ev["trigger"]["text"]))
    stats["distinct_trigger_forms"] = {t: len(f) for t, f in sorted(forms.items())}
    stats["role_counts"] = dict(Counter(a["role"] for ev in events for a in ev["arguments"]))
    stats["six_gram_shared_share"] = duplicate_share(every)
    stats["alignment"] = alignment(every)
    stats["alignment_by_split"] = {name: alignment(recs) for name, recs in splits.items()}
    problems = validator_problems([CORPUS / f"{n}.jsonl" for n in SPLIT_NAMES])
    stats["validator_problems"] = len(problems)
    stats["validator_examples"] = problems[:20]
    cov = coverage(authored)
    if cov is not None:
        stats["authored_countries_and_orgs"] = len(cov)
        stats["authored_coverage"] = cov
    stats["agreement"] = agreement()
    text = json.dumps(stats, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf8")


if __name__ == "__main__":
    main()
