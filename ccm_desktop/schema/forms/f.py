"""Form F: contaminated areas and clearance (Art. 7.1(h), (i); Art. 4)."""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable
from decimal import Decimal

from ccm_desktop.domain.deadlines import clearance_due
from ccm_desktop.domain.findings import Finding, error, warning
from ccm_desktop.domain.report import Row
from ccm_desktop.schema.forms.common import (
    INT,
    NOTE,
    TEXT,
    choice,
    extension_decision_field,
    field,
    missed_deadline,
    table,
)
from ccm_desktop.schema.i18n import N_, message
from ccm_desktop.schema.kinds import AreaM2, DateKind, DecimalNumber, YesNo
from ccm_desktop.schema.model import (
    Derive,
    Kept,
    KeptRule,
    Part,
    RuleContext,
    reads_cover,
    row_rule,
)

AREA = AreaM2()


def _area_key(value: object) -> str:
    return " ".join(str(value or "").casefold().split())


RELEASED = ("cleared_m2", "reduced_m2", "cancelled_m2")


def _released(row: Row) -> tuple[str, Decimal]:
    """A clearance row's area key and the land it released."""
    amount = sum((row[c] for c in RELEASED if isinstance(row.get(c), Decimal)), Decimal(0))
    return _area_key(row.get("area_id")), amount


class _ReleasedWithinPreviousSize:
    """What `released_within_previous_size` keeps: the previous report's sizes, each clearance
    row's area and amount, the rows of each area, how many rows of either table name each
    area; so that an edit of a few rows rechecks only the areas those rows name."""

    def __init__(self, ctx: RuleContext) -> None:
        before = ctx.previous_rows("contaminated_areas")
        self.active = before is not None
        self.sizes: dict[str, tuple[str, Decimal]] = {}
        for row in before or []:
            size = row.get("size_m2")
            if row.get("area_id") and isinstance(size, Decimal):
                key = _area_key(row["area_id"])
                name, total = self.sizes.get(key, (str(row["area_id"]), Decimal(0)))
                self.sizes[key] = (name, total + size)
        self.order = {key: n for n, key in enumerate(self.sizes)}
        self.released: list[tuple[str, Decimal]] = []
        self.areas: list[str] = []
        self.rows_of: dict[str, list[int]] = {}  # clearance rows naming an area of `sizes`
        self.named: dict[str, int] = {}  # rows of either table naming each area
        self.over: dict[int, Finding] = {}  # by clearance row
        self.over_rows: dict[str, list[int]] = {}
        self.vanished: dict[str, Finding] = {}
        self._joined: list[Finding] | None = None
        if not self.active:
            return
        for i, row in enumerate(ctx.rows("clearance")):
            key, amount = _released(row)
            self.released.append((key, amount))
            self.named[key] = self.named.get(key, 0) + 1
            if key in self.sizes:
                self.rows_of.setdefault(key, []).append(i)
        for row in ctx.rows("contaminated_areas"):
            key = _area_key(row.get("area_id"))
            self.areas.append(key)
            self.named[key] = self.named.get(key, 0) + 1
        for key in self.rows_of:
            self._check_area(ctx, key)
        for key in self.sizes:
            self._check_listed(ctx, key)

    def update(self, ctx: RuleContext, table_id: str, rows: tuple[int, ...]) -> None:
        if not self.active:
            return
        touched: set[str] = set()
        for i in rows:
            row = ctx.rows(table_id)[i]
            if table_id == "clearance":
                old, new = self.released[i], _released(row)
                self.released[i] = new
                if old[0] != new[0]:
                    if old[0] in self.sizes:
                        self.rows_of[old[0]].remove(i)
                    if new[0] in self.sizes:
                        insort(self.rows_of.setdefault(new[0], []), i)
                touched |= {old[0], new[0]}
                old_key, new_key = old[0], new[0]
            else:
                old_key, new_key = self.areas[i], _area_key(row.get("area_id"))
                self.areas[i] = new_key
            self.named[old_key] -= 1
            self.named[new_key] = self.named.get(new_key, 0) + 1
            touched |= {old_key, new_key}
        for key in touched & self.sizes.keys():
            if table_id == "clearance":
                self._check_area(ctx, key)
            self._check_listed(ctx, key)
        self._joined = None

    def findings(self) -> list[Finding]:
        if self._joined is None:
            self._joined = [self.over[i] for i in sorted(self.over)] + [
                self.vanished[k] for k in sorted(self.vanished, key=self.order.__getitem__)]
        return self._joined

    def _check_area(self, ctx: RuleContext, key: str) -> None:
        """The warnings of the clearance rows naming area `key`, in row order."""
        for i in self.over_rows.pop(key, []):
            del self.over[i]
        name, size = self.sizes[key]
        released = Decimal(0)
        for i in self.rows_of.get(key, []):
            amount = self.released[i][1]
            if not amount:
                continue
            so_far, released = released, released + amount
            if released > size >= so_far:
                self.over_rows.setdefault(key, []).append(i)
                self.over[i] = warning(ctx.path("tables", "clearance", i, "cleared_m2"), N_(
                    "Form F, Clearance, row {row}: {released} m² released in area {area} this "
                    "period is more than its {size} m² in the previous report. Check the figures "
                    "or the area reference, or explain in the status of clearance."
                ), row=i + 1, released=released, area=name, size=size)

    def _check_listed(self, ctx: RuleContext, key: str) -> None:
        """Whether area `key` of the previous report is still named in either table."""
        if self.named.get(key, 0):
            self.vanished.pop(key, None)
        elif key not in self.vanished:
            self.vanished[key] = warning(ctx.path("tables", "contaminated_areas"), N_(
                "Form F, Contaminated areas: area {area} of the previous report is neither listed "
                "now nor has any clearance this period. Say how it was released, or list it "
                "again."
            ), area=self.sizes[key][0])


