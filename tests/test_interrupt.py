"""Control of a running solve: Ctrl-C and SIGTERM keep the best roster; threads never exceed --workers.

The interrupt tests run a real ``roster solve`` subprocess and signal it once
its first roster is printed (the plain ``progress`` lines of a non-terminal).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from checked import assert_checked, assert_output_checked
from helpers import level, monday_only, person, scenario
from roster import SolverSettings, load_scenario, solve
from roster.domain import SolveResult

pytestmark = pytest.mark.slow  # solves: left out of the quick run (pytest -m "not slow")

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


def _start(scenario_dir: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    # A long budget, so the search is still running when the signal comes.
    cmd = [
        sys.executable,
        "-m",
        "roster.cli",
        "solve",
        str(scenario_dir),
        "--out",
        str(out),
        "--time-limit",
        "600",
        "--workers",
        "2",
        *extra,
    ]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def _wait_for_first_roster(proc: subprocess.Popen[str]) -> None:
    assert proc.stderr is not None
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if line.startswith("progress "):
            return
    proc.kill()
    pytest.fail("roster solve printed no progress line")


def _check(out: Path) -> subprocess.CompletedProcess[str]:
    cmd = [
        sys.executable,
        "-m",
        "roster.cli",
        "check",
        str(SCENARIOS / "contact-centre"),
        str(out / "roster.csv"),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_ctrl_c_writes_the_best_roster_so_far_and_exits_130(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _start(SCENARIOS / "contact-centre", out)
    _wait_for_first_roster(proc)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stderr
    assert "Interrupted" in stderr and "Traceback" not in stderr
    assert "INTERRUPTED" in stdout
    names = {p.name for p in out.iterdir()}
    assert {"roster.csv", "roster.xlsx", "summary.txt", "result.json", "cover.csv", "wishes.csv"} <= names
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no staging folder left"
    checked = _check(out)
    assert checked.returncode == 0, checked.stdout
    assert '"interrupted": true' in (out / "result.json").read_text()
    assert_output_checked(SCENARIOS / "contact-centre", out)  # the best roster so far is held to the rules


def test_sigterm_is_treated_like_ctrl_c_and_exits_143(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _start(SCENARIOS / "tiny", out)
    _wait_for_first_roster(proc)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 143, stderr
    assert (out / "roster.csv").exists() and "Traceback" not in stderr
    assert_output_checked(SCENARIOS / "tiny", out)


def test_a_second_ctrl_c_quits_without_writing_anything(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _start(SCENARIOS / "contact-centre", out)
    _wait_for_first_roster(proc)
    proc.send_signal(signal.SIGINT)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    # Either the second signal came first (nothing written) or the folder is whole.
    if out.exists():
        assert (out / "roster.csv").exists() and (out / "result.json").exists()
        assert_output_checked(SCENARIOS / "contact-centre", out)
    else:
        assert "without writing" in stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def _peak_threads(run: object) -> tuple[int, int]:
    """(threads before, most threads seen) while ``run()`` runs in this process."""
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.005):
            peak[0] = max(peak[0], len(os.listdir("/proc/self/task")))

    sampler = threading.Thread(target=sample)
    sampler.start()
    before = len(os.listdir("/proc/self/task"))
    try:
        run()  # type: ignore[operator]
    finally:
        done.set()
        sampler.join()
    return before, peak[0]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to count threads")
@pytest.mark.parametrize("workers", [1, 2])
def test_workers_cap_the_threads_of_the_search(workers: int) -> None:
    # The small-team portfolio used to take 16 threads whatever --workers said.
    sc = load_scenario(SCENARIOS / "tiny")
    settings = SolverSettings(time_limit=60, workers=workers, deterministic_time=1.0)
    results: list[SolveResult] = []
    before, peak = _peak_threads(lambda: results.append(solve(sc, settings)))
    assert peak - before <= workers
    assert_checked(sc, results[0].roster, results[0].objective)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to count threads")
def test_workers_cap_the_threads_of_the_diagnosis() -> None:
    # Infeasible (8 h a week, only 07:00-11:00 workable): the diagnosis used 8 threads.
    sc = scenario(
        monday_only(opening="08:30-11:00", bandwidth="07:00-11:00"),
        [person("E1", 8)],
        staffing=[level("08:30-11:00", 1)],
    )
    settings = SolverSettings(time_limit=60, workers=1, deterministic_time=2.0)
    result: list[object] = []
    before, peak = _peak_threads(lambda: result.append(solve(sc, settings)))
    assert getattr(result[0], "status", None) == "INFEASIBLE"
    assert peak - before <= 1


def test_ctrl_c_while_the_model_is_built_quits_at_once_and_writes_nothing(tmp_path: Path) -> None:
    # 150 people: the model takes seconds to build, so the signal lands before a first roster.
    sys.path.insert(0, str(SCENARIOS))
    from generate import contact_centre

    from roster.io import save_scenario

    folder = tmp_path / "cc150"
    save_scenario(contact_centre(n_staff=150), folder)
    out = tmp_path / "out"
    # the slot engine alone: the pattern engine would have a roster before the build
    # (tests/model/test_pattern_engine.py: a stop then returns that roster)
    started = time.monotonic()
    proc = _start(folder, out, "--engine", "slot")
    assert proc.stderr is not None
    line = ""
    while not line.startswith("building the model of 150 people"):
        line = proc.stderr.readline()
        assert line, "roster solve printed no build line"
    signalled = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    # the verdict first, then nothing more: what happened and how long the solve had run
    verdict = [line for line in stderr.splitlines() if not line.startswith("building the model")]
    assert len(verdict) == 1, stderr
    found = re.fullmatch(
        r"Nothing was written: interrupted after (\d+\.\d) s of solving, before a first "
        r"roster was found\.",
        verdict[0],
    )
    assert found is not None, verdict
    assert 0 < float(found[1]) < time.monotonic() - started
    assert "Traceback" not in stderr and not out.exists()
    assert time.monotonic() - signalled < 30  # it quit at once, not after the build


def _loading_pydantic(pid: int) -> bool:
    """Whether the process has loaded pydantic's compiled core: the command line is loading."""
    try:
        return "pydantic_core" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _launchers() -> list[object]:
    script = Path(sys.executable).parent / "roster"
    installed = script.is_file() and "roster.launch" in script.read_text(errors="replace")
    return [
        pytest.param([sys.executable, "-m", "roster"], id="python -m roster"),
        pytest.param(
            [str(script)],
            id="the roster script",
            marks=pytest.mark.skipif(
                not installed, reason="the installed roster script predates roster.launch: pip install -e ."
            ),
        ),
    ]


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc to see the program loading")
@pytest.mark.parametrize("launcher", _launchers())
def test_ctrl_c_while_the_program_loads_quits_quietly(tmp_path: Path, launcher: list[str]) -> None:
    # a KeyboardInterrupt traceback came out of the imports when Ctrl-C came 0.3 s after starting
    out = tmp_path / "out"
    cmd = [*launcher, "solve", str(SCENARIOS / "tiny"), "--out", str(out), "--time-limit", "60"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.monotonic() + 60
    while not _loading_pydantic(proc.pid):  # the moment the 0.3 s hit, on any machine
        assert proc.poll() is None and time.monotonic() < deadline, "the program never loaded pydantic"
        time.sleep(0.001)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.strip() == "Interrupted while roster was starting: nothing was read or written."
    assert stdout == "" and not out.exists()
