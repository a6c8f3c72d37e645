"""The store's tables (SQLAlchemy 2 declarative models); the migrations create them.

A team's rosters are kept as **versions**: each is the whole roster (its shifts) of
one scenario **snapshot** (the input files, stored once per content hash). A version
is never rewritten once saved; only its status (and who it led to) changes, each
change bumping ``revision`` (SQLAlchemy's version counter: optimistic locking, so
two people changing the same version cannot both succeed). Every change is also an
**event** in the append-only audit log: who, when, what, why.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint names fixed by convention: the migrations name them the same on SQLite and PostgreSQL."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class TeamRow(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SnapshotRow(Base):
    """A scenario's input files, stored once per team and content hash."""

    __tablename__ = "snapshots"
    __table_args__ = (UniqueConstraint("team_id", "sha256", name="uq_snapshots_team_sha"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    period_start: Mapped[dt.date] = mapped_column(Date)
    weeks: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SnapshotFileRow(Base):
    __tablename__ = "snapshot_files"

    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class VersionRow(Base):
    """One saved roster of a team: draft, amended, accepted or superseded."""

    __tablename__ = "versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"), nullable=True)
    next_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The version made from this one (an amendment); a version leads to at most one."""
    status: Mapped[str] = mapped_column(String(20))
    revision: Mapped[int] = mapped_column(Integer)
    objective: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The independent validator's objective of the roster."""
    solver_objective: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The solver's own objective for the request it solved; None for a roster amended by hand."""
    hard_violations: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(40))
    """How the roster was made: ``solve``, ``amend``, ``re-solve``."""
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str] = mapped_column(Text, default="")

    __mapper_args__ = {"version_id_col": revision}  # noqa: RUF012 (SQLAlchemy's declarative API)