def _released_within_previous_size(ctx: RuleContext) -> Kept:
    """Warning 4, against the previous report: the land released in an area this period cannot
    be more than the area's size then; and an area of the previous report does not simply
    vanish. (In format 1 this compared with this period's sizes and was an error, but `size_m2`
    is what remains after the period: clearing more than remains is normal.)"""
    return _ReleasedWithinPreviousSize(ctx)


released_within_previous_size = KeptRule(("contaminated_areas", "clearance"),
                                         _released_within_previous_size)


COORDINATE_LIMITS = {"latitude": Decimal(90), "longitude": Decimal(180)}


@row_rule("contaminated_areas")
def coordinates_on_earth(ctx: RuleContext, i: int, row: Row) -> Iterable[Finding]:
    """Latitudes lie within +-90 degrees and longitudes within +-180 (WGS84 decimal degrees)."""
    for column, limit in COORDINATE_LIMITS.items():
        value = row.get(column)
        if isinstance(value, Decimal) and abs(value) > limit:
            yield error(ctx.path("tables", "contaminated_areas", i, column), N_(
                "Form F, Contaminated areas, row {row}: {value} is not a {column} (decimal "
                "degrees between -{limit} and {limit}, WGS84)."
            ), row=i + 1, value=value, limit=limit,
              column=message(N_("latitude") if column == "latitude" else N_("longitude")))


@reads_cover("entry_into_force", "period_to")
def contamination_past_deadline(ctx: RuleContext) -> Iterable[Finding]:
    """Warning 9: contamination left after the Art. 4 deadline."""
    left = any(row.get("size_m2") is None or row["size_m2"] > 0
               for row in ctx.rows("contaminated_areas"))
    if not left or ctx.value("completion_declared") is True:
        return
    what = missed_deadline(ctx, PART.field("article4_deadline"), message(N_("Art. 4")))
    if what is not None:
        yield warning(ctx.path("tables", "contaminated_areas"), N_(
            "Form F: contaminated areas remain after {what}. Record the extension granted under "
            "Art. 4.5 or explain."
        ), what=what)


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
                    N_("The reference of the area, as in Contaminated areas where it is listed "
                       "(an area already released may be named too)."),
                    required=True, suggest_from=("contaminated_areas", "area_id")),
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
              wide=True, per_period=True),
        table("remnants_destroyed", N_("Other remnants destroyed"),
              N_("The quantity of each type of cluster munition remnant destroyed during the "
                 "period (Art. 7.1(i)), besides the submunitions counted in Clearance."),
              field("type", TEXT, N_("Type of remnant"),
                    N_("The type of remnant, e.g. a BLU-26 submunition or a dispenser."),
                    required=True, width=24),
              field("quantity", INT, N_("Quantity"), N_("How many of this type were destroyed."),
                    required=True, width=10),
              field("area_id", TEXT, N_("Area reference"),
                    N_("The area where they were found, if known."), voluntary=True,
                    suggest_from=("contaminated_areas", "area_id")),
              per_period=True),
        field("clearance_status", NOTE, N_("Status and progress of clearance"),
              N_("How the clearance programme stands (Art. 7.1(i)).")),
        field("article4_deadline", DateKind(), N_("Art. 4 deadline"),
              N_("Ten years after entry into force (Art. 4.1(a)). Enter a later date only if an "
                 "extension was granted under Art. 4.5."),
              derive=Derive(clearance_due, N_("ten years after entry into force"))),
        field("completion_declared", YesNo(), N_("Completion declared"),
              N_("Whether the State has declared that it fulfilled its clearance obligations "
                 "(Art. 4.1(c)).")),
        extension_decision_field(N_(
            "Which Meeting of States Parties granted an extension under Art. 4.5, until when, "
            "and what the request asked for.")),
    ),
    rules=(released_within_previous_size, coordinates_on_earth, contamination_past_deadline),
    wide=True,
)
