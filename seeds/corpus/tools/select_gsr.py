"""Choose the GSR sentences to annotate: trigger-word candidates plus a random sample.

Candidates are found by searching for the trigger words of every type (and the
words that look like them: وقع = happened, نشر = published), so that real events
and hard negatives both get in; the random sample brings in what no keyword
predicts. Deterministic (seeded). Writes seeds/corpus/raw/gsr_selection.jsonl.
"""
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GSR = ROOT.parent / "shared" / "data" / "gsr_sentences.jsonl"
PATTERNS = {
    "SIGN": r"وق[ّ]?ع|توقيع|[أا]برم|[إا]برام|اتفاق|مذكرة",
    "MEET": r"التقى|يلتقي|لقاء|اجتم?ع|استقبل|محادثات|مباحثات|زار|زيار|قمة|مفاوضات",
    "EXTEND": r"مدد|مدّد|يمدد|تمديد|مدّ",
    "DEPLOY": r"نشر|انتشار|تنتشر|ينتشر|تمركز|[أا]رسل|تعزيزات|قوات|جنود",
}
N_CANDIDATES = 1000
N_RANDOM = 300
# Round 2 (session 2): every remaining candidate, plus more random sentences for
# the precision of every newspaper section. Round 1's choice is left unchanged.
N_RANDOM_2 = 652


def main():
    rows = [json.loads(line) for line in GSR.open(encoding="utf8")]
    rng = random.Random(20261129)
    pattern = re.compile("|".join(PATTERNS.values()))
    candidates = [r for r in rows if pattern.search(r["text"])]
    rest = [r for r in rows if not pattern.search(r["text"])]
    chosen = rng.sample(candidates, min(N_CANDIDATES, len(candidates)))
    chosen += rng.sample(rest, N_RANDOM)
    for r in chosen:
        r["selected_by"] = "keyword" if pattern.search(r["text"]) else "random"
    chosen.sort(key=lambda r: r["id"])
    write(chosen, "gsr_selection.jsonl")
    print(f"{len(candidates)} candidates, {len(chosen)} chosen in round 1")

    taken = {r["id"] for r in chosen}
    second = [r for r in candidates if r["id"] not in taken]
    second += rng.sample([r for r in rest if r["id"] not in taken], N_RANDOM_2)
    for r in second:
        r["selected_by"] = "keyword" if pattern.search(r["text"]) else "random"
    second.sort(key=lambda r: r["id"])
    write(second, "gsr_selection2.jsonl")
    print(f"{len(second)} chosen in round 2")


def write(rows, name):
    out = ROOT / "seeds" / "corpus" / "raw" / name
    with out.open("w", encoding="utf8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
