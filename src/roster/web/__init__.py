"""The team's web page (``roster web``): an ASGI application over the store and the workflow."""

from roster.web.app import WebSettings as WebSettings
from roster.web.app import create_app as create_app
from roster.web.jobs import SolveSettings as SolveSettings
