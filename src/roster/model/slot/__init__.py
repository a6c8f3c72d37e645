"""The slot formulation: per person and date, a shift's start, end and on-duty slots.

* :mod:`~roster.model.index`: the scenario as integer windows, targets and cover;
* :mod:`~roster.model.slot.variables`: the decision variables of one shift;
* :mod:`~roster.model.slot.formulation`: :class:`SlotModel`, variables then rules;
* :mod:`~roster.model.slot.rules`: one module per rule family;
* :mod:`~roster.model.slot.hand_plan`: the hand-built first roster, person by person.
"""
