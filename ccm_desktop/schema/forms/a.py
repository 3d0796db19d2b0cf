"""Form A: national implementation measures (Art. 7.1(a), Art. 9)."""

from __future__ import annotations

from ccm_desktop.schema.forms.common import NOTE, TEXT, choice, field, table
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import Attachments, DateKind
from ccm_desktop.schema.model import Part

PART = Part(
    id="A",
    title=N_("National implementation measures"),
    articles=N_("Art. 7.1(a); Art. 9"),
    help=N_("The laws, regulations and other measures taken to prevent and suppress anything the "
            "Convention prohibits, including penal sanctions (Art. 9). Every State reports this "
            "form: it cannot be marked not applicable."),
    items=(
        table("measures", N_("Measures"),
              N_("One row per legal, administrative or other measure (Art. 7.1(a)). At least one "
                 "row when the form is marked changed."),
              field("measure", NOTE, N_("Measure"),
                    N_("What the measure is and does, including any penal sanctions (Art. 9)."),
                    required=True, width=36),
              field("kind", choice(("legislation", N_("Legislation")),
                                   ("regulation", N_("Regulation")),
                                   ("administrative", N_("Administrative measure")),
                                   ("penal_sanction", N_("Penal sanction")),
                                   ("military_directive", N_("Military directive")),
                                   ("other", N_("Other"))),
                    N_("Kind"), N_("The kind of measure."), width=16),
              field("reference", TEXT, N_("Reference"),
                    N_("Where it is published, e.g. the official gazette citation."), width=20),
              field("effective_date", DateKind(), N_("In force since"),
                    N_("The date the measure took effect.")),
              field("supplementary", NOTE, N_("Supplementary information"),
                    N_("Anything else that helps to understand the measure."), voluntary=True,
                    width=24),
              field("documents", Attachments(), N_("Documents"),
                    N_("The text of the legislation or regulation, attached as a file.")),
              min_rows=1, totals=False),
    ),
    can_be_not_applicable=False,
)
