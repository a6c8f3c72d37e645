"""The manager's review over the store: save a solve, read a version back, accept it."""

from roster.workflow.review import AcceptRefused as AcceptRefused
from roster.workflow.review import accept as accept
from roster.workflow.review import save_roster as save_roster
from roster.workflow.review import scenario_files as scenario_files
from roster.workflow.review import scenario_of as scenario_of
