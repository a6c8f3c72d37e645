"""The pattern engine (issue 10): one column is one person's whole roster.

* :mod:`.days`: every shift a person may work on each date, as arrays;
* :mod:`.dp`: pricing by dynamic programming over the dates;
* :mod:`.sequence`: the same for shift types, with runs, successions and weekends in the label
  (its loops compiled in :mod:`.kernels`);
* :mod:`.pricing`: exact pricing by a person-alone CP-SAT solve (the DP's oracle and fallback);
* :mod:`.master`: the master LP (HiGHS's simplex; the others of ``LP_SOLVERS`` selectable);
* :mod:`.generation`: column generation (the bound) and the dive (a roster);
* :mod:`.engine`: the engine's part in a solve (``roster.model.pipeline`` step 0).

docs/pattern.md says what each rule is in the DP and in the bound.
"""

from roster.model.pattern.generation import PatternBound as PatternBound
from roster.model.pattern.generation import pattern_bound as pattern_bound
from roster.model.pattern.master import LP_SOLVERS as LP_SOLVERS
from roster.model.pattern.master import MasterError as MasterError
