"""Tables that read well and scale: a header row on every page, widths from the content.

A `TableBlock` is one table of the report however long it is. It never builds all its rows at
once: each time the page layout asks it to split, it formats and measures just the rows that fit
on the page, hands over a reportlab `Table` of those rows (with the caption on the first page,
"continued" on the next ones, and the header row every time), and keeps the rest for the next
page. A 20,000-row table therefore costs the memory of one page of rows, and time in proportion
to its length. A row taller than a whole page is split between its lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

from ccm_desktop.exchange.pdf import shaping
from ccm_desktop.exchange.pdf.fonts import BOLD, REGULAR
from ccm_desktop.exchange.pdf.styles import (
    CELL_PAD_BOTTOM,
    CELL_PAD_TOP,
    CELL_PAD_X,
    HEADER_FILL,
    LABEL_FILL,
    RULE,
    TOTAL_FILL,
    VOLUNTARY_FILL,
    VOLUNTARY_HEADER_FILL,
    TextStyle,
)

Cell = Any  # str (one line, drawn by the Table) or a Flowable
BIG = 1e9


@dataclass
class Unit:
    """One row of the table (with its photographs, if any) ready to draw. A row continued from
    the previous page may be its photographs alone (`cells` None)."""

    cells: list[Cell] | None
    height: float
    extra: Flowable | None = None
    extra_height: float = 0.0
    shaded: bool = False  # a voluntary field (label/value tables): the whole row is grey

    @property
    def total(self) -> float:
        return self.height + self.extra_height


@dataclass
class TableSpec:
    """What a table prints; `cells(i)` formats row i only when its page is being laid out."""

    widths: list[float]
    row_count: int
    cells: Callable[[int], list[Cell]]
    fresh_height: float  # the height of an empty frame: a row taller than this is split
    header: list[Cell] | None = None
    caption: Cell | None = None
    continued: Cell | None = None
    extra: Callable[[int], Flowable | None] | None = None  # a full-width row under row i
    totals: list[list[Cell]] = field(default_factory=list)
    right_aligned: frozenset[int] = frozenset()
    label_column: int | None = None  # label/value tables: the shaded label column
    shaded_columns: frozenset[int] = frozenset()  # voluntary columns, grey as in the template
    shaded_rows: frozenset[int] = frozenset()  # voluntary fields of a label/value table
    cell_style: TextStyle | None = None
    progress: Callable[[int], None] | None = None
    after: list[Flowable] = field(default_factory=list)
    align: str = "LEFT"
    _cache: dict[int, Unit] = field(default_factory=dict)
    _fixed: dict[bool, tuple[list[list[Cell]], list[float]]] = field(default_factory=dict)

    @property
    def columns(self) -> int:
        return len(self.widths)

    @property
    def total_width(self) -> float:
        return sum(self.widths)


def cell_height(cell: Cell, width: float, leading: float) -> float:
    if isinstance(cell, str):
        return leading
    return float(cell.wrap(width - 2 * CELL_PAD_X, BIG)[1])


def row_height(cells: Sequence[Cell], widths: Sequence[float], leading: float) -> float:
    inner = max((cell_height(c, w, leading) for c, w in zip(cells, widths, strict=True)),
                default=leading)
    return max(inner, leading) + CELL_PAD_TOP + CELL_PAD_BOTTOM


class TableBlock(Flowable):  # type: ignore[misc]
    """One table, laid out page by page (see the module's description)."""

    def __init__(self, spec: TableSpec, start: int = 0, carry: Unit | None = None,
                 first: bool = True) -> None:
        super().__init__()
        self.spec, self.start, self.carry, self.first = spec, start, carry, first
        self.width = spec.total_width
        self.height = 0.0
        self.hAlign = spec.align
        self._whole: list[Flowable] | None = None
        for i in [i for i in spec._cache if i < start]:
            del spec._cache[i]  # rows already placed on earlier pages

    @property
    def _leading(self) -> float:
        return self.spec.cell_style.leading if self.spec.cell_style else 9.8

    def _unit(self, index: int) -> Unit:
        spec = self.spec
        unit = spec._cache.get(index)
        if unit is None:
            cells = spec.cells(index)
            height = row_height(cells, spec.widths, self._leading)
            extra = spec.extra(index) if spec.extra is not None else None
            extra_height = 0.0 if extra is None else self._extra_height(extra)
            unit = Unit(cells, height, extra, extra_height, index in spec.shaded_rows)
            spec._cache[index] = unit
        return unit

    def _fixed_rows(self, first: bool) -> tuple[list[list[Cell]], list[float]]:
        """The caption (or "continued") and header rows, with their heights."""
        spec = self.spec
        cached = spec._fixed.get(first)
        if cached is None:
            rows: list[list[Cell]] = []
            heights: list[float] = []
            caption = spec.caption if first else spec.continued
            if caption is not None:
                rows.append([caption] + [""] * (spec.columns - 1))
                heights.append(cell_height(caption, spec.total_width, self._leading) + 6)
            if spec.header is not None:
                rows.append(list(spec.header))
                heights.append(row_height(spec.header, spec.widths, self._leading))
            cached = spec._fixed[first] = (rows, heights)
        return cached

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The real height when the rest of the table fits here; otherwise more than there is,
        so that the frame asks for a split (only the rows of this page are ever measured)."""
        self.width = self.spec.total_width
        spec = self.spec
        shortest = self._leading + CELL_PAD_TOP + CELL_PAD_BOTTOM
        room = avail_height - sum(self._fixed_rows(self.first)[1])
        plan = None
        if (spec.row_count - self.start) * shortest <= room:  # else it cannot all fit
            plan = self._plan(avail_height)
        if plan is not None and plan[1]:
            self._whole = plan[0]
            self.height = sum(f.wrap(self.width, BIG)[1] for f in plan[0])
        else:
            self._whole = None
            self.height = avail_height + 10
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for flowable in self._whole or []:
            _w, h = flowable.wrap(self.width, BIG)
            y -= h
            flowable.drawOn(self.canv, 0, y)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        plan = self._plan(avail_height)
        return [] if plan is None else plan[0]

    def _plan(self, avail_height: float) -> tuple[list[Flowable], bool] | None:
        """The flowables for this page (a Table, a progress mark, then the rest of the table or
        what follows it) and whether the table ends here; None when no row fits."""
        spec = self.spec
        fixed_rows, fixed_heights = self._fixed_rows(self.first)
        room = avail_height - sum(fixed_heights)
        fresh = avail_height >= spec.fresh_height - 1.0
        units: list[Unit] = []
        index, carry, used = self.start, self.carry, 0.0
        least = 3 * self._leading + CELL_PAD_TOP + CELL_PAD_BOTTOM  # worth splitting a row for
        most = spec.fresh_height - sum(self._fixed_rows(False)[1])  # what a fresh page holds
        while index < spec.row_count:
            unit = carry if carry is not None else self._unit(index)
            if used + unit.total <= room:
                units.append(unit)
                used += unit.total
                index, carry = index + 1, None
                continue
            # The row does not fit. A row that fits a fresh page goes there; a taller one is
            # split, here if enough of it fits.
            too_tall = unit.total > most
            if not too_tall or room - used < least:
                if units:
                    break
                if not fresh:
                    return None  # try on the next page
            first, rest = self._split_unit(unit, room - used)
            if first is None:
                if units:
                    break
                return None
            units.append(first)
            used += first.total
            carry = rest
            break
        done = index >= spec.row_count and carry is None
        totals: list[list[Cell]] = []
        total_heights: list[float] = []
        if done and spec.totals:
            total_heights = [row_height(r, spec.widths, self._leading) for r in spec.totals]
            if used + sum(total_heights) <= room:
                totals = spec.totals
            elif units:
                done = False  # the totals go on the next page, under a header
                total_heights = []
            else:
                return None
        if room < 0 or (not units and not totals and spec.row_count):
            return None
        table = self._table(fixed_rows, fixed_heights, units, totals, total_heights)
        out: list[Flowable] = [table]
        if spec.progress is not None and index > self.start:
            from ccm_desktop.exchange.pdf.flowables import ProgressMark

            out.append(ProgressMark(spec.progress, index - self.start))
        if done:
            out.extend(spec.after)
        else:
            out.append(TableBlock(spec, index, carry, first=False))
        return out, done

    def _extra_height(self, extra: Flowable) -> float:
        return float(extra.wrap(self.spec.total_width - 2 * CELL_PAD_X, BIG)[1]
                     + CELL_PAD_TOP + CELL_PAD_BOTTOM + 2)

    def _split_unit(self, unit: Unit, room: float) -> tuple[Unit | None, Unit | None]:
        """A row too tall for a whole page: its cells cut between lines, or its photographs
        between lines of photographs. (None, None) when nothing of it fits in `room`."""
        spec = self.spec
        if unit.height <= room and unit.extra is not None:
            left = room - unit.height - CELL_PAD_TOP - CELL_PAD_BOTTOM - 2
            parts = unit.extra.split(spec.total_width - 2 * CELL_PAD_X, left) if left > 0 else []
            if len(parts) == 2:
                return (Unit(unit.cells, unit.height, parts[0], self._extra_height(parts[0])),
                        Unit(None, 0.0, parts[1], self._extra_height(parts[1])))
            if unit.cells is None:
                return None, None
            return Unit(unit.cells, unit.height), Unit(None, 0.0, unit.extra, unit.extra_height)
        inner = room - CELL_PAD_TOP - CELL_PAD_BOTTOM
        if inner < self._leading or unit.cells is None:
            return None, None
        head: list[Cell] = []
        tail: list[Cell] = []
        for cell, width in zip(unit.cells, spec.widths, strict=True):
            if isinstance(cell, str) or cell_height(cell, width, self._leading) <= inner:
                head.append(cell)
                tail.append("")
                continue
            parts = cell.split(width - 2 * CELL_PAD_X, inner)
            if len(parts) == 2:
                head.append(parts[0])
                tail.append(parts[1])
            else:
                head.append("")
                tail.append(cell)
        if all(isinstance(c, str) and not c for c in head):
            return None, None
        first = Unit(head, row_height(head, spec.widths, self._leading), shaded=unit.shaded)
        rest = Unit(tail, row_height(tail, spec.widths, self._leading), unit.extra,
                    unit.extra_height, unit.shaded)
        return first, rest

    def _table(self, fixed_rows: list[list[Cell]], fixed_heights: list[float], units: list[Unit],
               totals: list[list[Cell]], total_heights: list[float]) -> Table:
        spec = self.spec
        data: list[list[Cell]] = list(fixed_rows)
        heights: list[float] = list(fixed_heights)
        size = spec.cell_style.size if spec.cell_style else 8.0
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), REGULAR, size, self._leading),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_TOP),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_BOTTOM),
        ]
        grid_from = 0
        caption = spec.caption if self.first else spec.continued
        if caption is not None:
            commands += [("SPAN", (0, 0), (-1, 0)), ("LEFTPADDING", (0, 0), (-1, 0), 0),
                         ("RIGHTPADDING", (0, 0), (-1, 0), 0), ("TOPPADDING", (0, 0), (-1, 0), 0),
                         ("BOTTOMPADDING", (0, 0), (-1, 0), 4)]
            grid_from = 1
        if spec.header is not None:
            commands.append(("BACKGROUND", (0, grid_from), (-1, grid_from), HEADER_FILL))
            for column in spec.shaded_columns:
                commands.append(("BACKGROUND", (column, grid_from), (column, grid_from),
                                 VOLUNTARY_HEADER_FILL))
        shaded_rows: list[int] = []
        cell_rows: list[int] = []
        for unit in units:
            if unit.cells is not None:
                if unit.shaded:
                    shaded_rows.append(len(data))
                cell_rows.append(len(data))
                data.append(unit.cells)
                heights.append(unit.height)
            if unit.extra is not None:
                row = len(data)
                data.append([unit.extra] + [""] * (spec.columns - 1))
                heights.append(unit.extra_height)
                commands += [("SPAN", (0, row), (-1, row)),
                             ("TOPPADDING", (0, row), (-1, row), CELL_PAD_TOP + 2)]
        body_end = len(data) - 1
        for row_cells, height in zip(totals, total_heights, strict=True):
            row = len(data)
            data.append(row_cells)
            heights.append(height)
            commands += [("BACKGROUND", (0, row), (-1, row), TOTAL_FILL),
                         ("FONT", (0, row), (-1, row), BOLD, size, self._leading)]
        last = len(data) - 1
        if last >= grid_from:
            commands += [("GRID", (0, grid_from), (-1, last), 0.4, RULE),
                         ("BOX", (0, grid_from), (-1, last), 0.6, RULE)]
        for column in spec.right_aligned:
            commands.append(("ALIGN", (column, grid_from), (column, last), "RIGHT"))
        if spec.label_column is not None and body_end >= grid_from:
            commands.append(("BACKGROUND", (spec.label_column, grid_from),
                             (spec.label_column, body_end), LABEL_FILL))
        for column in spec.shaded_columns:  # row by row: photograph rows span every column
            commands += [("BACKGROUND", (column, row), (column, row), VOLUNTARY_FILL)
                         for row in cell_rows]
        commands += [("BACKGROUND", (0, row), (-1, row), VOLUNTARY_FILL) for row in shaded_rows]
        table = Table(data, colWidths=spec.widths, rowHeights=heights, hAlign=spec.align)
        table.setStyle(TableStyle(commands))
        return table


# --- column widths ---------------------------------------------------------------------------


def _words_width(text: str, style: TextStyle) -> tuple[float, float]:
    """(widest line, widest word) of `text`."""
    widest_line = widest_word = 0.0
    for line in text.split("\n"):
        shaped = shaping.shape(line)
        widest_line = max(widest_line, shaping.width(shaped, style.bold, style.size))
        for word in shaped.split():
            widest_word = max(widest_word, shaping.width(word, style.bold, style.size))
    return widest_line, widest_word


def column_widths(labels: Sequence[str], samples: Sequence[Sequence[str]],
                  numeric: Sequence[bool], avail: float, cell: TextStyle,
                  header: TextStyle, bold_samples: Sequence[Sequence[str]] = ()) -> list[float]:
    """Widths that fit the content: numbers never wrap, words are not cut where there is room,
    long notes take the width that is left, and the table spans the frame. `bold_samples` are
    rows set in bold (totals)."""
    pad = 2 * CELL_PAD_X
    n = len(labels)
    natural: list[float] = []
    minimum: list[float] = []
    word_cap = avail * 0.15
    bold = cell.but(bold=True)
    for j in range(n):
        label_line, label_word = _words_width(labels[j], header)
        line = word = 0.0
        for rows, style in ((samples, cell), (bold_samples, bold)):
            for row in rows:
                text = row[j]
                if text:
                    a, b = _words_width(text, style)
                    line, word = max(line, a), max(word, b)
        if numeric[j]:
            low = max(line, label_word)
            high = max(low, min(label_line, low * 1.6))
        else:
            low = max(min(word, word_cap), label_word, 14.0)
            high = max(low, min(line, avail * 0.5), min(label_line, avail * 0.2))
        minimum.append(low + pad)
        natural.append(high + pad)
    return distribute(minimum, natural, avail, [not x for x in numeric])


def distribute(minimum: list[float], natural: list[float], avail: float,
               stretchy: Sequence[bool] | None = None) -> list[float]:
    """Share `avail` among columns: all get their minimum; columns that need little more than
    that get their natural width first (so that a status or a date does not wrap because a long
    note is hungry); what is left goes to the rest in proportion to what they still lack. When
    everything fits, the spare width goes to the `stretchy` (text) columns."""
    total_min, total_nat = sum(minimum), sum(natural)
    if total_nat <= avail:
        flags = list(stretchy) if stretchy is not None and any(stretchy) else [True] * len(natural)
        base = sum(w for w, f in zip(natural, flags, strict=True) if f) or 1.0
        spare = avail - total_nat
        return [w + spare * w / base if f else w for w, f in zip(natural, flags, strict=True)]
    if total_min > avail:
        # Too many columns: numbers keep their width (a number is never cut or overprinted),
        # text columns give up what they must, down to a narrow floor.
        fixed = [stretchy is not None and not stretchy[j] for j in range(len(minimum))]
        floor = 14.0 + 2 * CELL_PAD_X
        fixed_w = sum(w for w, f in zip(minimum, fixed, strict=True) if f)
        text_min = sum(w for w, f in zip(minimum, fixed, strict=True) if not f)
        flexible = len(minimum) - sum(fixed)
        if any(fixed) and flexible and avail - fixed_w >= floor * flexible:
            room = avail - fixed_w
            squeezed = [max(w * room / text_min, floor) for w in minimum]
            excess = sum(w for w, f in zip(squeezed, fixed, strict=True) if not f) - room
            wide = sum(w - floor for w, f in zip(squeezed, fixed, strict=True) if not f) or 1.0
            return [w if f else s - excess * (s - floor) / wide
                    for w, s, f in zip(minimum, squeezed, fixed, strict=True)]
        return [w * avail / total_min for w in minimum]
    widths = list(minimum)
    room = avail - total_min
    hungry = set(range(len(widths)))
    while hungry:
        fair = room / len(hungry)
        modest = [j for j in hungry if natural[j] - minimum[j] <= fair]
        if not modest:
            break
        for j in modest:
            widths[j] = natural[j]
            room -= natural[j] - minimum[j]
            hungry.discard(j)
    lack = sum(natural[j] - minimum[j] for j in hungry) or 1.0
    for j in hungry:
        widths[j] = minimum[j] + room * (natural[j] - minimum[j]) / lack
    return widths
