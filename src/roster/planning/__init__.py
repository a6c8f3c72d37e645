"""Planning across roster periods, for analysts: annual hours, seasonal profiles, the year
plan (one linear programme over the year's weeks: it checks or proposes a profile and bounds
the hours short), the year planner (its rosters solved in parallel, then reconciled; each
person's yearly calendar), what-if sweeps on the local cores or a Dask cluster, and what would
close a roster's gap (single changes, each verified by a re-solve). The
notebooks in ``notebooks/`` use this API."""

from roster.planning.annual import AnnualHours as AnnualHours
from roster.planning.annual import AnnualRule as AnnualRule
from roster.planning.annual import annual_hours as annual_hours
from roster.planning.annual import leave_year as leave_year
from roster.planning.annual import leave_year_of as leave_year_of
from roster.planning.annual import year_bank_holidays as year_bank_holidays
from roster.planning.gaps_help import HELP_COLUMNS as HELP_COLUMNS
from roster.planning.gaps_help import Change as Change
from roster.planning.gaps_help import GapHelp as GapHelp
from roster.planning.gaps_help import GapHelpError as GapHelpError
from roster.planning.gaps_help import Verdict as Verdict
from roster.planning.gaps_help import what_would_help as what_would_help
from roster.planning.hours import PlanError as PlanError
from roster.planning.hours import YearHours as YearHours
from roster.planning.hours import period_starts as period_starts
from roster.planning.hours import plan_hours as plan_hours
from roster.planning.outputs import write_calendars as write_calendars
from roster.planning.outputs import write_gap_help as write_gap_help
from roster.planning.outputs import write_plan as write_plan
from roster.planning.outputs import write_sweep as write_sweep
from roster.planning.outputs import write_variant as write_variant
from roster.planning.profile import Profile as Profile
from roster.planning.profile import ProfileError as ProfileError
from roster.planning.profile import period_hours as period_hours
from roster.planning.profile import profiles_from_rows as profiles_from_rows
from roster.planning.profile import scaled as scaled
from roster.planning.profile import year_weeks as year_weeks
from roster.planning.sweep import RESULT_COLUMNS as RESULT_COLUMNS
from roster.planning.sweep import Sweep as Sweep
from roster.planning.sweep import SweepError as SweepError
from roster.planning.sweep import Variant as Variant
from roster.planning.sweep import local_jobs as local_jobs
from roster.planning.sweep import read_sweep as read_sweep
from roster.planning.sweep import result_rows as result_rows
from roster.planning.sweep import run_cluster as run_cluster
from roster.planning.sweep import run_local as run_local
from roster.planning.sweep import tasks_of as tasks_of
from roster.planning.sweep import variant_scenario as variant_scenario
from roster.planning.year import PeriodResult as PeriodResult
from roster.planning.year import YearPlan as YearPlan
from roster.planning.year import plan_year as plan_year
from roster.planning.year import reconcile as reconcile
from roster.planning.year import solve_period as solve_period
from roster.planning.yeardata import annualised as annualised
from roster.planning.yeardata import check_legal as check_legal
from roster.planning.yeardata import year_data as year_data
from roster.planning.yearlp import PersonYear as PersonYear
from roster.planning.yearlp import YearData as YearData
from roster.planning.yearlp import YearPlanError as YearPlanError
from roster.planning.yearlp import YearSolution as YearSolution
from roster.planning.yearlp import solve_year as solve_year
