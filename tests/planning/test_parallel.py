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
