"""Old Word (.doc) and OpenDocument (.odt) files, converted to .docx by LibreOffice Writer
running headless (`libreoffice-writer-nogui`, see scripts/install.sh), then read as .docx.

LibreOffice runs with a profile of its own in a temporary folder (so that it never meets a
LibreOffice the user has open), with a time limit; the temporary folder goes when done.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.xlsx.guards import OLE_MAGIC, file_head, is_encrypted_ole
from ccm_desktop.schema.i18n import N_, message

TIMEOUT_SECONDS = 120
_WORD_FIB = b"\xec\xa5"  # the first bytes of a Word 97-2003 document's main stream


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def converted_to_docx(path: Path) -> Iterator[Path]:
    """The .docx LibreOffice makes of `path` (a .doc or .odt), for as long as the `with` lasts.
    Raises UnreadableFile with one sentence."""
    name = path.name
    size, head = file_head(path)
    if path.suffix.lower() == ".doc":
        if not head.startswith(OLE_MAGIC):
            if head.startswith(b"PK"):
                raise UnreadableFile(name, N_("this is a .docx document named .doc; rename it "
                                              ".docx"))
            raise UnreadableFile(name, N_("this is not a Word 97-2003 document (.doc)"))
        if is_encrypted_ole(path, size) or _encrypted_doc(path, size):
            raise UnreadableFile(name, N_("the document is protected with a password (it is "
                                          "encrypted); open it in Word, remove the password and "
                                          "save it again"))
    elif not head.startswith(b"PK"):
        raise UnreadableFile(name, N_("this is not an OpenDocument text (.odt)"))
    soffice = _soffice()
    if soffice is None:
        raise UnreadableFile(name, N_("cannot be converted: LibreOffice Writer is not "
                                      "installed (install libreoffice-writer-nogui, or save the "
                                      "document as .docx in Word)"))
    with tempfile.TemporaryDirectory(prefix="ccm-word-") as work:
        folder = Path(work)
        source = folder / f"source{path.suffix.lower()}"
        shutil.copyfile(path, source)
        profile = (folder / "profile").as_uri()
        try:
            subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                            "--norestore", "--convert-to", "docx:MS Word 2007 XML",
                            "--outdir", str(folder), str(source)],
                           capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
                           stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise UnreadableFile(name, message(N_(
                "LibreOffice did not finish converting it within {n} seconds; save it as .docx "
                "in Word and import that"), n=TIMEOUT_SECONDS)) from None
        except OSError as exc:
            raise UnreadableFile(name, message(N_("LibreOffice could not be started ({reason})"),
                                               reason=exc.strerror or str(exc))) from None
        result = folder / "source.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise UnreadableFile(name, N_("LibreOffice could not convert it (it may be damaged "
                                          "or protected with a password); save it as .docx in "
                                          "Word and import that"))
        yield result


def _encrypted_doc(path: Path, size: int) -> bool:
    """A .doc encrypted with a password: bit fEncrypted of the header of its main stream. The
    stream's place is not parsed (that needs the whole OLE directory); the header is looked for
    at the sector boundaries where Word writes it."""
    with path.open("rb") as handle:
        data = handle.read(min(size, 4 * 1024 * 1024))
    for offset in range(512, len(data) - 12, 512):
        if data[offset:offset + 2] == _WORD_FIB:
            flags = int.from_bytes(data[offset + 10:offset + 12], "little")
            return bool(flags & 0x0100)
    return False
