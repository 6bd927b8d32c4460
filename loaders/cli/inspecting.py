"""`juesuan status` and `juesuan extract`: what the warehouse holds, and one document's facts without it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..config import warehouse_path
from .app import _fail, _open_readonly, app, DbOption, err, out, Table


@app.command()
def status(
    db: DbOption = None,
    summary: Annotated[bool, typer.Option("--summary", help="One-screen summary of the warehouse.")] = False,
) -> None:
    """The documents in the warehouse and the ledger of the last load run."""
    from ..store import status as st

    con = _open_readonly(db)
    try:
        if summary:
            _print_summary(st.summary(con), warehouse_path(db))
            return
        docs = st.documents(con)
        t = Table(title=f"{len(docs)} documents in {warehouse_path(db)}", title_justify="left")
        for col in ("document", "file", "unit", "year", "kind", "format", "pages", "facts", "DQ ledger"):
            t.add_column(col, overflow="fold", justify="right" if col in ("year", "pages", "facts") else "left")
        t.columns[0].no_wrap = True
        for d in docs:
            t.add_row(d[0][:10], d[1], d[2] or "", _s(d[3]), d[4] or "", d[5], _s(d[6]), _s(d[7]), d[9] or "")
        out.print(t)
        run_id, rows = st.last_run(con)
        if run_id is None:
            out.print("no load runs yet")
            return
        t = Table(title=f"last run {run_id}", title_justify="left")
        for col in ("#", "input", "status", "reason", "facts", "s"):
            t.add_column(col, overflow="fold", justify="right" if col in ("#", "facts", "s") else "left")
        colours = {"loaded": "green", "duplicate": "cyan", "quarantined": "yellow"}
        for seq, path, status_, reason, _fmt, _bytes, facts, secs in rows:
            t.add_row(str(seq), path, f"[{colours.get(status_, 'white')}]{status_}[/]", reason or "",
                      _s(facts), f"{secs:.2f}" if secs is not None else "")
        out.print(t)
    finally:
        con.close()


def _s(v) -> str:
    return "" if v is None else str(v)


def _print_summary(s, db_path: Path) -> None:
    years = f"{s.years[0]}–{s.years[1]}" if s.years[0] else "?"
    kinds = ", ".join(f"{k} {n}" for k, n in s.by_kind.items()) or "none"
    out.print(f"[bold]warehouse[/bold] {db_path}", highlight=False)
    out.print(f"documents: {s.documents} ({kinds}); units: {s.units}; fiscal years: {years}", highlight=False)
    if s.superseded or s.withdrawn:
        out.print(f"versions: {s.superseded} superseded by a newer version, {s.withdrawn} withdrawn "
                  "(kept in raw.documents, left out of the marts)", highlight=False)
    ledger = ", ".join(f"{n} {k}" for k, n in s.ledger.items()) or "empty"
    out.print(f"load runs: {s.runs}; latest state of every input: {ledger}", highlight=False)
    t = Table(title=f"facts: {s.facts}", title_justify="left")
    t.add_column("metric family")
    t.add_column("facts", justify="right")
    for fam, n in s.facts_by_family.items():
        t.add_row(fam, str(n))
    out.print(t)
    if s.marts is None:
        out.print("marts: not built yet (run `juesuan build`)")
    else:
        t = Table(title="marts", title_justify="left")
        t.add_column("table")
        t.add_column("rows", justify="right")
        for name, n in s.marts.items():
            t.add_row(name, str(n))
        out.print(t)
    if s.dq_findings is not None:
        by_status = "; ".join(f"{k} {n}" for k, n in s.dq_by_status.items())
        out.print(f"data-quality checks (document × rule): {s.dq_findings}" + (f" ({by_status})" if by_status else "")
                  + " — see marts.fct_dq_findings", highlight=False)




# ------------------------------------------------------------------------------ extract
@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One document (pdf, docx, xlsx, xls, doc, html, txt, md).")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (one JSON fact per line) or table.")] = "jsonl",
    timeout: Annotated[float, typer.Option(help="Seconds the document may take.")] = 120.0,
    db: DbOption = None,
) -> None:
    """Print the facts of one document without touching the warehouse."""
    from ..sandbox import run_isolated

    if format not in ("jsonl", "table"):
        _fail("--format must be jsonl or table", 2)
    try:
        data = file.read_bytes()
    except OSError as e:
        _fail(f"cannot read {file}: {e.strerror or e}")
    from ..formats.pdf_ocr import ocr_time_budget  # OCR'd pages get extra time each

    res = run_isolated(_facts_and_kind, data, file.name, timeout_s=timeout + ocr_time_budget(data, file.name))
    if not res.ok:
        _fail(f"{file}: {res.error}")
    facts, kind = res.value
    if kind is None:
        err.print(f"{file.name}: not a 决算/预算 disclosure (`juesuan load` would quarantine it); "
                  f"{len(facts)} facts", highlight=False, markup=False)
        if not facts:
            raise typer.Exit(1)
    elif not facts:
        err.print(f"{file.name}: a {kind} disclosure, but no facts were found", highlight=False, markup=False)
    if format == "jsonl":
        for f in facts:
            sys.stdout.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return
    if not facts:
        return
    t = Table(title=f"{len(facts)} facts in {file.name}", title_justify="left")
    for col in ("metric", "value", "unit", "qualifier", "where", "evidence"):
        t.add_column(col, overflow="fold", justify="right" if col == "value" else "left")
    for f in facts:
        loc = f.location
        where = f"p{loc.page}" if loc.page else (f"{loc.sheet}!{loc.cell}" if loc.sheet else f"L{loc.line or ''}")
        t.add_row(f.metric, f.value_text or _s(f.value), f.unit, f.qualifier or "", where, f.evidence)
    out.print(t)


def _facts_and_kind(data: bytes, name: str):
    """In the sandbox: the facts of one document and its kind (None: not a disclosure)."""
    from ..extract import metadata as metadata_mod
    from ..store.prepare import extract_one, parse

    facts = extract_one(data, name)
    return facts, metadata_mod.document_metadata(parse(data, name)).kind