class ShiftRow(Base):
    __tablename__ = "shifts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), index=True)
    employee_id: Mapped[str] = mapped_column(String(100))
    date: Mapped[dt.date] = mapped_column(Date)
    start: Mapped[dt.datetime] = mapped_column(DateTime)
    end: Mapped[dt.datetime] = mapped_column(DateTime)
    break_start: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    break_end: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class EventRow(Base):
    """The audit log: appended, never changed (the store has no method that changes a row)."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")


# -- the team's web page (issue 13): people, roster periods open for wishes ----------------------------


class UserRow(Base):
    """A person who signs in to the web page (password stored as an Argon2 hash only)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    calendar_token: Mapped[str] = mapped_column(String(64), unique=True)
    """The secret part of the person's calendar subscription address."""
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    """Where the person is told when their published shifts change (none: not told by email)."""
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    """How many times the password was changed (each change also ends the user's sessions)."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """A council administrator: creates teams and gives people their roles in any team."""


class MembershipRow(Base):
    """A user's role in a team: ``employee`` (with the person's id in the team's scenario),
    ``coordinator`` or ``manager``. A user may hold several roles in a team, and a person of the
    team has at most one account."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "team_id", "role", name="uq_memberships_user_team_role"),
        UniqueConstraint("team_id", "employee_id", name="uq_memberships_team_employee"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    employee_id: Mapped[str | None] = mapped_column(String(100), nullable=True)


class PeriodRow(Base):
    """A roster period of a team: its scenario (the snapshot) and whether wishes are open."""

    __tablename__ = "periods"
    __table_args__ = (UniqueConstraint("team_id", "start_date", name="uq_periods_team_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"))
    start_date: Mapped[dt.date] = mapped_column(Date)
    weeks: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    """``open`` (staff enter wishes) or ``closed`` (wishes kept as they are; the team may solve)."""
    opened_by: Mapped[str] = mapped_column(String(200))
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DayWishRow(Base):
    """A person's indicated pattern for one date of a period (a row of preferences.csv)."""

    __tablename__ = "day_wishes"
    __table_args__ = (
        UniqueConstraint("period_id", "employee_id", "date", name="uq_day_wishes_period_employee_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    employee_id: Mapped[str] = mapped_column(String(100))
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """Minutes after the date's midnight (past 1440 for a shift that ends the next day)."""
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    strength: Mapped[str] = mapped_column(String(10))


class StandingWishRow(Base):
    """A wish that holds every week of a period (a row of wishes.csv)."""

    __tablename__ = "standing_wishes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), index=True)
    employee_id: Mapped[str] = mapped_column(String(100))
    weekday: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(20))
    time: Mapped[int | None] = mapped_column(Integer, nullable=True)
    strength: Mapped[str] = mapped_column(String(10))


class SubmissionRow(Base):
    """That a person has given their wishes for a period, when, by whom, and how often
    (``revision``: a save from a page read before another save is refused, not lost)."""

    __tablename__ = "submissions"

    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"), primary_key=True)
    employee_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    saved_by: Mapped[str] = mapped_column(String(200))


class SignInCountRow(Base):
    """Sign-in attempts counted for the rate limit, for a user name (``kind`` ``name``) or an
    address (``address``): ``failures`` since ``since``, the start of the window."""

    __tablename__ = "sign_in_counts"

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    since: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class SessionRow(Base):
    """A signed-in session. The browser's cookie holds a random token; the store keeps only its
    SHA-256 (``id``), so a copy of the store signs nobody in. Signing out deletes the row, a new
    password deletes all of the user's: every copy of the cookie is then worthless."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class ResetLinkRow(Base):
    """A one-time link a manager made for a person to set a new password. The link carries a random
    token; the store keeps only its SHA-256 (``id``). Used once (``used_at``) or past
    ``expires_at``, it opens nothing."""

    __tablename__ = "reset_links"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    made_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SwapRow(Base):
    """A shift of a published roster offered by the person who works it, to a named colleague or
    to anyone who may work it; taken by a colleague (optionally giving a shift of theirs back),
    then approved (a new version, published) or refused by a manager. ``state``: ``offered``,
    ``accepted``, ``approved``, ``refused``, ``withdrawn`` or ``lapsed`` (the roster changed
    first). Each change is a conditional update on the state it was read in, so two people
    acting on one swap at once cannot both succeed."""

    __tablename__ = "swaps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), index=True)
    """The published version the offer was made on."""
    shift_date: Mapped[dt.date] = mapped_column(Date)
    offered_by: Mapped[str] = mapped_column(String(100))
    """The person (their id in the team's scenario) whose shift it is."""
    offered_to: Mapped[str | None] = mapped_column(String(100), nullable=True)
    """A named colleague, or None: anyone who may work it."""
    taker: Mapped[str | None] = mapped_column(String(100), nullable=True)
    return_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    """The taker's own shift they give back in exchange, if any."""
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    result_version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"), nullable=True)


class VolunteerRow(Base):
    """A person of the team volunteering for an open shift of a published roster (hours it leaves
    short of minimum cover): ``state`` ``volunteered``, then ``granted`` (a new version with the
    shift as an extra shift, published), ``declined`` (with a reason), ``withdrawn`` or
    ``lapsed`` (the roster changed and the shift is no longer open). Each change is a conditional
    update on the state it was read in."""

    __tablename__ = "volunteers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), index=True)
    """The published version whose open shift it is."""
    shift_date: Mapped[dt.date] = mapped_column(Date)
    start_minute: Mapped[int] = mapped_column(Integer)
    """The open shift's start and end, minutes of its date (an end past midnight above 1440)."""
    end_minute: Mapped[int] = mapped_column(Integer)
    skill: Mapped[str] = mapped_column(String(100))
    """The skill short (``team``: the whole team's minimum)."""
    employee_id: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(200), default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    result_version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"), nullable=True)


class SolveJobRow(Base):
    """A job asked for on the web page (a solve, a re-solve, what would close a gap): who asked, its
    state and progress, and its roster. The process running it writes its progress here, so every
    server process shows it; a stop asked from any process is ``cancel_requested_by``, which the
    running process reads. A job run on a cluster is ``queued`` until a worker claims it. At most
    one job of a period is queued or running, one job of a team of each team-wide kind (a plan, a
    sweep), and one job of a team running (unique indexes on those): a team's jobs run one at a
    time. ``settings``: the solver's settings (JSON), for
    whichever worker runs it; ``kind``: what it does."""

    __tablename__ = "solve_jobs"
    __table_args__ = (
        Index(
            "uq_solve_jobs_active_period",
            "period_id",
            unique=True,
            sqlite_where=text("state IN ('queued', 'running')"),
            postgresql_where=text("state IN ('queued', 'running')"),
        ),
        Index(
            "uq_solve_jobs_running_team",
            "team_id",
            unique=True,
            sqlite_where=text("state = 'running'"),
            postgresql_where=text("state = 'running'"),
        ),
        Index(
            "uq_solve_jobs_active_team_kind",
            "team_id",
            "kind",
            unique=True,
            sqlite_where=text("period_id IS NULL AND state IN ('queued', 'running')"),
            postgresql_where=text("period_id IS NULL AND state IN ('queued', 'running')"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    period_id: Mapped[int | None] = mapped_column(ForeignKey("periods.id"), index=True, nullable=True)
    """The period a solve, re-solve or help job is about; None for a job of the team (a year plan,
    a sweep)."""
    state: Mapped[str] = mapped_column(String(20))
    """``running``, ``done`` (a roster was saved), ``none`` (no roster found) or ``failed``."""
    requested_by: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    owner: Mapped[str] = mapped_column(String(200))
    """The server process running it (host and process id)."""
    heartbeat_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    """When the running process last wrote: a running job whose heartbeat stopped lost its process."""
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    stage: Mapped[str] = mapped_column(Text, default="")
    seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    objective: Mapped[float | None] = mapped_column(Float, nullable=True)
    bound: Mapped[float | None] = mapped_column(Float, nullable=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"), nullable=True)
    """The version the job saved (a solve, a re-solve) or looked at (``help``)."""
    message: Mapped[str] = mapped_column(Text, default="")
    cancel_requested_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    settings: Mapped[str] = mapped_column(Text, default="", server_default="")
    kind: Mapped[str] = mapped_column(String(20), default="solve", server_default="solve")
    """``solve`` (the period's wishes), ``resolve`` (a manager's edit of a version, re-solved with
    minimal change: the version, its revision and the edit in ``settings``), ``help`` (what would
    close the gap in ``version_id``'s cover: the table in ``result``), or a job of the team:
    ``plan`` (a year plan) or ``sweep`` (what-if variants), their files in ``job_files``."""
    result: Mapped[str] = mapped_column(Text, default="", server_default="")
    """What a job found besides a version (JSON): a ``help`` job's changes tried, a plan's or a
    sweep's tables."""


class JobFileRow(Base):
    """A file a job of the team was given (``inputs/...``) or wrote (a plan's or a sweep's tables,
    rosters, calendars and pictures)."""

    __tablename__ = "job_files"

    job_id: Mapped[int] = mapped_column(ForeignKey("solve_jobs.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class YearFileRow(Base):
    """A team's year input (``leave.csv``, ``staffing.csv``, ``profile.csv`` of a scenario's
    ``year/`` folder), as last saved: what a year plan of the team reads."""

    __tablename__ = "year_files"

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    saved_by: Mapped[str] = mapped_column(String(200))
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SettingRow(Base):
    """Installation settings kept in the store (the web page's session signing key)."""

    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
