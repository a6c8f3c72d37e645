"""Everything that imports ortools: formulations, the solve pipeline, the diagnosis.

* :mod:`roster.model.formulation`: the protocol every formulation implements;
* :mod:`roster.model.slot`: the slot formulation (one shift per person and date);
* :mod:`roster.model.pipeline`: first roster, repair, search, status, diagnosis;
* :mod:`roster.model.params`: CP-SAT search presets as data;
* :mod:`roster.model.explain`: which rules and people conflict when nothing is feasible;
* :mod:`roster.model.pattern`: the pattern engine (column generation: a proved bound and a roster).
"""

from roster.model.formulation import Formulation as Formulation
from roster.model.params import DEFAULT_PRESET as DEFAULT_PRESET
from roster.model.params import PresetError as PresetError
from roster.model.params import SearchPreset as SearchPreset
from roster.model.params import load_preset as load_preset
from roster.model.pattern import LP_SOLVERS as LP_SOLVERS
from roster.model.pattern import MasterError as MasterError
from roster.model.pattern import PatternBound as PatternBound
from roster.model.pipeline import FORMULATIONS as FORMULATIONS
from roster.model.pipeline import pattern_bound as pattern_bound
from roster.model.pipeline import solve as solve
from roster.model.slot.formulation import SlotModel as SlotModel
