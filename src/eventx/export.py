"""Export a run to BI-ready tables: events, arguments, documents (a star schema).

`events` has one row per event (with the first agent, partner, place and time
flattened in, for charts that need no join); `arguments` one row per argument,
keyed by `event_id`; `documents` one row per input document with its
processing status. Formats: Parquet files, CSV files, or one DuckDB database.
Records are streamed in chunks, so memory stays flat however long the run.
"""
import json
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

import pyarrow as pa

from .batch import OutputPaths
from .errors import Errors
from .records.schema import document_date

FORMATS = ("parquet", "csv", "duckdb")
CHUNK = 20000

EVENTS_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("doc_id", pa.string()), ("event_type", pa.string()),
    ("cameo", pa.string()), ("plover", pa.string()),
    ("trigger_text", pa.string()), ("trigger_start", pa.int64()), ("trigger_end", pa.int64()),
    ("sentence_index", pa.int64()), ("sentence_start", pa.int64()), ("sentence_end", pa.int64()),
    ("sentence_text", pa.string()),
    ("modality", pa.string()), ("polarity", pa.string()), ("confidence", pa.float64()),
    ("doc_date", pa.date32()), ("date", pa.string()), ("source", pa.string()), ("url", pa.string()),
    ("agent", pa.string()), ("agent_actor", pa.string()), ("agent_country", pa.string()), ("agent_sector", pa.string()),
    ("partner", pa.string()), ("partner_actor", pa.string()), ("partner_country", pa.string()),
    ("partner_sector", pa.string()),
    ("place", pa.string()), ("place_name", pa.string()), ("place_country", pa.string()),
    ("time", pa.string()), ("time_value", pa.string()), ("time_mod", pa.string()),
    ("duration", pa.string()), ("duration_value", pa.string()),
    ("n_arguments", pa.int64()), ("model_name", pa.string()), ("model_version", pa.string()),
])

ARGUMENTS_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("doc_id", pa.string()), ("event_type", pa.string()), ("role", pa.string()),
    ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("confidence", pa.float64()),
    ("restored", pa.string()),
    ("value", pa.string()), ("value_mod", pa.string()), ("value_anchor", pa.string()), ("value_reason", pa.string()),
    ("actor_name", pa.string()), ("actor_country", pa.string()), ("actor_sector", pa.string()),
    ("place_name", pa.string()), ("place_country", pa.string()),
])

DOCUMENTS_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("origin", pa.string()), ("status", pa.string()), ("reason", pa.string()),
    ("events", pa.int64()), ("chars", pa.int64()), ("words", pa.int64()),
    ("date", pa.string()), ("source", pa.string()), ("url", pa.string()),
])


def _first(args: List[Dict], role: str) -> Optional[Dict]:
    return next((a for a in args if a["role"] == role), None)


def event_row(rec: Dict) -> Dict:
    args = rec["arguments"]
    agent, partner = _first(args, "agent"), _first(args, "partner")
    place, time, duration = _first(args, "place"), _first(args, "time"), _first(args, "duration")

    def get(arg, key, sub):
        return ((arg or {}).get(key) or {}).get(sub)

    return {
        "event_id": rec["event_id"], "doc_id": rec["doc_id"], "event_type": rec["event_type"],
        "cameo": rec.get("cameo"), "plover": rec.get("plover"),
        "trigger_text": rec["trigger"]["text"], "trigger_start": rec["trigger"]["start"],
        "trigger_end": rec["trigger"]["end"],
        "sentence_index": rec["sentence"]["index"], "sentence_start": rec["sentence"]["start"],
        "sentence_end": rec["sentence"]["end"], "sentence_text": rec["sentence"]["text"],
        "modality": rec["modality"], "polarity": rec["polarity"], "confidence": rec["confidence"],
        "doc_date": document_date(rec.get("date")), "date": rec.get("date"), "source": rec.get("source"), "url": rec.get("url"),
        "agent": agent and agent["text"], "agent_actor": get(agent, "actor", "name"),
        "agent_country": get(agent, "actor", "country"), "agent_sector": get(agent, "actor", "sector"),
        "partner": partner and partner["text"], "partner_actor": get(partner, "actor", "name"),
        "partner_country": get(partner, "actor", "country"), "partner_sector": get(partner, "actor", "sector"),
        "place": place and place["text"], "place_name": get(place, "place", "name"),
        "place_country": get(place, "place", "country"),
        "time": time and time["text"], "time_value": get(time, "normalized", "value"),
        "time_mod": get(time, "normalized", "mod"),
        "duration": duration and duration["text"], "duration_value": get(duration, "normalized", "value"),
        "n_arguments": len(args), "model_name": rec["model"]["name"], "model_version": rec["model"]["version"],
    }


