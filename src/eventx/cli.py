"""The `eventx` command line: thin typer wrappers around library functions."""
import json
import logging
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .ontology import DEFAULT_ONTOLOGY

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract events (SIGN, MEET, EXTEND, DEPLOY, ...) from Arabic news into JSON Lines records.")

EXIT_OK, EXIT_ERROR, EXIT_QUARANTINED = 0, 1, 3


def _read_texts(paths: List[Path]) -> List[str]:
    """The texts of .txt and .jsonl sources (rejected lines are skipped)."""
    from .io.inputs import InputDoc, read_inputs

    return [item.text for item in read_inputs([str(p) for p in paths]) if isinstance(item, InputDoc)]


def _fail(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(EXIT_ERROR)


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Files (.txt, .jsonl, .jsonl.gz, .csv), folders, globs, or - for JSONL on stdin."),
    output: Path = typer.Option(..., "--output", "-o", help="Records are written here as JSON Lines."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="A pipeline folder; default: the shipped models/ar_eventx_core."),
    quarantine: Optional[Path] = typer.Option(None, help="Where rejected documents go (default: OUT.quarantine.jsonl)."),
    text_field: str = typer.Option("text", help="JSONL/CSV field holding the text."),
    id_field: str = typer.Option("id", help="JSONL/CSV field holding the document id."),
    date: Optional[str] = typer.Option(None, help="Publication date (ISO 8601) for documents that give none, e.g. .txt files."),
    batch_size: int = typer.Option(64, help="Documents per batch (the unit of work of a process, and of --resume)."),
    n_process: int = typer.Option(1, help="Worker processes, each with a copy of the model and its share of the cores; 1 runs in this process."),
    int8: bool = typer.Option(True, help="Run the transformer with int8 weights on CPU (about 1.7x as fast; same scores on dev). --no-int8: float32."),
    gazetteer: List[Path] = typer.Option([], help="Extra gazetteer JSON file(s) of actors and places (same format as eventx/data/gazetteer.json)."),
    resume: bool = typer.Option(False, help="Continue an interrupted run from its checkpoint."),
    overwrite: bool = typer.Option(False, help="Replace the outputs of an earlier run."),
    progress: bool = typer.Option(True, help="Show a progress bar on stderr."),
):
    """Extract events from INPUTS and write one validated record per event.

    Also writes OUT.documents.jsonl (every input document and its status) and
    OUT.checkpoint.json (for --resume). Exit code 0: every document was
    processed; 3: some were quarantined (see the quarantine file); 1: the run failed.
    """
    import datetime

    from tqdm import tqdm

    from .batch import OutputPaths, run_extraction
    from .io.inputs import Fields, count_documents, read_inputs
    from .loading import load_pipeline

    if date:
        try:
            datetime.date.fromisoformat(date)
        except ValueError:
            _fail(f"--date {date!r} is not an ISO 8601 date (YYYY-MM-DD)")
    try:
        nlp = load_pipeline(model)
    except ValueError as e:
        _fail(str(e))
    from .normalize import Gazetteer
    from .records.build import Normalizer

    try:
        normalizer = Normalizer(Gazetteer.from_files(gazetteer) if gazetteer else None)
    except (ValueError, OSError) as e:
        _fail(f"cannot load the gazetteer: {e}")
    paths = OutputPaths.for_output(output, quarantine=quarantine)
    items = read_inputs(inputs, fields=Fields(text=text_field, id=id_field), default_date=date)
    bar = tqdm(unit="doc", disable=not progress, file=sys.stderr, dynamic_ncols=True,
               total=count_documents(inputs) if progress else None)

    def on_progress(summary):
        bar.n = summary.read
        if summary.seconds:
            bar.set_postfix(words_s=f"{summary.words / summary.seconds:,.0f}", events=summary.events, refresh=False)
        bar.update(0)

    try:
        summary = run_extraction(nlp, items, paths, resume=resume, overwrite=overwrite, batch_size=batch_size,
                                 n_process=n_process, int8=int8, on_progress=on_progress, normalizer=normalizer)
    except (FileExistsError, ValueError) as e:
        _fail(str(e))
    bar.close()
    rate = summary.words / summary.seconds if summary.seconds else 0.0
    typer.echo(f"read {summary.read}, processed {summary.processed}, quarantined {summary.quarantined}, "
               f"events {summary.events} -> {output} ({rate:,.0f} words/s)", err=True)
    if summary.quarantined:
        typer.echo(f"quarantined documents and reasons: {paths.quarantine}", err=True)
        raise typer.Exit(EXIT_QUARANTINED)


@app.command()
def export(
    records: Path = typer.Argument(..., help="OUT.jsonl of `eventx extract` (OUT.documents.jsonl beside it is read too)."),
    output: Path = typer.Option(..., "--output", "-o", help="A folder (parquet, csv) or a .duckdb file."),
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet, csv or duckdb."),
):
    """Write the star schema for BI tools: events, arguments (by event_id), documents."""
    from .export import export_run

    if not records.exists():
        _fail(f"no such file: {records}")
    try:
        counts = export_run(records, output, fmt=fmt)
    except ValueError as e:
        _fail(str(e))
    typer.echo(", ".join(f"{name} {n}" for name, n in counts.items()) + f" -> {output}")


