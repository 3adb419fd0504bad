"""The zip container of the Word documents, the same bytes on every run.

:func:`deterministic_zip` writes the parts of a document (python-docx's, in its order)
with every entry dated alike, deflated, readable by all (:func:`.docxcommon.pinned_datetime`).

A zip is a record per entry (its local header and its compressed bytes), then the
central directory (an entry per record, with the record's offset), then the end record.
A record does not depend on where it stands, so that a document whose parts are mostly
the same as another's (the applicants' letters: only ``word/document.xml`` and
``docProps/core.xml`` differ) reuses the other's records as bytes (:func:`records`) and
compresses only its own parts; :func:`assemble` lays them out and writes the offsets.
The bytes are :func:`deterministic_zip`'s (``tests/documents/test_letters_docx.py``).
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime

#: zipfile's central directory entry (``structCentralDir``): the record's offset last.
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
#: zipfile's end of central directory record (``structEndArchive``), no comment.
_END = struct.Struct("<4s4H2LH")
#: Past this, a zip needs the zip64 extensions (never for a letter).
_LIMIT = 0x7FFFFFFF

#: One entry of a zip: its local record and its central directory entry (offset 0).
Record = tuple[bytes, bytes]


def deterministic_zip(members: Iterable[tuple[str, bytes]], when: datetime) -> bytes:
    """A zip of ``members`` (name, bytes), in their order, every entry dated ``when``
    (zip dates start in 1980), deflated, mode 644."""
    stamp = max(when, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            dst.writestr(zi, data)
    return out.getvalue()


def records(members: list[tuple[str, bytes]], when: datetime) -> dict[str, Record]:
    """Each member's record and central directory entry as :func:`deterministic_zip`
    writes them, by name, to be laid out by :func:`assemble`."""
    data = deterministic_zip(members, when)
    count, size, start = _END.unpack_from(data, len(data) - _END.size)[4:7]
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    if count != len(infos) or len(data) != start + size + _END.size:
        raise ValueError("unexpected zip layout (zip64 or a comment)")
    ends = [i.header_offset for i in infos[1:]] + [start]
    out: dict[str, Record] = {}
    pos = start
    for info, end in zip(infos, ends, strict=True):
        fields = _CENTRAL.unpack_from(data, pos)
        length = _CENTRAL.size + fields[12] + fields[13] + fields[14]
        central = data[pos:pos + length]
        out[info.filename] = (data[info.header_offset:end],
                              central[:42] + b"\0\0\0\0" + central[46:])
        pos += length
    return out


def assemble(entries: list[Record]) -> bytes:
    """The zip of ``entries`` (:func:`records`), in their order."""
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for record, entry in entries:
        central.append(entry[:42] + struct.pack("<L", offset) + entry[46:])
        local.append(record)
        offset += len(record)
    directory = b"".join(central)
    if offset + len(directory) > _LIMIT:
        raise ValueError("a Word document too large for a plain zip")
    end = _END.pack(b"PK\005\006", 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(local) + directory + end
