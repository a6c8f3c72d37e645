"""JOB_SHARE (hard): the handover overlap of two people sharing a post (POLICY.md section 6).

For each job share with ``handover_minutes`` H > 0 and each date both
partners work: their shifts overlap by at least H (real minutes, Europe/London).
One violation per date, on the first partner: ``measured`` = minutes of
overlap (0 when none), ``limit`` = H.
"""

from __future__ import annotations

from roster.domain.rules import RuleCode
from roster.validation.context import Context
from roster.validation.text import duration
from roster.validation.violation import Violation

RULE = RuleCode.JOB_SHARE


def check_job_share(ctx: Context) -> list[Violation]:
    out: list[Violation] = []
    for js in ctx.scenario.job_shares:
        h = js.handover_minutes
        if h <= 0:
            continue
        second = {v.date: v for v in ctx.of(js.second)}
        for v in ctx.of(js.first):
            w = second.get(v.date)
            if w is None:
                continue
            overlap = max(0, min(v.real_end, w.real_end) - max(v.real_start, w.real_start))
            if overlap < h:
                out.append(
                    v.violation(
                        RULE,
                        measured=overlap,
                        limit=h,
                        message=(
                            f"{js.first} ({v.label}) and job-share partner {js.second} ({w.label}) overlap "
                            f"{duration(overlap)} on {v.date}; the handover needs {duration(h)}"
                        ),
                    )
                )
    return out
