"""The background of a plan's reconciliation pass (the pool of ``run_jobs`` is the sweeps' tests')."""

from __future__ import annotations

import math

import pytest

from roster.planning.parallel import Background


def _root(x: float) -> float:
    return math.sqrt(x)


@pytest.mark.parametrize("processes", [1, 2])
def test_the_background_gives_each_result_or_raises_its_error_when_asked(processes: int) -> None:
    with Background(processes) as side:
        futures = [side.submit(_root, float(x)) for x in (4, 9, 16)]
        bad = side.submit(_root, -1.0)
        assert [f.result() for f in futures] == [2.0, 3.0, 4.0]
        with pytest.raises(ValueError, match="math domain error"):
            bad.result()  # the error comes back where the result is asked for, not at submit


def test_jobs_from_a_task_on_a_worker_go_to_its_own_cluster(dask_cluster: str) -> None:
    """A year plan asked for on the page is a task on a worker of one thread; its rosters go to
    the same cluster (``HERE``). Two such tasks hold both workers' threads: only because each
    waits outside its worker's thread pool do their jobs run at all."""
    from distributed import Client

    from roster.planning.parallel import HERE, on_a_worker, run_jobs

    with Client(dask_cluster, timeout=30, set_as_default=False) as client:
        assert client.submit(on_a_worker, pure=False).result(timeout=60) is True
        runs = [[-1, -2, -3], [-4, -5, -6]]
        futures = [client.submit(run_jobs, abs, jobs, address=HERE, pure=False) for jobs in runs]
        assert [f.result(timeout=120) for f in futures] == [[1, 2, 3], [4, 5, 6]]
    assert not on_a_worker()
