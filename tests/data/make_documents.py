"""Build the filled Word templates the Word/PDF import tests read:
`python tests/data/make_documents.py`.

They look like what States send: the 2010 template (CCM/MSP/2010/PM/10) filled in by hand. The
English one has a cover page with a table of tick boxes (☒, ☑, ■, "X", a legacy Word check-box
field and a check-box content control), a contacts table, a stockpile table with merged header
cells over sub-headers, a clearance table split in two by a page break (the second half without
its header) with a blank row, and free text under the form headings. The French one has decimal
commas, dd/mm/yyyy dates, "12 ha" and "3,2 km²" in cells. Next to them: the English one as an
old .doc and as a PDF, and the French one as an .odt, all made by LibreOffice (needs
`soffice`). The files are committed beside this script; run it again only to change them.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

HERE = Path(__file__).resolve().parent
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def legacy_checkbox(paragraph, checked: bool) -> None:  # type: ignore[no-untyped-def]
    """A FORMCHECKBOX field, as the template's Word version has them."""
    value = "1" if checked else "0"
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/>'
        f'<w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>'
        f'<w:default w:val="{value}"/></w:checkBox></w:ffData></w:fldChar></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def content_checkbox(paragraph, checked: bool) -> None:  # type: ignore[no-untyped-def]
    """A check-box content control (Word 2010 and later), showing its glyph."""
    glyph = "☒" if checked else "☐"
    paragraph._p.append(parse_xml(
        f'<w:sdt {nsdecls("w")} {W14}><w:sdtPr><w14:checkbox>'
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        f'<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        f'<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
        f'<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>'))


def table(document, rows: list[list[str]]):  # type: ignore[no-untyped-def]
    t = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    t.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            t.cell(r, c).text = value
    return t


def status_table(document, header: list[str], rows: list[tuple[str, list[str]]]):  # type: ignore[no-untyped-def]
    """Rows of (form, [changed, unchanged, not applicable]); a cell "legacy:1 2013" or
    "control:1 reason" gets a Word check-box field before its text."""
    t = document.add_table(rows=1 + len(rows), cols=4)
    t.style = "Table Grid"
    for c, text in enumerate(header):
        t.cell(0, c).text = text
    for r, (form, cells) in enumerate(rows, start=1):
        t.cell(r, 0).text = form
        for c, text in enumerate(cells, start=1):
            paragraph = t.cell(r, c).paragraphs[0]
            if text.startswith(("legacy:", "control:")):
                kind, rest = text.split(":", 1)
                checked, _, after = rest.partition(" ")
                (legacy_checkbox if kind == "legacy" else content_checkbox)(paragraph,
                                                                             checked == "1")
                if after:
                    paragraph.add_run(" " + after)
            else:
                paragraph.add_run(text)
    return t


def page_break(document) -> None:  # type: ignore[no-untyped-def]
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def english() -> Path:
    d = Document()
    d.add_heading("Convention on Cluster Munitions: Article 7 Report", level=0)
    d.add_paragraph("State Party: Germany")
    d.add_paragraph("Reporting period: from 01/01/2015 to 31/12/2015")
    d.add_paragraph("Date of submission: 28/04/2016")
    d.add_paragraph("Status of each form:")
    status_table(d, ["Form", "changed", "unchanged (last reporting: yyyy)", "non applicable"], [
        ("Form A", ["☒", "☐", "☐"]),
        ("Form B", ["X", "", ""]),
        ("Form C", ["legacy:0", "legacy:1 last reporting: 2013", "legacy:0"]),
        ("Form D", ["☐", "☐", "■ Germany has retained and transferred none"]),
        ("Form E", ["control:0", "control:0", "control:1 never produced cluster munitions"]),
        ("Form F", ["☑", "☐", "☐"]),
        ("Form G", ["☐", "☐", "☒ no contaminated areas under its jurisdiction"]),
        ("Form H", ["☐", "☒ 2014", "☐"]),
        ("Form I", ["☐", "☒ last reporting: 2014", "☐"]),
        ("Form J", ["☒", "☐", "☐"]),
    ])
    d.add_heading("Contacts", level=1)
    table(d, [["Institution", "Role", "Contact person", "Address", "Telephone", "E-mail"],
              ["Federal Foreign Office", "Forms A to J", "Anna Schmidt",
               "Werderscher Markt 1, Berlin", "+49 30 1817 0", "ccm@example.org"]])
    page_break(d)
    d.add_heading("Form A: National implementation measures", level=1)
    table(d, [["Measure", "Type of measure", "Reference", "In force since"],
              ["Act on the Convention on Cluster Munitions", "Legislation",
               "BGBl. 2009 II S. 502", "01/08/2010"]])
    d.add_heading("Form B: Stockpiles and destruction", level=1)
    t = table(d, [["Type", "Quantity", "", "Lot numbers"],
                  ["", "Cluster munitions", "Explosive submunitions", ""],
                  ["M26 rocket", "1,200", "774,000", "L-1 to L-40"],
                  ["", "", "", ""],
                  ["DM 642 projectile", "350", "22,050", ""]])
    t.cell(0, 1).merge(t.cell(0, 2))
    t.cell(0, 1).text = "Quantity"
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(0, 0).text = "Type"
    t.cell(0, 3).merge(t.cell(1, 3))
    t.cell(0, 3).text = "Lot numbers"
    d.add_paragraph("Status and progress of destruction:")
    d.add_paragraph("The remaining stockpile was destroyed at the site in Karlsruhe.")
    d.add_heading("Form F: Contaminated areas and clearance", level=1)
    d.add_paragraph("Clearance of the former training area continued during 2015.")
    table(d, [["Area reference", "Location", "Cleared (ha)", "Submunitions destroyed",
               "Operator"],
              ["WS-01", "Wittstock", "12", "140", "Bundeswehr"],
              ["", "", "", "", ""],
              ["WS-02", "Wittstock", "3.5 ha", "27", "Bundeswehr"]])
    page_break(d)
    table(d, [["WS-03", "Wittstock", "0.25 km²", "1,003", "Contractor"],
              ["WS-04", "Wittstock", "abc", "5", "Contractor"]])
    d.add_heading("Form J: Other relevant matters", level=1)
    d.add_paragraph("Germany promotes the universalisation of the Convention.")
    path = HERE / "report-en.docx"
    d.save(str(path))
    return path


