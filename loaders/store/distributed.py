"""The same per-document function on a Dask cluster (for corpora one machine cannot take).

Why Dask (dask.distributed) and not Ray: pure-Python wheels of a few MB (Ray's are ~60 MB
with a C++ core and its own object store), a ``submit``/``Future`` API that is the
``concurrent.futures`` one, so the loader's ordered window takes either unchanged, and a
LocalCluster for tests. Workers run ``load.prepare_isolated`` — the same sandboxed parse +
extract as local loading — and send the rows back as Arrow tables; the single writer stages them in input
order, so a cluster load gives exactly the rows of a serial load. (Workers are started
non-daemonic so that the sandbox may fork its child.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def dask_client(address: str, workers: int | None = None) -> Iterator[object]:
    """A distributed.Client on ``address``, or on a new LocalCluster when ``address`` is 'local'."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.worker.daemon": False}):
        if address == "local":
            cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
            try:
                yield client
            finally:
                client.close()
                cluster.close()
        else:
            client = Client(address)
            try:
                yield client
            finally:
                client.close()
