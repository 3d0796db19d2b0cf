"""Form E: conversion or decommissioning of production facilities (Art. 7.1(d))."""

from __future__ import annotations

from ccm_desktop.schema.forms.common import NOTE, TEXT, choice, field, remarks_field, table
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import DateKind, YesNo
from ccm_desktop.schema.model import Part

PART = Part(
    id="E",
    title=N_("Status of conversion programmes"),
    short_title=N_("Conversion of production facilities"),
    articles=N_("Art. 7.1(d)"),
    not_applicable_example=N_(
        "the State has never produced cluster munitions, so there are no production facilities"),
    help=N_("Whether the State ever produced cluster munitions and, if so, the status and "
            "progress of programmes to convert or decommission the facilities."),
    items=(
        field("ever_produced", YesNo(), N_("Has the State ever produced cluster munitions?"),
              N_("Answer yes if cluster munitions or their submunitions were ever produced "
                 "under the State's jurisdiction (Art. 7.1(c), (d)).")),
        table("facilities", N_("Production facilities"),
              N_("Each facility being converted or decommissioned (Art. 7.1(d))."),
              field("facility", TEXT, N_("Facility"), N_("Name of the facility."), required=True,
                    width=22),
              field("location", TEXT, N_("Location"), N_("Where it is.")),
              field("programme", choice(("conversion", N_("Conversion")),
                                        ("decommissioning", N_("Decommissioning"))),
                    N_("Programme"), N_("Conversion to other production or decommissioning.")),
              field("status", choice(("planned", N_("Planned")),
                                     ("in_progress", N_("In progress")),
                                     ("completed", N_("Completed"))),
                    N_("Status"), N_("How far the programme has come.")),
              field("progress", NOTE, N_("Progress"), N_("What was done during the period."),
                    width=24),
              field("completion_date", DateKind(), N_("Completion date"),
                    N_("When the programme was or will be completed.")),
              totals=False),
        remarks_field(),
    ),
)
