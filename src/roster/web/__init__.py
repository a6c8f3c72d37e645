"""The team's web page (``roster web``): an ASGI application over the store and the workflow.

:mod:`.main` makes the application (:func:`create_app`); :mod:`.config` its settings,
:mod:`.guard` the outer request guard, :mod:`.errors` its errors, :mod:`.deps` who may reach
what, :mod:`.templating` the pages' templates; :mod:`.pages` and :mod:`.api` the routes,
:mod:`.views` what they show, :mod:`.auth` signing in and roles, :mod:`.jobs` solves in the
background."""

from roster.web.config import SolveSettings as SolveSettings
from roster.web.config import WebSettings as WebSettings
from roster.web.main import create_app as create_app
