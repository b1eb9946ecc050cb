import json

import duckdb
import pyarrow.parquet as pq
import pytest

from eventx.batch import OutputPaths, run_extraction
from eventx.export import export_run
from eventx.io.inputs import read_inputs
from eventx.loading import keyword_pipeline


@pytest.fixture
def run(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join([
        json.dumps({"id": "a", "text": "وقع الوزيران اتفاقية. ثم التقى الرئيس نظيره.", "date": "2024-03-02",
                    "source": "وكالة"}, ensure_ascii=False),
        "{bad",
        json.dumps({"id": "b", "text": "نص بلا أحداث"}, ensure_ascii=False),
    ]) + "\n", encoding="utf8")
    out = tmp_path / "run" / "out.jsonl"
    run_extraction(keyword_pipeline(), read_inputs([str(inp)]), OutputPaths.for_output(out))
    return out


def test_duckdb_star_schema(run, tmp_path):
    db = tmp_path / "events.duckdb"
    counts = export_run(run, db, fmt="duckdb")
    assert counts == {"events": 2, "arguments": 0, "documents": 3}
    con = duckdb.connect(str(db))
    rows = con.execute("SELECT event_type, doc_date, source FROM events ORDER BY trigger_start").fetchall()
    assert [r[0] for r in rows] == ["SIGN", "MEET"]
    assert str(rows[0][1]) == "2024-03-02" and rows[0][2] == "وكالة"
    status = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
    assert status == {"processed": 2, "quarantined": 1}


def test_parquet_and_csv(run, tmp_path):
    assert export_run(run, tmp_path / "pq", fmt="parquet")["events"] == 2
    table = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert set(table.column("event_type").to_pylist()) == {"SIGN", "MEET"}
    export_run(run, tmp_path / "csv", fmt="csv")
    header = (tmp_path / "csv" / "arguments.csv").read_text(encoding="utf8").splitlines()[0]
    assert header.startswith('"event_id","doc_id","event_type","role"')


def test_unknown_format(run, tmp_path):
    with pytest.raises(ValueError, match="E050"):
        export_run(run, tmp_path / "x", fmt="xlsx")