@app.command()
def validate(
    files: List[Path] = typer.Argument(..., help="Annotated JSON Lines files (ANNOTATION.md format)."),
    ontology: Path = typer.Option(DEFAULT_ONTOLOGY, help="The ontology TOML file."),
    tokens: bool = typer.Option(True, help="Also check that spans fall on token boundaries."),
):
    """Check annotated files; print each problem as file:line: reason; exit 1 if any."""
    from .corpus.validate import validate_files
    from .ontology import Ontology
    from .tokenizer import load_lexicon

    try:
        onto = Ontology.from_file(ontology)
    except ValueError as e:
        _fail(str(e))
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        _fail(f"no such file: {', '.join(missing)}")
    problems = validate_files(files, onto, lexicon=load_lexicon() if tokens else None)
    for problem in problems:
        typer.echo(str(problem))
    typer.echo(f"{len(problems)} problem(s) in {len(files)} file(s)", err=True)
    if problems:
        raise typer.Exit(EXIT_ERROR)


@app.command()
def schema(output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout.")):
    """Print the JSON Schema of the event records."""
    from .records import EventRecord

    text = json.dumps(EventRecord.model_json_schema(), ensure_ascii=False, indent=2)
    if output:
        output.write_text(text + "\n", encoding="utf8")
    else:
        typer.echo(text)


@app.command()
def evaluate(
    model: str = typer.Argument(..., help="A pipeline folder, or 'keywords' for the keyword baseline."),
    gold: List[Path] = typer.Argument(..., help="Gold annotations (ANNOTATION.md JSON Lines)."),
    json_output: Optional[Path] = typer.Option(None, "--json", help="Also write the scores as JSON here."),
    int8: bool = typer.Option(True, help="Run the transformer with int8 weights, as extract does by default. --no-int8: float32."),
    by: Optional[str] = typer.Option(None, "--by", help="Also score the documents apart by this field of the gold lines, e.g. source or section."),
    errors_output: Optional[Path] = typer.Option(None, "--errors", help="Write every error (missed, spurious, wrong type, role or boundary) here as JSON Lines."),
):
    """Score MODEL on GOLD: trigger and argument P/R/F1 (ANNOTATION.md §6), overall and per type."""
    import jsonlines

    from .evaluate import error_counts, evaluate as run_evaluate, format_table
    from .loading import load_pipeline

    try:
        nlp = load_pipeline(model)
        result = run_evaluate(nlp, gold, int8=int8, by=by, errors=errors_output is not None)
    except ValueError as e:
        _fail(str(e))
    typer.echo(format_table(result))
    if errors_output:
        rows = result.pop("errors")
        with jsonlines.open(errors_output, mode="w", dumps=lambda obj: json.dumps(obj, ensure_ascii=False)) as writer:
            writer.write_all(rows)
        counts = ", ".join(f"{kind} {n}" for kind, n in error_counts(rows).items()) or "none"
        typer.echo(f"\nerrors: {counts} -> {errors_output}")
    if json_output:
        json_output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf8")


@app.command()
def train(
    train_data: Path = typer.Argument(..., help="Training data (ANNOTATION.md JSON Lines; a file or folder)."),
    dev_data: Path = typer.Argument(..., help="Development data, used to pick the best checkpoint."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the trained pipeline."),
    config: Path = typer.Option(Path("configs/default.cfg"), help="Training config."),
    ontology: Path = typer.Option(DEFAULT_ONTOLOGY, help="The ontology TOML file (event types and roles)."),
    overrides: List[str] = typer.Option([], "--set", help="Config override KEY=VALUE, e.g. training.max_steps=2000."),
):
    """Train a pipeline on annotated data (new event types: add them to the ontology file)."""
    from .train import train_pipeline

    parsed = {}
    for item in overrides:
        key, sep, value = item.partition("=")
        if not sep:
            _fail(f"--set takes KEY=VALUE, got {item!r}")
        try:
            parsed[key] = json.loads(value)
        except json.JSONDecodeError:
            parsed[key] = value
    logging.basicConfig(level=logging.INFO)
    try:
        path = train_pipeline(train_data, dev_data, output, config=config, ontology=ontology, overrides=parsed)
    except ValueError as e:
        _fail(str(e))
    typer.echo(f"trained pipeline saved to {path}")


@app.command()
def pretrain(
    texts: List[Path] = typer.Argument(..., help="Raw text: .jsonl files (their 'text' fields) or .txt files, e.g. your archive."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the weights (model-last.bin) and the log."),
    config: Path = typer.Option(Path("configs/cnn.cfg"), help="The config you will train with (its [pretraining] section)."),
    epochs: int = typer.Option(16, help="Passes over the text."),
    seed: int = typer.Option(0, help="Random seed."),
):
    """Pre-train the CNN tok2vec on raw Arabic text (masked words), then train from it.

    Then: eventx train ... --config CONFIG --set paths.init_tok2vec=OUTPUT/model-last.bin
    """
    from .train import pretrain_tok2vec

    logging.basicConfig(level=logging.INFO)
    try:
        weights = pretrain_tok2vec(_read_texts(texts), output, config=config, epochs=epochs, seed=seed)
    except ValueError as e:
        _fail(str(e))
    typer.echo(f"pre-trained tok2vec weights: {weights}")


@app.command("build-encoder")
def build_encoder_cmd(
    texts: List[Path] = typer.Argument(..., help="Text sources: .jsonl files (their 'text' fields) or .txt files."),
    output: Path = typer.Option(Path("models/encoder"), "--output", "-o"),
    epochs: int = typer.Option(15, help="Masked-LM pre-training epochs."),
    learning_rate: float = typer.Option(1e-3, help="Peak learning rate (one-cycle schedule)."),
    holdout: float = typer.Option(0.05, help="Share of the texts kept out to measure the masked-LM loss after every epoch."),
    seed: int = typer.Option(0, help="Random seed."),
):
    """Train the WordPiece vocabulary and pre-train the small Arabic encoder (masked LM)."""
    from .encoder import EncoderSettings, build_encoder

    logging.basicConfig(level=logging.INFO)
    settings = EncoderSettings(epochs=epochs, learning_rate=learning_rate, holdout=holdout, seed=seed)
    summary = build_encoder(_read_texts(texts), output, settings)
    (output / "pretraining.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf8")
    typer.echo(f"encoder saved to {output}")


@app.command("ensemble")
def ensemble_cmd(
    base: Path = typer.Argument(..., help="The pipeline that keeps its tokenizer and transformer (and any component not averaged)."),
    members: List[Path] = typer.Argument(..., help="Trained pipelines (same tokenizer, types and roles) whose components join base's."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the new pipeline."),
    version: str = typer.Option(..., help="The new pipeline's version (meta.json)."),
    triggers: bool = typer.Option(True, help="Average the trigger taggers."),
    arguments: bool = typer.Option(True, help="Average the argument linkers."),
):
    """Average the trigger taggers and/or argument linkers of several trainings in one pipeline.

    Members may differ in their vectors: the CNN pipeline's trigger tagger joins the
    default's at the cost of one CNN. Each member keeps a copy of the tok2vec it read.
    Tune the O bias afterwards: python bench/tune_arguments.py OUT DEV.jsonl --write.
    """
    from .ensemble import ARGUMENTS, PARTS, TRIGGERS, ensemble_pipelines

    components = [c for c, wanted in ((TRIGGERS, triggers), (ARGUMENTS, arguments)) if wanted]
    if not components:
        _fail("error: nothing to average: leave out --no-triggers or --no-arguments")
    try:
        counts = ensemble_pipelines(base, members, output, version=version, components=components)
    except (OSError, ValueError) as err:
        _fail(f"error: {err}")
    typer.echo(f"pipeline averaging {' and '.join(f'{n} {PARTS[c]}' for c, n in counts.items())} saved to {output}")


@app.command("ensemble-arguments")
def ensemble_arguments_cmd(
    base: Path = typer.Argument(..., help="The pipeline that keeps its tokenizer, transformer and trigger tagger."),
    members: List[Path] = typer.Argument(..., help="Trained pipelines (same tokenizer, types and roles) whose argument linkers join base's."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the new pipeline."),
    version: str = typer.Option(..., help="The new pipeline's version (meta.json)."),
):
    """Average the argument linkers of several trainings (e.g. seeds) in one pipeline.

    Each member adds its CNN tok2vec and linker, not a transformer. Tune the O bias
    afterwards: python bench/tune_arguments.py OUT DEV.jsonl --write.
    """
    ensemble_cmd(base, members, output=output, version=version, triggers=False, arguments=True)


@app.command("build-lexicon")
def build_lexicon_cmd(
    texts: List[Path] = typer.Argument(..., help="Text sources: .jsonl files (their 'text' fields) or .txt files."),
    output: Path = typer.Option(Path("src/eventx/data/lexicon.json"), "--output", "-o"),
    min_count: int = typer.Option(2, help="Keep words seen at least this often."),
    spans: List[Path] = typer.Option([], help="Annotated files (ANNOTATION.md) whose spans' first words are counted as words of their own."),
):
    """Count words in Arabic text: the lexicon that decides where the tokenizer splits clitics.

    With --spans, the first word of every annotated span counts as a word
    (min_count times), so the tokenizer learns to split clitics off it.
    """
    from .tokenizer import build_lexicon

    kept = build_lexicon(_read_texts(texts), span_files=spans, min_count=min_count)
    output.write_text(json.dumps(kept, ensure_ascii=False) + "\n", encoding="utf8")
    typer.echo(f"{len(kept)} words -> {output}")


if __name__ == "__main__":
    app()
