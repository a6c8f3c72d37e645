"""The Dask cluster the tests run jobs, sweeps and year plans on: the one ``ROSTER_TEST_DASK``
names (a scheduler's address: ``.ci/run`` starts a scheduler and two ``roster worker`` processes
of one solve each, and stops them after), else one started here for the test (a scheduler and
``roster worker``, as a council would run them: ``tests/servers.py``). ``ROSTER_REQUIRE_DASK=1``
makes a named cluster that cannot be reached a failure rather than a cluster of the test's own.

Every use leaves the shared cluster as it found it: a test's tasks end with the test (a solve job's
task is keyed by its store too, so two tests' jobs of the same id never meet)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

WORKERS = 2
"""Worker processes of one solve each: the cluster every test expects."""


def shared_cluster() -> str | None:
    """The address of the cluster ``ROSTER_TEST_DASK`` names, once its workers are there; None when
    none is named (or it cannot be reached, unless it is required)."""
    address = os.environ.get("ROSTER_TEST_DASK")
    if not address:
        return None
    from distributed import Client

    try:
        with Client(address, timeout=30) as client:
            client.wait_for_workers(WORKERS, timeout=60)
    except Exception as err:
        if os.environ.get("ROSTER_REQUIRE_DASK") == "1":
            pytest.fail(f"ROSTER_TEST_DASK={address} cannot be reached with {WORKERS} workers: {err}")
        return None
    return address


@pytest.fixture
def dask_cluster(tmp_path: Path) -> Iterator[str]:
    """A Dask scheduler's address with two worker processes of one solve each."""
    address = shared_cluster()
    if address is not None:
        yield address
        return
    from servers import cluster

    with cluster(tmp_path) as own:
        yield own