def argument_rows(rec: Dict) -> Iterator[Dict]:
    for arg in rec["arguments"]:
        norm = arg.get("normalized") or {}
        actor = arg.get("actor") or {}
        place = arg.get("place") or {}
        yield {
            "event_id": rec["event_id"], "doc_id": rec["doc_id"], "event_type": rec["event_type"],
            "role": arg["role"], "text": arg["text"], "start": arg["start"], "end": arg["end"],
            "confidence": arg["confidence"], "restored": arg.get("restored"),
            "value": norm.get("value"), "value_mod": norm.get("mod"), "value_anchor": norm.get("anchor"),
            "value_reason": norm.get("reason"),
            "actor_name": actor.get("name"), "actor_country": actor.get("country"), "actor_sector": actor.get("sector"),
            "place_name": place.get("name"), "place_country": place.get("country"),
        }


def _json_lines(path: Path) -> Iterator[Dict]:
    with open(path, encoding="utf8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _batches(rows: Iterator[Dict], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    chunk: List[Dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield pa.RecordBatch.from_pylist(chunk, schema=schema)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)


def table_batches(records_path: Path) -> Dict[str, Callable[[], Iterator[pa.RecordBatch]]]:
    """The three tables of a run, each as a function that streams record batches."""
    paths = OutputPaths.for_output(records_path)
    return {
        "events": lambda: _batches((event_row(r) for r in _json_lines(paths.records)), EVENTS_SCHEMA),
        "arguments": lambda: _batches((row for r in _json_lines(paths.records) for row in argument_rows(r)),
                                      ARGUMENTS_SCHEMA),
        "documents": lambda: _batches(_json_lines(paths.documents) if paths.documents.exists() else iter(()),
                                      DOCUMENTS_SCHEMA),
    }


SCHEMAS = {"events": EVENTS_SCHEMA, "arguments": ARGUMENTS_SCHEMA, "documents": DOCUMENTS_SCHEMA}


def export_run(records_path: Path, output: Path, *, fmt: str) -> Dict[str, int]:
    """Write the run's tables; RETURNS the row count of each table.

    records_path (Path): OUT.jsonl of `eventx extract` (its OUT.documents.jsonl is read too).
    output (Path): a folder (parquet, csv) or a database file (duckdb).
    fmt (str): "parquet", "csv" or "duckdb".
    """
    if fmt not in FORMATS:
        raise ValueError(Errors.E050.format(fmt=fmt, choices=", ".join(FORMATS)))
    counts: Dict[str, int] = {}
    tables = table_batches(records_path)
    if fmt == "duckdb":
        import duckdb

        output.parent.mkdir(parents=True, exist_ok=True)
        if output.exists():
            output.unlink()
        con = duckdb.connect(str(output))
        try:
            for name, batches in tables.items():
                reader = pa.RecordBatchReader.from_batches(SCHEMAS[name], batches())
                con.register("incoming", reader)
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming").fetchall()
                con.unregister("incoming")
                counts[name] = con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
        finally:
            con.close()
        return counts
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    output.mkdir(parents=True, exist_ok=True)
    for name, batches in tables.items():
        path = output / f"{name}.{fmt}"
        writer = pq.ParquetWriter(path, SCHEMAS[name]) if fmt == "parquet" else pacsv.CSVWriter(path, SCHEMAS[name])
        n = 0
        try:
            for batch in batches():
                writer.write_batch(batch)
                n += batch.num_rows
        finally:
            writer.close()
        counts[name] = n
    return counts
