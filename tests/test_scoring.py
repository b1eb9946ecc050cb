"""Scoring (ANNOTATION.md §6) and its bootstrap intervals."""
from eventx.scoring import event_errors, score_events


def event(etype, start, end, *args):
    return {"type": etype, "start": start, "end": end,
            "arguments": [{"role": role, "start": s, "end": e} for role, s, e in args]}


def pairs(n_right, n_wrong):
    """n_right documents predicted exactly, n_wrong with a missed event and a spurious one."""
    gold = [event("MEET", 0, 5, ("agent", 6, 10), ("place", 20, 25))]
    wrong = [event("SIGN", 30, 35, ("agent", 36, 40))]
    return [(gold, gold)] * n_right + [(wrong, gold)] * n_wrong


def test_scores_count_mentions_per_document():
    result = score_events(pairs(3, 1), types=["MEET", "SIGN"])
    assert result["trigger_c"]["tp"] == 3 and result["trigger_c"]["n_pred"] == 4
    assert result["arg_c"]["tp"] == 6 and result["arg_c"]["n_gold"] == 8
    assert result["per_type"]["SIGN"]["trigger_c"]["n_pred"] == 1
    assert "intervals" not in result


def test_intervals_hold_the_score_and_narrow_with_more_documents():
    small = score_events(pairs(6, 2), intervals=True)
    large = score_events(pairs(60, 20), intervals=True)
    for result in (small, large):
        for metric, (low, high) in result["intervals"].items():
            assert low <= result[metric]["f"] <= high
    width = {name: r["intervals"]["trigger_c"][1] - r["intervals"]["trigger_c"][0]
             for name, r in (("small", small), ("large", large))}
    assert 0 < width["large"] < width["small"]


def test_intervals_are_deterministic_and_exact_predictions_have_no_spread():
    assert score_events(pairs(6, 2), intervals=True)["intervals"] == score_events(pairs(6, 2), intervals=True)["intervals"]
    assert score_events(pairs(5, 0), intervals=True)["intervals"]["arg_c"] == [1.0, 1.0]


def test_paired_bootstrap_sees_a_better_system():
    from eventx.scoring import document_counts, paired_bootstrap

    gold_pairs = pairs(10, 0)
    worse = pairs(7, 3)
    better = document_counts(gold_pairs)
    result = paired_bootstrap(document_counts(worse), better)
    assert result["trigger_c"]["diff"] > 0 and result["trigger_c"]["low"] >= 0
    assert result["trigger_c"]["b_better"] > 0.9
    assert paired_bootstrap(better, better)["arg_c"] == {"diff": 0.0, "low": 0.0, "high": 0.0, "b_better": 0.0}


def test_event_errors_name_each_kind_and_account_for_every_gold_argument():
    gold = [event("MEET", 0, 5, ("agent", 6, 10), ("place", 20, 25), ("time", 30, 35), ("topic", 40, 50),
                  ("partner", 60, 70)),
            event("SIGN", 100, 105, ("agent", 106, 110)),
            event("EXTEND", 300, 305, ("object", 306, 310))]
    pred = [event("MEET", 0, 5, ("agent", 6, 10), ("time", 20, 25), ("time", 30, 33), ("partner", 45, 55),
                  ("object", 80, 85)),
            event("DEPLOY", 200, 205),
            event("DEPLOY", 300, 305, ("object", 306, 310))]
    errors = event_errors(pred, gold)
    kinds = [(e["kind"], (e["gold"] or {}).get("start"), (e["pred"] or {}).get("start")) for e in errors]
    assert kinds == [("wrong_role", 20, 20), ("boundary", 30, 30), ("boundary_and_role", 40, 45),
                     ("missed_argument", 60, None), ("spurious_argument", None, 80),
                     ("missed_trigger", 100, None), ("wrong_type", 300, 300), ("spurious_trigger", None, 200)]
    assert errors[0]["trigger"] == {"type": "MEET", "start": 0, "end": 5}
    assert errors[-1]["trigger"] == {"type": "DEPLOY", "start": 200, "end": 205}
    # Every gold argument is either right (argument-C) or in exactly one error.
    scores = score_events([(pred, gold)])
    gold_side = sum(1 for e in errors if e["kind"] in ("missed_argument", "wrong_role", "boundary", "boundary_and_role"))
    missed_with_trigger = sum(len(e["gold"]["arguments"]) for e in errors if e["kind"] == "missed_trigger")
    assert scores["arg_c"]["tp"] + gold_side + missed_with_trigger == scores["arg_c"]["n_gold"] == 7
    assert event_errors(gold, gold) == []
