"""Form J: other relevant matters."""

from __future__ import annotations

from ccm_desktop.schema.forms.common import NOTE, field
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.model import Part

PART = Part(
    id="J",
    title=N_("Other relevant matters"),
    articles=N_("Art. 7"),
    not_applicable_example=N_("nothing further to report this year"),
    help=N_("Anything else the State wishes to report that the other forms do not cover."),
    items=(
        field("other_matters", NOTE, N_("Other relevant matters"),
              N_("Any other information relevant to the implementation of the Convention.")),
        field("views", NOTE, N_("Views and interpretations"),
              N_("Voluntary: e.g. the State's interpretation of Articles 1 and 21."),
              voluntary=True),
    ),
)
