"""`juesuan sql` and `juesuan export`: read-only queries and exports of the marts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import warehouse_path
from .app import _fail, _jsonable, _open_readonly, app, DbOption, err, out, Table


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help='One read-only statement, e.g. "SELECT * FROM raw.documents".')],
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV on stdout.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per row (decimals as strings).")] = False,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Write the result to an Excel workbook.")] = None,
    bom: Annotated[bool, typer.Option("--bom", help="With --csv: start with a UTF-8 BOM (Chinese Excel opens it right).")] = False,
    timeout: Annotated[Optional[float], typer.Option(help="Cancel the query after this many seconds.")] = None,
    db: DbOption = None,
) -> None:
    """Run one read-only query against the warehouse (writes are refused; Ctrl-C cancels it)."""
    from ..store.query import run_query
    from ..store.warehouse import WarehouseError

    if sum((as_csv, as_json, xlsx is not None)) > 1:
        _fail("choose one of --csv, --json and --xlsx", 2)
    if bom and not as_csv:
        _fail("--bom goes with --csv", 2)
    import duckdb

    try:
        res = run_query(warehouse_path(db), query, timeout_s=timeout)
    except KeyboardInterrupt:
        err.print("interrupted: the query was cancelled", highlight=False)
        raise typer.Exit(130)
    except WarehouseError as e:
        _fail(str(e))
    except duckdb.Error as e:
        message = " ".join(str(e).split())
        if "marts" in query.lower() and ("schema" in message.lower() or "does not exist" in message):
            message += " (hint: the marts are built by `juesuan build`)"
        _fail(message)
    if as_csv or xlsx is not None:
        from ..present.export import write_result

        write_result(res.columns, res.rows, xlsx, "xlsx" if xlsx is not None else "csv", bom=bom)
        if xlsx is not None:
            err.print(f"{len(res.rows)} rows written to {xlsx}", highlight=False)
        return
    if as_json:
        for r in res.rows:
            sys.stdout.write(json.dumps({c: _jsonable(v) for c, v in zip(res.columns, r)}, ensure_ascii=False) + "\n")
        return
    t = Table(caption=f"{len(res.rows)} row{'s' if len(res.rows) != 1 else ''}")
    for c, ty in zip(res.columns, res.types):
        numeric = any(k in ty.upper() for k in ("INT", "DECIMAL", "DOUBLE", "FLOAT", "NUMBER"))
        t.add_column(c, overflow="fold", justify="right" if numeric else "left")
    for r in res.rows:
        t.add_row(*("" if v is None else str(v) for v in r))
    out.print(t)




# ------------------------------------------------------------------------------- export
@app.command()
def export(
    unit: Annotated[Optional[str], typer.Argument(help="A unit: name, unique substring or id.")] = None,
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Workbook to write (default: <unit>.xlsx).")] = None,
    all_dir: Annotated[Optional[Path], typer.Option("--all", help="Dump every mart (Parquet + CSV + codebook) under DIR.")] = None,
    db: DbOption = None,
) -> None:
    """One unit's standard tables per year as an Excel workbook, or (--all DIR) a versioned open-data dump."""
    from ..present.export import ExportError, export_all, export_unit
    from ..present.selection import UnitChoiceError

    if (unit is None) == (all_dir is None):
        _fail("give a UNIT or --all DIR", 2)
    con = _open_readonly(db)
    try:
        if all_dir is not None:
            folder = export_all(con, all_dir)
            out.print(f"marts dumped to {folder}", highlight=False)
            return
        target = out_file or Path(f"{unit}.xlsx")
        counts = export_unit(con, unit, target)
        out.print(f"{len(counts)} sheets, {sum(counts.values())} rows written to {target}", highlight=False)
    except UnitChoiceError as e:
        _fail(str(e), 2)
    except ExportError as e:
        _fail(str(e))
    finally:
        con.close()
