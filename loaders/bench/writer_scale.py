"""The writer alone at any N: does storing a document cost more as the warehouse grows?

Parses ONE bench document, then stages N copies of its rows (each under its own
document_id, as a worker would hand them over) through the real writer (``raw_writer``:
duplicate check, staging, publishes of shards, manifest and catalog), and prints the writer
CPU per document and the publish time for each slice of the corpus. No parsing per
document, so 10,000 documents take a minute or two; a ratio near 1 between the first and
the last slice means no superlinear step on the writer's side (the workers' per-document
cost is independent of N by construction)::

    python -m loaders.bench.writer_scale --n 10000 --publish-every 200 --root /tmp/writer-scale
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import time
from pathlib import Path

import pyarrow as pa


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _copy(staged, document_id: str):
    from ..store.write import StagedDocument

    tables = {t: tb.set_column(tb.schema.get_field_index("document_id"), "document_id",
                               pa.array([document_id] * tb.num_rows, pa.string()))
              for t, tb in staged.tables.items()}
    return StagedDocument(document_id, staged.format, staged.facts, tables)


def run(n: int, root: Path, publish_every: int, slices: int = 5) -> list[dict[str, float]]:
    from ..store import ledger
    from ..store.batch import raw_writer
    from ..store.ledger import LOADED, LedgerEntry
    from ..store.prepare import prepare_staged
    from .corpus import make_corpus

    (src,) = make_corpus(root / "one", 1)
    data = src.read_bytes()
    template = prepare_staged(data, str(src), hashlib.sha256(data).hexdigest(), ledger.now())
    db = root / "warehouse" / "juesuan.duckdb"
    shutil.rmtree(db.parent, ignore_errors=True)
    run_id, per_slice, out = ledger.new_run_id(), max(1, n // slices), []
    with raw_writer(db, on_wait=None) as batch:
        t0, c0, pub0 = time.monotonic(), _cpu(), 0.0
        publish_s = 0.0
        for i in range(1, n + 1):
            doc_id = hashlib.sha256(data + str(i).encode()).hexdigest()
            path = f"{root}/doc-{i:06d}.txt"
            now = ledger.now()
            if batch.exists(doc_id):
                raise RuntimeError("duplicate id")
            entry = LedgerEntry(run_id=run_id, seq=i, input_path=path, status=LOADED, started_at=now,
                                finished_at=now, document_id=doc_id, format="txt", bytes=len(data),
                                facts=template.facts)
            batch.stage(entry, _copy(template, doc_id))
            if i % publish_every == 0:
                p0 = time.monotonic()
                batch.publish()
                publish_s += time.monotonic() - p0
            if i % per_slice == 0:
                out.append({"docs_so_far": i, "writer_cpu_s_per_doc": (_cpu() - c0) / per_slice,
                            "wall_s_per_doc": (time.monotonic() - t0) / per_slice,
                            "publish_s_per_doc": (publish_s - pub0) / per_slice})
                t0, c0, pub0 = time.monotonic(), _cpu(), publish_s
    return out


def main(argv: list[str] | None = None) -> int:
    from .run import table

    ap = argparse.ArgumentParser(prog="python -m loaders.bench.writer_scale", description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--publish-every", type=int, default=200)
    ap.add_argument("--root", type=Path, default=Path("bench-work/writer-scale"))
    a = ap.parse_args(argv)
    rows = run(a.n, a.root, a.publish_every)
    print(table(rows, first="docs_so_far"))
    first, last = rows[0], rows[-1]
    print(f"last slice / first slice: writer CPU per document x{last['writer_cpu_s_per_doc'] / first['writer_cpu_s_per_doc']:.2f}, "
          f"publish time per document x{last['publish_s_per_doc'] / max(first['publish_s_per_doc'], 1e-9):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
