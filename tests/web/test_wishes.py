"""Staff give their wishes on the page: read, checked and refused as preferences.csv rows are."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from roster.io import InputError, load_scenario
from roster.store.periods import set_period_status, submissions, wishes_of
from web_helpers import TINY, Web, post, text

MONDAY = dt.date(2027, 1, 4)


def _week(kind: str = "shift", start: str = "09:00", end: str = "17:00") -> dict[str, str]:
    """A week of the same wish, Monday to Friday, as the form sends it."""
    form: dict[str, str] = {}
    for k in range(5):
        key = (MONDAY + dt.timedelta(days=k)).isoformat()
        form |= {
            f"d-{key}-kind": kind,
            f"d-{key}-start": start,
            f"d-{key}-end": end,
            f"d-{key}-strength": "prefer",
        }
    return form


def test_an_employee_saves_a_week_of_wishes_and_sees_them_again(web_on_both: Web) -> None:
    web = web_on_both
    t1 = web.client("t1")
    page = t1.get(f"/teams/{web.team_id}/periods/{web.period_id}/wishes")
    assert page.status_code == 200
    assert "Asha Patel" in page.text and "Your wishes" in page.text
    revision = submissions(web.store, web.period_id)["T1"].revision  # the scenario's own wishes
    form = _week() | {
        "d-2027-01-08-kind": "off",
        "d-2027-01-08-strength": "strong",
        "revision": str(revision),
        "s-0-weekday": "fri",
        "s-0-kind": "finish_by",
        "s-0-time": "15:00",
        "s-0-strength": "prefer",
    }
    r = post(t1, f"/teams/{web.team_id}/periods/{web.period_id}/wishes", form)
    assert r.status_code == 303 and r.headers["location"].endswith("?saved=1")
    days, standing = wishes_of(web.store, web.period_id, "T1")
    by_date = {p.date: p for p in days}
    assert by_date[MONDAY].kind == "shift" and (by_date[MONDAY].start, by_date[MONDAY].end) == (540, 1020)
    assert by_date[dt.date(2027, 1, 8)].kind == "off" and by_date[dt.date(2027, 1, 8)].strength == "strong"
    # the days the form left at "any" (weeks 2 and 3 here) hold no wish any more
    assert all(p.date < dt.date(2027, 1, 11) for p in days)
    assert [(w.weekday, w.kind, w.time) for w in standing] == [("fri", "finish_by", 900)]
    again = t1.get(f"/teams/{web.team_id}/periods/{web.period_id}/wishes?saved=1")
    assert "Saved." in again.text and 'value="09:00"' in again.text
    assert submissions(web.store, web.period_id)["T1"].revision == revision + 1


def test_a_wish_the_policy_refuses_gets_the_files_message_and_nothing_is_saved(
    web: Web, tmp_path: Path
) -> None:
    """Bandwidth is 07:00-19:00 on weekdays: a 06:00 start is refused on the page with the very text
    the same row in preferences.csv gets from the loader."""
    t1 = web.client("t1")
    before = wishes_of(web.store, web.period_id, "T1")
    form = _week() | {"d-2027-01-05-start": "06:00", "revision": "1"}
    r = post(t1, f"/teams/{web.team_id}/periods/{web.period_id}/wishes", form)
    assert r.status_code == 422
    assert wishes_of(web.store, web.period_id, "T1") == before
    folder = tmp_path / "files"
    shutil.copytree(TINY, folder)
    with (folder / "preferences.csv").open("a") as f:
        f.write("T5,2027-01-05,shift,06:00,14:00,prefer\n")
    with pytest.raises(InputError) as err:
        load_scenario(folder)
    assert err.value.file == "preferences.csv" and err.value.field == "start"
    assert err.value.message in text(r.text)
    assert "06:00 is before the earliest start on Tue 05 Jan 2027" in err.value.message


@pytest.mark.parametrize(
    ("start", "end", "field", "says"),
    [
        ("09:00", "12:00", "end", "shorter than the shortest shift of 4:00 h"),  # SHIFT_LENGTH minimum
        ("07:00", "18:00", "end", "longer than the longest shift of 10:00 h"),  # SHIFT_LENGTH maximum
        ("09:10", "17:00", "start", "not on the service's 15-minute grid"),  # off the slot grid
        ("10:00", "19:30", "end", "after the latest finish"),  # bandwidth 07:00-19:00
    ],
)
def test_each_limit_of_a_wished_shift_is_named(web: Web, start: str, end: str, field: str, says: str) -> None:
    t1 = web.client("t1")
    form = {
        "d-2027-01-06-kind": "shift",
        "d-2027-01-06-start": start,
        "d-2027-01-06-end": end,
        "d-2027-01-06-strength": "prefer",
        "revision": "1",
    }
    r = post(t1, f"/teams/{web.team_id}/periods/{web.period_id}/wishes", form)
    assert r.status_code == 422
    assert f"2027-01-06 ({field}):" in text(r.text) and says in text(r.text)


def test_the_page_says_as_one_types_what_the_policy_makes_of_a_day(web: Web) -> None:
    t1 = web.client("t1")
    url = f"/teams/{web.team_id}/periods/{web.period_id}/check/2027-01-06"
    long_day = post(
        t1, url, {"d-2027-01-06-kind": "shift", "d-2027-01-06-start": "08:00", "d-2027-01-06-end": "16:00"}
    )
    # 8 hours: over the 6-hour threshold, so a 30-minute unpaid break, 7:30 paid
    assert (
        "8:00 h shift, with an unpaid break of 30 minutes" in long_day.text and "7:30 h paid" in long_day.text
    )
    short_day = post(
        t1, url, {"d-2027-01-06-kind": "shift", "d-2027-01-06-start": "09:00", "d-2027-01-06-end": "14:00"}
    )
    assert "5:00 h shift, no break needed" in short_day.text
    refused = post(
        t1, url, {"d-2027-01-06-kind": "shift", "d-2027-01-06-start": "05:00", "d-2027-01-06-end": "12:00"}
    )
    assert 'class="hint-text bad"' in refused.text and "before the earliest start" in refused.text


def test_a_save_from_a_page_read_before_another_save_is_refused_not_lost(web_on_both: Web) -> None:
    web = web_on_both
    t1 = web.client("t1")
    phone = web.client("t1")
    revision = str(submissions(web.store, web.period_id)["T1"].revision)
    first = post(t1, f"/teams/{web.team_id}/periods/{web.period_id}/wishes", _week() | {"revision": revision})
    assert first.status_code == 303
    stale = post(
        phone,
        f"/teams/{web.team_id}/periods/{web.period_id}/wishes",
        _week("off", "", "") | {"revision": revision},
    )
    assert stale.status_code == 409 and "reload the page" in stale.text
    days, _ = wishes_of(web.store, web.period_id, "T1")
    assert {p.kind for p in days} == {"shift"}  # the first save stands


def test_a_closed_period_takes_no_wishes(web: Web) -> None:
    set_period_status(web.store, web.period_id, "closed", actor="coordinator")
    t1 = web.client("t1")
    page = t1.get(f"/teams/{web.team_id}/periods/{web.period_id}/wishes")
    assert "closed for wishes" in page.text and "Save your wishes" not in page.text
    before = wishes_of(web.store, web.period_id, "T1")
    r = post(t1, f"/teams/{web.team_id}/periods/{web.period_id}/wishes", _week() | {"revision": "1"})
    assert r.status_code == 409 and "was closed for wishes" in text(r.text)
    assert wishes_of(web.store, web.period_id, "T1") == before


def test_closed_days_and_leave_are_shown_and_take_no_wish(web: Web) -> None:
    """Ben (T2) has annual leave on Friday 15 January in leave.csv."""
    t2 = web.client("t2")
    page = t2.get(f"/teams/{web.team_id}/periods/{web.period_id}/wishes")
    assert "On leave (annual leave)" in text(page.text)
    assert 'name="d-2027-01-15-kind"' not in page.text
    assert "Closed: no working hours this day" in text(page.text)  # Saturdays: no bandwidth


def test_a_coordinator_gives_wishes_for_someone_and_the_log_says_who(web: Web) -> None:
    coordinator = web.client("coordinator")
    url = f"/teams/{web.team_id}/periods/{web.period_id}/wishes/T4"
    assert coordinator.get(url).status_code == 200
    revision = str(submissions(web.store, web.period_id)["T4"].revision)
    r = post(coordinator, url, _week() | {"revision": revision})
    assert r.status_code == 303
    assert submissions(web.store, web.period_id)["T4"].saved_by.startswith("Chris Doyle")
    # an employee cannot open someone else's wishes
    assert web.client("t1").get(url).status_code == 404
