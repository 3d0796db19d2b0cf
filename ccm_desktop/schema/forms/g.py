"""Form G: risk reduction education and warnings (Art. 7.1(j))."""

from __future__ import annotations

from ccm_desktop.schema.forms.common import INT, NOTE, TEXT, field, table
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.model import Field, Part


def _people(id: str, label: str) -> Field:  # noqa: A002
    return field(id, INT, label, N_("Number of {who} reached (voluntary).").format(who=label.lower()),
                 voluntary=True, width=8)


PART = Part(
    id="G",
    title=N_("Risk reduction education and warnings"),
    articles=N_("Art. 7.1(j)"),
    help=N_("What was done to warn the civilian population living in or around contaminated "
            "areas: risk reduction education, marking, fencing and immediate warnings."),
    items=(
        field("measures", NOTE, N_("Measures taken"),
              N_("The measures taken to provide an immediate and effective warning to civilians "
                 "(Art. 7.1(j)).")),
        table("activities", N_("Risk education activities"),
              N_("One row per activity, with the people it reached by sex and age where known."),
              field("activity", TEXT, N_("Activity"), N_("What was done."), width=20),
              field("target_group", TEXT, N_("Target group"), N_("Who it was for.")),
              field("location", TEXT, N_("Location"), N_("Where it took place.")),
              field("organisation", TEXT, N_("Organisation"), N_("Who carried it out.")),
              field("period", TEXT, N_("Period"), N_("When it took place.")),
              _people("women", N_("Women")), _people("men", N_("Men")),
              _people("girls", N_("Girls")), _people("boys", N_("Boys"))),
        field("marking_and_warning", NOTE, N_("Marking and warning"),
              N_("Marking, fencing and other warnings around contaminated areas.")),
    ),
)
