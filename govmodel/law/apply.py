"""The chosen legal readings applied to a model: every actor that names a reading (is KS a
contracting authority?) gets the status its chosen alternative gives, and the model records the
readings it was built under.

Apart from :mod:`govmodel.law.readings` so that the readings (which the model records) and the
model (which the readings change) do not import each other.
"""

from __future__ import annotations

import dataclasses

from govmodel.law.readings import Readings, actor_status
from govmodel.model import Model


def apply_readings(model: Model, readings: Readings | None) -> Model:
    """``model`` with the readings applied: every actor that names a reading gets the status
    its chosen alternative gives, and the model records the readings (``model.readings``).

    Other readings are read by the analysis itself (it takes the same :class:`Readings`).
    """
    readings = readings or Readings.default()
    actors = dict(model.actors)
    changed = False
    for aid, a in model.actors.items():
        rid = getattr(a, "reading", None)
        if rid:
            status = actor_status(rid, readings)
            if status != a.contracting_authority:
                actors[aid] = dataclasses.replace(a, contracting_authority=status)
                changed = True
    return dataclasses.replace(
        model,
        actors=actors if changed else model.actors,
        readings=readings,
    )
