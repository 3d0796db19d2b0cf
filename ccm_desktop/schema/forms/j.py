"""Form J: other relevant matters."""

from __future__ import annotations

from ccm_desktop.schema.forms.common import NOTE, TEXT, choice, field, table
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import DateKind
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
        field("article21_measures", NOTE, N_("Relations with States not party"),
              N_("What the State does to discourage States not party from using cluster "
                 "munitions, and its practice in military cooperation and joint operations "
                 "with them (Art. 21)."), voluntary=True),
        table("compliance_declarations", N_("Declarations of compliance"),
              N_("Declarations made during the period that the State has completed its "
                 "stockpile destruction (Art. 3) or its clearance (Art. 4)."),
              field("article", choice(("3", N_("Art. 3 Stockpile destruction")),
                                      ("4", N_("Art. 4 Clearance"))),
                    N_("Article"), N_("Which obligation the declaration concerns."),
                    required=True, width=16),
              field("date", DateKind(), N_("Date"), N_("When the declaration was made."),
                    required=True),
              field("meeting", TEXT, N_("Where announced"),
                    N_("The meeting where it was announced, e.g. a Meeting of States Parties."),
                    width=22),
              field("remarks", NOTE, N_("Remarks"), N_("Anything else about the declaration."),
                    width=24),
              voluntary=True, totals=False, per_period=True),
    ),
)