def french() -> Path:
    d = Document()
    d.add_heading("Convention sur les armes à sous-munitions : rapport au titre de l’article 7",
                  level=0)
    d.add_paragraph("État partie : France")
    d.add_paragraph("Période couverte : du 01/01/2015 au 31/12/2015")
    d.add_paragraph("Date de présentation : 29/04/2016")
    status_table(d, ["Formulaire", "modifié", "inchangé (dernier rapport : aaaa)",
                     "non applicable"], [
        ("Formulaire A", ["☒", "☐", "☐"]),
        ("Formulaire B", ["☒", "☐", "☐"]),
        ("Formulaire C", ["☐", "☒ 2014", "☐"]),
        ("Formulaire D", ["☐", "☒ 2014", "☐"]),
        ("Formulaire E", ["☐", "☐", "☒ la France n’a jamais produit d’armes à sous-munitions"]),
        ("Formulaire F", ["☒", "☐", "☐"]),
        ("Formulaire G", ["☐", "☒ 2014", "☐"]),
        ("Formulaire H", ["☐", "☒ 2014", "☐"]),
        ("Formulaire I", ["☐", "☒ 2014", "☐"]),
        ("Formulaire J", ["☐", "☒ 2014", "☐"]),
    ])
    d.add_heading("Points de contact", level=1)
    table(d, [["Institution", "Personne à contacter", "Téléphone", "Courriel"],
              ["Ministère de l’Europe et des affaires étrangères", "Jean Dupont",
               "+33 1 43 17 53 53", "asm@example.org"]])
    d.add_heading("Formulaire A : Mesures d’application nationales", level=1)
    table(d, [["Mesure", "Nature", "Référence", "En vigueur depuis"],
              ["Loi n° 2010-819 relative à l’élimination des armes à sous-munitions",
               "Législation", "JORF du 21/07/2010", "21/07/2010"]])
    d.add_heading("Formulaire B : Stocks et destruction", level=1)
    table(d, [["Type", "Armes à sous-munitions", "Sous-munitions explosives", "Numéros de lot"],
              ["Obus OGR", "13.094", "818.351", "lots 1 à 12"]])
    d.add_paragraph("Date de découverte et plan : un stock a été découvert.")
    table(d, [["Type", "Armes à sous-munitions", "Date de découverte", "Plan de destruction"],
              ["Roquette M26", "12", "15/03/2015", "Destruction en 2016"]])
    d.add_heading("Formulaire F : Zones contaminées et dépollution", level=1)
    d.add_paragraph("Les opérations de dépollution se sont poursuivies en 2015.")
    table(d, [["Référence de la zone", "Emplacement", "Dépolluée (ha)",
               "Réduite par enquête technique (m²)", "Sous-munitions détruites"],
              ["Z-12", "Champagne", "1.234,5", "3,2 km²", "1.020"],
              ["Z-13", "Lorraine", "12 ha", "2 500,75", "7"]])
    path = HERE / "report-fr.docx"
    d.save(str(path))
    return path


def with_libreoffice(source: Path, suffix: str, filter_name: str) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"soffice not found: {source.stem}{suffix} not made")
        return
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "profile"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", filter_name, "--outdir", work, str(source)],
                       check=True, capture_output=True, timeout=180)
        shutil.copy(Path(work) / f"{source.stem}{suffix}", HERE / f"{source.stem}{suffix}")


if __name__ == "__main__":
    en = english()
    fr = french()
    with_libreoffice(en, ".doc", "doc:MS Word 97")
    with_libreoffice(fr, ".odt", "odt:writer8")
    with_libreoffice(en, ".pdf", "pdf:writer_pdf_Export")
