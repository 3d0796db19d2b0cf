"""Form C: technical characteristics of cluster munitions (Art. 7.1(c))."""

from __future__ import annotations

from ccm_desktop.schema.forms.common import (
    NOTE,
    TEXT,
    choice,
    field,
    remarks_field,
    table,
    type_column,
)
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import Attachments
from ccm_desktop.schema.model import Part

PART = Part(
    id="C",
    title=N_("Technical characteristics of each type produced/owned or possessed"),
    short_title=N_("Technical characteristics"),
    articles=N_("Art. 7.1(c)"),
    not_applicable_example=N_("the State has never produced or owned cluster munitions"),
    help=N_("The technical characteristics of each type of cluster munition produced, owned or "
            "possessed, with the information that helps identification and clearance. Colour "
            "photographs are asked for as a minimum."),
    items=(
        table("types", N_("Types of cluster munitions"),
              N_("One row per type produced, owned or possessed (Art. 7.1(c)), with colour "
                 "photographs where available."),
              type_column(),
              field("category", choice(("munition", N_("Cluster munition")),
                                       ("submunition", N_("Explosive submunition")),
                                       ("bomblet", N_("Explosive bomblet")),
                                       ("dispenser", N_("Dispenser"))),
                    N_("Category"), N_("What kind of item this row describes.")),
              field("scope", choice(("produced", N_("Produced")),
                                    ("owned_or_possessed", N_("Owned or possessed"))),
                    N_("Produced or held"), N_("Whether the State produced or holds this type.")),
              field("dimensions", TEXT, N_("Dimensions"), N_("Size and weight.")),
              field("fusing", TEXT, N_("Fusing"), N_("The fuzing mechanism.")),
              field("explosive_content", TEXT, N_("Explosive content"),
                    N_("Type and quantity of explosive.")),
              field("metallic_content", TEXT, N_("Metallic content"),
                    N_("Metal parts that matter for detection.")),
              field("photos", Attachments(), N_("Photographs"),
                    N_("Colour photographs of the munition (Art. 7.1(c) names them as a "
                       "minimum).")),
              field("other", NOTE, N_("Other information"),
                    N_("Anything else that helps to clear or destroy it safely."), width=22),
              totals=False),
        remarks_field(),
    ),
)
