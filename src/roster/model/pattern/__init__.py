"""The person-roster formulation (issue 10, in progress): one column is one person's roster.

Built so far: the master LP over person-roster columns (:mod:`.master`), pricing by
an exact person-alone CP-SAT solve (:mod:`.pricing`), and column generation that
proves a lower bound (:mod:`.generation`). Not yet: dynamic-programming pricing,
integer rosters from the master, and the formulation protocol (so ``roster solve``
does not use it yet). docs/pattern.md says what the bound relaxes.
"""

from roster.model.pattern.generation import PatternBound as PatternBound
from roster.model.pattern.generation import pattern_bound as pattern_bound
