"""Form F: contaminated areas and clearance (Art. 7.1(h), (i); Art. 4)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ccm_desktop.domain.deadlines import clearance_due
from ccm_desktop.domain.findings import Finding, error, warning
from ccm_desktop.schema.forms.common import INT, NOTE, TEXT, choice, field, fmt, missed_deadline, table
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import AreaM2, DateKind, DecimalNumber, YesNo
from ccm_desktop.schema.model import Part, RuleContext

AREA = AreaM2()


def _area_key(value: object) -> str:
    return " ".join(str(value or "").casefold().split())


def cleared_within_area(ctx: RuleContext) -> Iterable[Finding]:
    """Error 4: the clearance rows naming an area cannot clear more than the area's size."""
    sizes: dict[str, tuple[str, Decimal]] = {}
    for row in ctx.rows("contaminated_areas"):
        size = row.get("size_m2")
        if row.get("area_id") and isinstance(size, Decimal):
            key = _area_key(row["area_id"])
            name, total = sizes.get(key, (str(row["area_id"]), Decimal(0)))
            sizes[key] = (name, total + size)
    cleared: dict[str, Decimal] = {}
    for i, row in enumerate(ctx.rows("clearance")):
        key, amount = _area_key(row.get("area_id")), row.get("cleared_m2")
        if key not in sizes or not isinstance(amount, Decimal):
            continue
        before = cleared.get(key, Decimal(0))
        cleared[key] = before + amount
        name, size = sizes[key]
        if cleared[key] > size >= before:
            yield error(ctx.path("tables", "clearance", i, "cleared_m2"), N_(
                "Form F, Clearance, row {row}: {cleared} m² cleared in area {area} is more than "
                "its {size} m² in Contaminated areas. Check the figures or the area reference."
            ).format(row=i + 1, cleared=fmt(cleared[key]), area=name, size=fmt(size)))


COORDINATE_LIMITS = {"latitude": Decimal(90), "longitude": Decimal(180)}


def coordinates_on_earth(ctx: RuleContext) -> Iterable[Finding]:
    """Latitudes lie within +-90 degrees and longitudes within +-180 (WGS84 decimal degrees)."""
    for i, row in enumerate(ctx.rows("contaminated_areas")):
        for column, limit in COORDINATE_LIMITS.items():
            value = row.get(column)
            if isinstance(value, Decimal) and abs(value) > limit:
                yield error(ctx.path("tables", "contaminated_areas", i, column), N_(
                    "Form F, Contaminated areas, row {row}: {value} is not a {column} (decimal "
                    "degrees between -{limit} and {limit}, WGS84)."
                ).format(row=i + 1, value=value, column=column, limit=limit))


def contamination_past_deadline(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 9: contamination left after the Art. 4 deadline."""
    eif = ctx.report.cover.fields.get("entry_into_force")
    left = any(row.get("size_m2") is None or row["size_m2"] > 0
               for row in ctx.rows("contaminated_areas"))
    if eif is None or not left or ctx.value("completion_declared") is True:
        return
    what = missed_deadline(ctx, "article4_deadline", clearance_due(eif), "Art. 4")
    if what is not None:
        yield warning(ctx.path("tables", "contaminated_areas"), N_(
            "Form F: contaminated areas remain after {what}. Record the extension granted under "
            "Art. 4.5 or explain."
        ).format(what=what))


PART = Part(
    id="F",
    title=N_("Contaminated areas and clearance"),
    articles=N_("Art. 7.1(h), (i); Art. 4"),
    not_applicable_example=N_(
        "no areas under the State's jurisdiction or control contain cluster munition remnants"),
    help=N_("Every area known or suspected to contain cluster munition remnants, and what was "
            "cleared and destroyed during the period. Clearance must be finished within ten "
            "years of entry into force (Art. 4.1(a))."),
    items=(
        table("contaminated_areas", N_("Contaminated areas"),
              N_("The size and location of each contaminated area, with the type and estimated "
                 "quantity of remnants in it (Art. 7.1(h))."),
              field("area_id", TEXT, N_("Area reference"),
                    N_("The State's own reference for the area."), required=True),
              field("location", TEXT, N_("Location"), N_("Region, province or district."),
                    width=18),
              field("latitude", DecimalNumber(), N_("Latitude"),
                    N_("WGS84 latitude in decimal degrees."), voluntary=True, width=10),
              field("longitude", DecimalNumber(), N_("Longitude"),
                    N_("WGS84 longitude in decimal degrees."), voluntary=True, width=10),
              field("status", choice(("confirmed", N_("Confirmed")),
                                     ("suspected", N_("Suspected"))),
                    N_("Status"), N_("Confirmed or suspected hazardous area.")),
              field("size_m2", AREA, N_("Size (m²)"),
                    N_("The area's size in square metres (type ha or km² to convert).")),
              field("remnant_types", NOTE, N_("Remnants"),
                    N_("Type and estimated quantity of each kind of remnant."), width=22),
              field("date_of_use", TEXT, N_("When used"),
                    N_("When the cluster munitions were used, if known.")),
              field("supplementary", NOTE, N_("Supplementary information"),
                    N_("Anything else about the area."), width=20),
              wide=True),
        table("clearance", N_("Clearance during the period"),
              N_("Land cleared, reduced or cancelled and remnants destroyed during the period "
                 "(Art. 7.1(i))."),
              field("area_id", TEXT, N_("Area reference"),
                    N_("The reference of the area, as in Contaminated areas where it is listed."),
                    required=True),
              field("location", TEXT, N_("Location"), N_("Region, province or district.")),
              field("cleared_m2", AREA, N_("Cleared (m²)"),
                    N_("Area cleared by clearance in square metres.")),
              field("reduced_m2", AREA, N_("Reduced by technical survey (m²)"),
                    N_("Area released by technical survey."), voluntary=True),
              field("cancelled_m2", AREA, N_("Cancelled by non-technical survey (m²)"),
                    N_("Area released by non-technical survey."), voluntary=True),
              field("submunitions_destroyed", INT, N_("Submunitions destroyed"),
                    N_("Number of submunitions found and destroyed.")),
              field("other_remnants_destroyed", NOTE, N_("Other remnants destroyed"),
                    N_("Other cluster munition remnants destroyed, by type and number."),
                    width=20),
              field("operator", TEXT, N_("Operator"), N_("Who carried out the clearance."),
                    voluntary=True),
              wide=True),
        field("clearance_status", NOTE, N_("Status and progress of clearance"),
              N_("How the clearance programme stands (Art. 7.1(i)).")),
        field("article4_deadline", DateKind(), N_("Art. 4 deadline"),
              N_("Ten years after entry into force (Art. 4.1(a)). Enter a later date only if an "
                 "extension was granted under Art. 4.5."), derived=True),
        field("completion_declared", YesNo(), N_("Completion declared"),
              N_("Whether the State has declared that it fulfilled its clearance obligations "
                 "(Art. 4.1(c)).")),
    ),
    rules=(cleared_within_area, coordinates_on_earth, contamination_past_deadline),
    wide=True,
)
