"""Independent jobs on this machine's cores or a Dask distributed cluster, in order.

The sweeps' variants and the year planner's roster periods are plain functions of plain
(picklable) data, so one runner serves both: in this process when ``jobs`` is 1, else on a
process pool of ``jobs`` spawned processes (spawn, not fork: a forked child of a process
whose solver threads have run is not safe), or, with ``address``, on the Dask scheduler
there (each job uses its own solver workers: start the cluster's workers with
``--nthreads 1`` and cores / solver workers processes per machine). Results come back in
the order of the jobs whatever order they finish in; ``done`` sees each as it finishes, in
the caller's process (to write its files, move a progress bar, save a resume point).

A job already running on a Dask worker (a year plan asked for on the web page) passes
``address=HERE``: its jobs go to that worker's own cluster, at a lower priority than the
solves other teams ask for meanwhile, while it waits outside the worker's thread pool (Dask's
``worker_client``), so one worker is enough. Each run's task keys are its own, so two plans on
one cluster cannot be taken for each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class ClusterError(ValueError):
    """The Dask cluster cannot be used (not installed, not reachable)."""


HERE = "the worker's own cluster"
"""``address`` for jobs run from a task on a Dask worker: that worker's cluster."""


def on_a_worker() -> bool:
    """Whether this runs in a task on a Dask worker."""
    try:
        from distributed import get_worker
    except ImportError:  # pragma: no cover - the extra is in every install the tests make
        return False
    try:
        get_worker()
    except ValueError:
        return False
    return True


def run_jobs(
    fn: Callable[[T], R],
    jobs: Sequence[T],
    *,
    processes: int = 1,
    address: str | None = None,
    done: Callable[[int, R], None] | None = None,
    prefix: str = "job",
) -> list[R]:
    """``[fn(j) for j in jobs]``, run as the module docstring says."""
    out: dict[int, R] = {}
    if address is not None:
        try:
            from distributed import Client, as_completed, worker_client
        except ImportError:  # pragma: no cover - the extra is in every install the tests make
            raise ClusterError(
                "--cluster needs Dask's distributed package: pip install 'roster[cluster]'"
            ) from None
        if address == HERE:
            connection: Any = worker_client()
        else:
            try:
                connection = Client(address, timeout=30)  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError) as err:
                raise ClusterError(f"--cluster {address}: cannot reach the Dask scheduler ({err})") from None
        with connection as client:
            run = uuid.uuid4().hex[:12]
            keys = [f"{prefix}-{run}-{i}" for i in range(len(jobs))]
            futures = client.map(fn, list(jobs), pure=False, key=keys, priority=-1 if address == HERE else 0)
            index = {f.key: i for i, f in enumerate(futures)}
            for f in as_completed(futures):  # type: ignore[no-untyped-call]
                i = index[f.key]
                out[i] = f.result()
                if done is not None:
                    done(i, out[i])
        return [out[i] for i in range(len(jobs))]
    if processes <= 1 or len(jobs) <= 1:
        for i, job in enumerate(jobs):
            out[i] = fn(job)
            if done is not None:
                done(i, out[i])
        return [out[i] for i in range(len(jobs))]
    import multiprocessing
    from concurrent.futures import as_completed as finished

    with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending = {pool.submit(fn, job): i for i, job in enumerate(jobs)}
        for f in finished(pending):
            i = pending[f]
            out[i] = f.result()
            if done is not None:
                done(i, out[i])
    return [out[i] for i in range(len(jobs))]


class Background:
    """Work handed off while the caller goes on: on ``processes`` spawned processes, or (1) at
    once in this process. :meth:`submit` gives a :class:`concurrent.futures.Future` either way;
    use it as a context manager (leaving it waits for what is running, and drops what has not
    started)."""

    def __init__(self, processes: int = 1) -> None:
        self.processes = processes
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Background:
        if self.processes > 1:
            import multiprocessing

            self.pool = ProcessPoolExecutor(
                max_workers=self.processes, mp_context=multiprocessing.get_context("spawn")
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, fn: Callable[..., R], *args: object) -> Future[R]:
        if self.pool is not None:
            return self.pool.submit(fn, *args)
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as err:  # raised again by future.result(), as the pool would
            future.set_exception(err)
        return future
