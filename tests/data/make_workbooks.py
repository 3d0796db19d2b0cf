"""Build the hand-made workbooks the Excel import tests read: `python tests/data/make_workbooks.py`.

They look like what a mine action centre sends: a title row (merged) and a source line above
the headers, headers in French (and the same workbook in Spanish and Russian), areas in
hectares, numbers written as text with decimal commas and spaces, dates as 31/12/2015 (some as
text, some as real date cells), an empty row and a totals row at the bottom. The workbooks are
committed beside this script; run it again only to change them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent

HEADERS = {
    "fr": {
        "clearance_sheet": "Dépollution 2015",
        "clearance_title": "Centre national de déminage — Dépollution 2015",
        "discovered_sheet": "Découvertes",
        "discovered_title": "Stocks découverts après la destruction",
        "source": "Source : rapport annuel des opérateurs, chiffres au 31/12/2015",
        "clearance": ["Réf. zone", "Province", "Superficie dépolluée (ha)",
                      "Réduite par enquête technique (ha)", "Sous-munitions détruites",
                      "Autres restes détruits", "Opérateur"],
        "discovered": ["Type de munition", "Nombre de munitions", "Sous-munitions",
                       "N° de lot", "Date de découverte", "Plan de destruction"],
        "total": "Total",
    },
    "es": {
        "clearance_sheet": "Despeje 2015",
        "clearance_title": "Centro Nacional de Desminado — Despeje 2015",
        "discovered_sheet": "Hallazgos",
        "discovered_title": "Existencias descubiertas tras la destrucción",
        "source": "Fuente: informe anual de los operadores, cifras al 31/12/2015",
        "clearance": ["Ref. área", "Provincia", "Superficie despejada (ha)",
                      "Reducida por estudio técnico (ha)", "Submuniciones destruidas",
                      "Otros restos destruidos", "Operador"],
        "discovered": ["Tipo de munición", "Número de municiones", "Submuniciones",
                       "N.º de lote", "Fecha de descubrimiento", "Plan de destrucción"],
        "total": "Total",
    },
    "ru": {
        "clearance_sheet": "Очистка 2015",
        "clearance_title": "Национальный центр по разминированию — очистка 2015",
        "discovered_sheet": "Обнаружено",
        "discovered_title": "Запасы, обнаруженные после уничтожения",
        "source": "Источник: годовой отчёт операторов, данные на 31/12/2015",
        "clearance": ["№ участка", "Провинция", "Очищенная площадь (га)",
                      "Сокращено техническим обследованием (га)", "Уничтожено суббоеприпасов",
                      "Другие уничтоженные остатки", "Оператор"],
        "discovered": ["Тип боеприпаса", "Количество боеприпасов", "Суббоеприпасы",
                       "Номер партии", "Дата обнаружения", "План уничтожения"],
        "total": "Итого",
    },
}

# The same figures in every language: text with decimal commas, numbers, blanks.
CLEARANCE_ROWS = [
    ["CHA-001", "Champassak", "12,5", "1 234,75", 143, "2 obus de mortier 60 mm", "UXO Lao"],
    ["CHA-002", "Savannakhet", 3.25, None, "1 432", None, "MAG"],
    [None, None, None, None, None, None, None],
    ["CHA-003", "Attapeu", "0,04", "0", 0, None, "NPA"],
]
DISCOVERED_ROWS = [
    ["BLU-26", 3, 0, "L-0042", "31/12/2015", "Destruction sur place"],
    ["M42", None, 12, None, datetime(2015, 3, 1), "Destruction par l'armée"],
    ["RBK-250", 1, "30", None, "05/11/2015", None],
]


def sheet(workbook: Workbook, name: str, title: str, source: str | None, headers: list[str],
          rows: list[list[object]], total: str | None) -> None:
    ws = workbook.create_sheet(name)
    ws["A1"] = title
    ws["A1"].font = Font(size=14, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    if source:
        ws["A2"] = source
        ws["A2"].font = Font(italic=True)
    header_row = 3 if source else 2
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=header_row, column=col, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = 18
    for offset, values in enumerate(rows, start=1):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=header_row + offset, column=col, value=value)
            if isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy"
    if total:
        last = header_row + len(rows) + 1
        ws.cell(row=last, column=1, value=total).font = Font(bold=True)
        ws.cell(row=last, column=3, value=sum_hectares())


def sum_hectares() -> float:
    return 12.5 + 3.25 + 0.04 + 1234.75


def build(lang: str) -> Path:
    words = HEADERS[lang]
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    sheet(workbook, str(words["clearance_sheet"]), str(words["clearance_title"]),
          str(words["source"]), list(words["clearance"]), CLEARANCE_ROWS, str(words["total"]))
    sheet(workbook, str(words["discovered_sheet"]), str(words["discovered_title"]), None,
          list(words["discovered"]), DISCOVERED_ROWS, None)
    target = HERE / f"clearance-{lang}.xlsx"
    workbook.save(target)
    return target


if __name__ == "__main__":
    for language in HEADERS:
        print(build(language))
