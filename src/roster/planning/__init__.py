"""Planning across roster periods: annual hours (and, to come, seasonal profiles, the year
planner and sweeps)."""

from roster.planning.annual import AnnualHours as AnnualHours
from roster.planning.annual import AnnualRule as AnnualRule
from roster.planning.annual import annual_hours as annual_hours
from roster.planning.annual import leave_year as leave_year
from roster.planning.annual import year_bank_holidays as year_bank_holidays
from roster.planning.profile import Profile as Profile
from roster.planning.profile import ProfileError as ProfileError
from roster.planning.profile import check_legal as check_legal
from roster.planning.profile import period_hours as period_hours
from roster.planning.profile import profiles_from_rows as profiles_from_rows
from roster.planning.profile import scaled as scaled
from roster.planning.profile import year_weeks as year_weeks
from roster.planning.year import PeriodResult as PeriodResult
from roster.planning.year import PlanError as PlanError
from roster.planning.year import YearPlan as YearPlan
from roster.planning.year import period_starts as period_starts
from roster.planning.year import plan_year as plan_year
from roster.planning.year import write_calendars as write_calendars
