"""The independent validator: checks any roster against a scenario, without the solver.

It never imports ``ortools``, ``pandas`` or :mod:`roster.model`; it reads the
rules of docs/rules.md directly, so that a solved, hand-amended or imported
roster is judged the same way.
"""

from roster.validation.coverage import CoverRow as CoverRow
from roster.validation.coverage import cover_table as cover_table
from roster.validation.violation import Violation as Violation
