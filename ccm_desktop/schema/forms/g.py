"""Form G: risk reduction education and warnings (Art. 7.1(j))."""

from __future__ import annotations

from ccm_desktop.schema.forms.common import INT, NOTE, TEXT, field, table
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.model import Field, Part


def _people(id: str, label: str, help: str) -> Field:  # noqa: A002
    return field(id, INT, label, help, voluntary=True, width=8)


PART = Part(
    id="G",
    title=N_("Warning to the population and risk education"),
    short_title=N_("Risk education and warnings"),
    articles=N_("Art. 7.1(j)"),
    not_applicable_example=N_(
        "no contaminated areas under the State's jurisdiction or control"),
    help=N_("What was done to warn the civilian population living in or around contaminated "
            "areas: risk reduction education, marking, fencing and immediate warnings."),
    items=(
        field("measures", NOTE, N_("Measures taken"),
              N_("The measures taken to provide an immediate and effective warning to civilians "
                 "(Art. 7.1(j)).")),
        table("activities", N_("Risk education activities"),
              N_("One row per risk reduction education activity (Art. 4.2(e), 7.1(j)), with the "
                 "people it reached by sex and age where known."),
              field("activity", TEXT, N_("Activity"), N_("What was done."), width=20),
              field("target_group", TEXT, N_("Target group"), N_("Who it was for.")),
              field("location", TEXT, N_("Location"), N_("Where it took place.")),
              field("organisation", TEXT, N_("Organisation"), N_("Who carried it out.")),
              field("period", TEXT, N_("Period"), N_("When it took place.")),
              _people("women", N_("Women"), N_("Number of women reached (voluntary).")),
              _people("men", N_("Men"), N_("Number of men reached (voluntary).")),
              _people("girls", N_("Girls"), N_("Number of girls reached (voluntary).")),
              _people("boys", N_("Boys"), N_("Number of boys reached (voluntary).")),
              per_period=True),
        field("marking_and_warning", NOTE, N_("Marking and warning"),
              N_("Marking, fencing and other warnings around contaminated areas (Art. 4.2(c), "
                 "7.1(j)).")),
    ),
)
