"""Open shifts on the page: the hours a published roster leaves short, volunteered for by staff,
granted by a manager and published with the person emailed; a volunteer over the time off in lieu
cap refused with the rule's own message; over the whole ASGI stack with a real SMTP server.

The roster is tiny's with Asha (T1) off sick on Wednesday 6 January (``web_helpers.publish_short``):
the revenues minimum 10:30-14:30 and the team's 08:30-09:30 are short. Chloe (T3, revenues, 30 h)
is off that day; her cap is half of 7 weeks of 30 h, 105 h."""

from __future__ import annotations

import dataclasses

from roster.io.mail import MailSettings
from roster.store import volunteers as kept
from roster.web import create_app
from web_helpers import SETTINGS, Inbox, Web, csrf, post, publish_short, text

REVENUES = "2027-01-06:630:870:revenues"


def test_an_open_shift_volunteered_granted_and_published_with_toil_shown(
    web: Web, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    mail = MailSettings("127.0.0.1", port, "rota@council-test.gov.uk", timeout=5)
    web = dataclasses.replace(
        web, app=create_app(settings=dataclasses.replace(SETTINGS, mail=mail), store=web.store)
    )
    v1 = publish_short(web)
    chloe, manager, dan = web.client("t3"), web.client("manager"), web.client("t4")
    assert post(chloe, "/account/email", {"email": "chloe@council-test.gov.uk"}).status_code == 303  # type: ignore[attr-defined]
    page = f"/teams/{web.team_id}/open-shifts"
    seen = text(chloe.get(page).text).replace(" ,", ",")
    assert "Wed 06 Jan 10:30-14:30 (revenues), 1 place" in seen and "Wed 06 Jan 08:30-12:30 (anyone)" in seen
    assert "Balance 0:00 at the end of the roster" in seen and "the cap is 105:00" in seen
    assert "Volunteer for Wed 06 Jan 10:30-14:30 (revenues)" in seen
    # Dan works that day: no button for him
    assert "Volunteer for Wed" not in text(dan.get(page).text)
    r = post(chloe, page, {"shift": f"{v1}:{REVENUES}", "note": "happy to"})
    assert r.status_code == 303 and r.headers["location"].endswith("done=volunteered")  # type: ignore[attr-defined]
    [vol] = kept.team_volunteers(web.store, web.team_id)
    waiting = text(manager.get(page).text)
    assert "Chloe Evans (T3): “happy to”" in waiting and "no hard rule broken" in waiting
    r = post(manager, f"{page}/{vol.id}/grant")
    assert r.status_code == 303, text(r.text)  # type: ignore[attr-defined]
    done = kept.volunteer(web.store, vol.id)
    assert done.state == "granted" and done.result_version_id is not None
    made = web.store.version(done.result_version_id)
    assert made.status == "accepted" and made.source == "open-shift" and made.parent_id == v1
    [letter] = handler.messages
    assert letter["To"] == "Chloe Evans <chloe@council-test.gov.uk>"
    assert "Wed 06 Jan: off -> 10:30-14:30" in letter.get_content()
    roster_page = text(chloe.get(f"/teams/{web.team_id}/roster").text)
    assert "Time off in lieu: 4:00 of 105:00" in roster_page and "Changes to your shifts" in roster_page
    assert "10:30-14:30, extra (time off in lieu)" in roster_page
    after = text(chloe.get(page).text)
    assert "10:30-14:30 (revenues)" not in after.split("You volunteered")[0]
    assert "granted and published" in after


def test_a_volunteer_over_the_toil_cap_is_refused_with_the_rules_message(web: Web) -> None:
    v1 = publish_short(web, toil=b"employee_id,minutes\nT3,6200\n")
    chloe = web.client("t3")
    page = f"/teams/{web.team_id}/open-shifts"
    assert "Balance 103:20 at the end" in text(chloe.get(page).text)
    r = chloe.post(page, data={"shift": f"{v1}:{REVENUES}", "csrftoken": _token(chloe, page)})
    assert r.status_code == 422
    said = text(r.text)
    assert "TIME_OFF_IN_LIEU" in said and "over the cap of 105 h (half the annual leave entitlement)" in said
    assert kept.team_volunteers(web.store, web.team_id) == []


def test_who_may_do_what_with_a_volunteer(web: Web) -> None:
    v1 = publish_short(web)
    chloe, asha, manager = web.client("t3"), web.client("t2"), web.client("manager")
    page = f"/teams/{web.team_id}/open-shifts"
    assert post(chloe, page, {"shift": f"{v1}:{REVENUES}"}).status_code == 303  # type: ignore[attr-defined]
    [vol] = kept.team_volunteers(web.store, web.team_id)
    # staff cannot grant or decline; someone else cannot withdraw it
    assert post(chloe, f"{page}/{vol.id}/grant").status_code == 403  # type: ignore[attr-defined]
    r = post(asha, f"{page}/{vol.id}/withdraw")
    assert r.status_code == 422 and "Only the person who volunteered" in text(r.text)  # type: ignore[attr-defined]
    r = post(manager, f"{page}/{vol.id}/decline", {"reason": ""})
    assert r.status_code == 422 and "Give a reason" in text(r.text)  # type: ignore[attr-defined]
    r = post(chloe, page, {"shift": "nonsense"})
    assert r.status_code == 422 and "Choose one of the open shifts" in text(r.text)  # type: ignore[attr-defined]
    assert post(manager, f"{page}/{vol.id}/decline", {"reason": "not this week"}).status_code == 303  # type: ignore[attr-defined]
    assert "not this week" in text(chloe.get(page).text)


def _token(client: object, page: str) -> str:
    import re

    html = client.get(page).text  # type: ignore[attr-defined]
    found = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_the_json_api_takes_the_same_steps_with_the_same_answers(web: Web) -> None:
    v1 = publish_short(web)
    api = f"/api/teams/{web.team_id}/open-shifts"
    chloe, ben, manager = web.client("t3"), web.client("t2"), web.client("manager")

    def send(client: object, path: str, body: dict[str, object] | None = None) -> object:
        return client.post(path, json=body or {}, headers={"x-csrftoken": csrf(client)})  # type: ignore[attr-defined]

    shifts = chloe.get(api).json()
    assert {(o["start_minute"], o["end_minute"], o["skill"], o["places"]) for o in shifts} == {
        (510, 750, "team", 1),
        (630, 870, "revenues", 1),
    }
    want = {
        "version_id": v1,
        "date": "2027-01-06",
        "start_minute": 630,
        "end_minute": 870,
        "skill": "revenues",
    }
    r = send(ben, api, want)
    assert r.status_code == 422 and "does not hold revenues" in r.json()["detail"]  # type: ignore[attr-defined]
    r = send(chloe, api, {**want, "note": "yes"})
    assert r.status_code == 201, r.text  # type: ignore[attr-defined]
    vol = r.json()  # type: ignore[attr-defined]
    assert vol["state"] == "volunteered" and vol["employee_id"] == "T3"
    assert send(chloe, f"{api}/{vol['id']}/grant").status_code == 403  # type: ignore[attr-defined]
    r = send(manager, f"{api}/{vol['id']}/grant")
    assert r.status_code == 200 and r.json()["state"] == "granted" and r.json()["result_version_id"]  # type: ignore[attr-defined]
    assert [v["state"] for v in chloe.get(f"{api}/volunteers").json()] == ["granted"]
