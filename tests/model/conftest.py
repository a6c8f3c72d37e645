"""Every model test that asks for ``engine`` runs on each engine (as PyJobShop runs each test on
each backend): the pattern engine (column generation; the slot model only repairs a roster
that breaks a team rule) and the slot model's search alone, with the same hand-solved optimum."""

from __future__ import annotations

import pytest

ENGINES = ("pattern", "slot")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        metafunc.parametrize("engine", ENGINES)
