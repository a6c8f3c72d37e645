"""Shift swaps on the page: offered by one person, taken by another giving a shift back, approved by
a manager and published, both people emailed; a swap that would break a rule refused with the
rule's own message; over the whole ASGI stack with a real SMTP server on loopback.

The roster is tiny's, solved once (``store_helpers.tiny_roster``): Dan (T4) works Wednesday 6
January and not Tuesday 5, Chloe (T3) the other way round; Asha (T1) works every weekday."""

from __future__ import annotations

import dataclasses
import re

from roster.io.mail import MailSettings
from roster.store import swaps as kept
from roster.web import create_app
from web_helpers import SETTINGS, Inbox, Web, csrf, post, publish_tiny, text

TEAM = "Tiny Contact Desk"


def test_a_swap_offered_taken_approved_and_published_with_both_people_emailed(
    web: Web, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    mail = MailSettings("127.0.0.1", port, "rota@council-test.gov.uk", timeout=5)
    web = dataclasses.replace(
        web, app=create_app(settings=dataclasses.replace(SETTINGS, mail=mail), store=web.store)
    )
    v1 = publish_tiny(web)
    dan, chloe, manager = web.client("t4"), web.client("t3"), web.client("manager")
    for client, address in ((dan, "dan@council-test.gov.uk"), (chloe, "chloe@council-test.gov.uk")):
        assert post(client, "/account/email", {"email": address}).status_code == 303  # type: ignore[attr-defined]
    swaps = f"/teams/{web.team_id}/swaps"
    page = text(dan.get(swaps).text)
    assert "Offer one of your shifts" in page and "Wed 06 Jan 2027, 08:30-16:30" in page
    r = post(dan, swaps, {"shift": f"{v1}:2027-01-06", "to": "", "note": "school play"})
    assert r.status_code == 303 and r.headers["location"].endswith("done=offered")  # type: ignore[attr-defined]
    [offer] = kept.team_swaps(web.store, web.team_id)
    # Chloe sees it, with her Tuesday among the shifts she could give back
    html = chloe.get(swaps).text
    assert "Dan Hughes" in text(html) and "school play" in html
    assert 'value="2027-01-05"' in html
    r = post(chloe, f"{swaps}/{offer.id}/take", {"return_date": "2027-01-05"})
    assert r.status_code == 303, text(r.text)  # type: ignore[attr-defined]
    # the manager sees it checked, and approves it
    waiting = text(manager.get(swaps).text)
    assert "Chloe Evans works Dan Hughes's Wed 06 Jan 2027" in waiting and "no hard rule broken" in waiting
    r = post(manager, f"{swaps}/{offer.id}/approve")
    assert r.status_code == 303, text(r.text)  # type: ignore[attr-defined]
    done = kept.swap(web.store, offer.id)
    assert done.state == "approved" and done.result_version_id is not None
    made = web.store.version(done.result_version_id)
    assert made.status == "accepted" and made.source == "swap"
    # both are told: by email, and on their roster page
    told = sorted(m["To"] for m in handler.messages)
    assert told == ["Chloe Evans <chloe@council-test.gov.uk>", "Dan Hughes <dan@council-test.gov.uk>"]
    body = next(m for m in handler.messages if "Dan" in m["To"]).get_content()
    assert "Tue 05 Jan: off -> 08:30-16:30" in body and "Wed 06 Jan: 08:30-16:30" in body
    assert "Changes to your shifts" in text(chloe.get(f"/teams/{web.team_id}/roster").text)
    assert "approved" in text(dan.get(swaps).text)


def test_a_swap_that_would_break_a_rule_is_refused_with_the_rules_message(web: Web) -> None:
    v1 = publish_tiny(web)
    asha, chloe = web.client("t1"), web.client("t3")
    swaps = f"/teams/{web.team_id}/swaps"
    assert post(asha, swaps, {"shift": f"{v1}:2027-01-06"}).status_code == 303  # type: ignore[attr-defined]
    [offer] = kept.team_swaps(web.store, web.team_id)
    r = post(chloe, f"{swaps}/{offer.id}/take", {"return_date": ""})
    assert r.status_code == 422  # type: ignore[attr-defined]
    words = text(r.text)  # type: ignore[attr-defined]
    assert "The swap would break a rule" in words and "CONTRACT_HOURS (Asha Patel (T1)" in words
    assert kept.swap(web.store, offer.id).state == "offered"


def test_who_may_do_what_with_a_swap(web: Web) -> None:
    v1 = publish_tiny(web)
    swaps = f"/teams/{web.team_id}/swaps"
    dan, coordinator = web.client("t4"), web.client("coordinator")
    post(dan, swaps, {"shift": f"{v1}:2027-01-06"})
    [offer] = kept.team_swaps(web.store, web.team_id)
    # a coordinator (no shifts) cannot take it, nor approve; a colleague cannot withdraw it
    assert post(coordinator, f"{swaps}/{offer.id}/take").status_code == 403  # type: ignore[attr-defined]
    assert post(coordinator, f"{swaps}/{offer.id}/approve").status_code == 403  # type: ignore[attr-defined]
    r = post(web.client("t3"), f"{swaps}/{offer.id}/withdraw")
    assert r.status_code == 422 and "Only the person who offered" in text(r.text)  # type: ignore[attr-defined]
    # another team's people: not found
    assert post(web.client("o1"), f"{swaps}/{offer.id}/take").status_code == 404  # type: ignore[attr-defined]
    other = f"/teams/{web.other_team_id}/swaps/{offer.id}/take"
    assert post(web.client("o1"), other).status_code == 404  # type: ignore[attr-defined]
    # a shift that is not one's own cannot be offered
    r = post(web.client("t3"), swaps, {"shift": f"{v1}:2027-01-06"})
    assert r.status_code == 422 and "has no shift on Wed 06 Jan to offer" in text(r.text)  # type: ignore[attr-defined]
    assert re.search(r"Withdraw", dan.get(swaps).text)
    # someone with no shifts has no swaps of their own; a taken swap reads as waiting for a manager
    assert "Your swaps" not in text(web.client("manager").get(swaps).text)
    assert "offered" in text(dan.get(swaps).text)


def test_the_json_api_takes_the_same_steps_with_the_same_answers(web: Web) -> None:
    v1 = publish_tiny(web)
    api = f"/api/teams/{web.team_id}/swaps"
    dan, chloe, manager = web.client("t4"), web.client("t3"), web.client("manager")

    def send(client: object, path: str, body: dict[str, object] | None = None) -> object:
        return client.post(path, json=body or {}, headers={"x-csrftoken": csrf(client)})  # type: ignore[attr-defined]

    r = send(dan, api, {"version_id": v1, "date": "2027-01-06", "note": "dentist"})
    assert r.status_code == 201, r.text  # type: ignore[attr-defined]
    offer = r.json()  # type: ignore[attr-defined]
    assert offer["state"] == "offered" and offer["offered_by"] == "T4" and offer["offered_to"] is None
    # a shift given back that Chloe does not work is refused, saying why
    r = send(chloe, f"{api}/{offer['id']}/take", {"return_date": "2027-01-06"})
    assert r.status_code == 422  # type: ignore[attr-defined]
    r = send(chloe, f"{api}/{offer['id']}/take", {"return_date": "2027-01-05"})
    assert r.status_code == 200 and r.json()["state"] == "accepted"  # type: ignore[attr-defined]
    assert send(chloe, f"{api}/{offer['id']}/approve").status_code == 403  # type: ignore[attr-defined]
    r = send(manager, f"{api}/{offer['id']}/refuse", {"reason": ""})
    assert r.status_code == 422  # type: ignore[attr-defined]
    r = send(manager, f"{api}/{offer['id']}/approve")
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    done = r.json()  # type: ignore[attr-defined]
    assert done["state"] == "approved" and done["result_version_id"] is not None
    listed = dan.get(api).json()
    assert [s["id"] for s in listed] == [offer["id"]] and listed[0]["taker"] == "T3"
