"""roster: a self-rostering constraint solver for UK public-sector services."""

__version__ = "0.1.0"
