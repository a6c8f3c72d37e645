"""The manager's review over the store: solve and save, amend (check or re-solve), diff, accept, publish."""

from roster.workflow.amend import Amendment as Amendment
from roster.workflow.amend import AmendOutcome as AmendOutcome
from roster.workflow.amend import amend as amend
from roster.workflow.amend import diff_versions as diff_versions
from roster.workflow.carry import next_scenario as next_scenario
from roster.workflow.carry import within as within
from roster.workflow.next_roster import NextRoster as NextRoster
from roster.workflow.next_roster import roster_next as roster_next
from roster.workflow.publish import Publication as Publication
from roster.workflow.publish import amended_days as amended_days
from roster.workflow.publish import is_published as is_published
from roster.workflow.publish import publish as publish
from roster.workflow.publish import publish_on_web as publish_on_web
from roster.workflow.publish import published_versions as published_versions
from roster.workflow.review import AcceptRefused as AcceptRefused
from roster.workflow.review import accept as accept
from roster.workflow.review import save_roster as save_roster
from roster.workflow.review import scenario_files as scenario_files
from roster.workflow.review import scenario_of as scenario_of
from roster.workflow.solve import SavedSolve as SavedSolve
from roster.workflow.solve import solve_and_save as solve_and_save
