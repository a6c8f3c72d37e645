"""What a coordinator and a manager read after a solve: cover, hours, wishes, summary, files.

pandas lives here (and in :mod:`roster.plotting`), never in the domain or the model.
"""

from roster.reports.cover import cover_frame as cover_frame
from roster.reports.cover import cover_frame_from_rows as cover_frame_from_rows
from roster.reports.cover import shortfalls as shortfalls
from roster.reports.cover import shortfalls_from_rows as shortfalls_from_rows
from roster.reports.diff import RosterDiff as RosterDiff
from roster.reports.diff import roster_diff as roster_diff
from roster.reports.diff import shift_changes as shift_changes
from roster.reports.gaps import who_could_cover as who_could_cover
from roster.reports.headroom import headroom_frame as headroom_frame
from roster.reports.hours import hours_frame as hours_frame
from roster.reports.outputs import penalties_frame as penalties_frame
from roster.reports.outputs import result_json as result_json
from roster.reports.outputs import write_outputs as write_outputs
from roster.reports.summary import render_summary as render_summary
from roster.reports.wishes import honoured_percent as honoured_percent
from roster.reports.wishes import refused_wishes as refused_wishes
from roster.reports.wishes import wishes_by_person as wishes_by_person
from roster.reports.yearly import YearDay as YearDay
from roster.reports.yearly import YearTotals as YearTotals
from roster.reports.yearly import year_calendar_html as year_calendar_html
from roster.reports.yearly import year_days as year_days
from roster.reports.yearly import year_totals as year_totals
