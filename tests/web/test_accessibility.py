"""What can be checked of accessibility without a person: every form control on every page has a
label, the pages name their language and have one main landmark and a skip link, and the colours
of text on their backgrounds meet WCAG AA contrast (4.5:1). (Keyboard use is shown in
test_browser.py, which signs in with the keyboard alone.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from web_helpers import Web, a_plan, a_swap, a_version

CSS = Path(__file__).resolve().parents[2] / "src" / "roster" / "web" / "static" / "style.css"


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labels: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.mains = 0
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "main":
            self.mains += 1
        if tag == "label" and a.get("for"):
            self.labels.add(str(a["for"]))
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append(a)


def _pages(web: Web) -> list[tuple[str, str]]:
    info = a_version(web)
    a_swap(web)
    plan = a_plan(web)
    t = f"/teams/{web.team_id}"
    return [
        ("", "/sign-in"),
        ("t1", t),
        ("t1", f"{t}/periods/{web.period_id}/wishes"),
        ("t1", f"{t}/roster"),
        ("coordinator", f"{t}/periods/{web.period_id}"),
        ("coordinator", f"{t}/periods/{web.period_id}/wishes/T2"),
        ("manager", f"{t}/versions/{info.id}"),
        ("manager", f"{t}/versions/{info.id}?amend_employee=T1&amend_date=2027-01-06"),
        ("manager", f"{t}/log"),
        ("t1", "/account"),
        ("manager", f"{t}/people"),
        ("t3", f"{t}/swaps"),  # an offer of T1's to take (Chloe holds its skills)
        ("manager", f"{t}/swaps"),
        ("coordinator", f"{t}/year"),
        ("coordinator", f"{t}/year/jobs/{plan}"),
    ]


def test_every_control_of_every_page_has_a_label(web: Web) -> None:
    for who, path in _pages(web):
        client = web.client(who or None)
        r = client.get(path)
        assert r.status_code == 200, path
        found = _Controls()
        found.feed(r.text)
        assert found.lang == "en" and found.mains == 1, path
        assert 'class="skip" href="#main"' in r.text
        unlabelled = [
            c.get("name")
            for c in found.controls
            if c.get("id") not in found.labels and not c.get("aria-label")
        ]
        assert unlabelled == [], (path, unlabelled)


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_palette_meets_wcag_aa_contrast() -> None:
    palette = dict(re.findall(r"--(\w+):\s*(#[0-9a-fA-F]{6})", CSS.read_text()))
    white = "#ffffff"
    pairs = [
        (palette["text"], white),
        (palette["muted"], white),
        (palette["link"], white),
        (palette["bad"], white),
        (palette["good"], white),
        (white, palette["link"]),  # button text on the button
        (palette["muted"], palette["soft"]),
        (palette["text"], palette["leave"]),
        (white, "#0b2545"),  # header
    ]
    low = [(fg, bg, round(contrast(fg, bg), 2)) for fg, bg in pairs if contrast(fg, bg) < 4.5]
    assert low == []
    assert round(contrast(palette["text"], white), 1) == 17.2  # the figure docs/web.md gives
