"""Both XML readers refuse DTDs and entities (before expanding anything) and damaged XML."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from foedus.analysis.ingest.akn import read_akn
from foedus.analysis.ingest.source import SourceText
from foedus.analysis.ingest.tota import read_tota
from foedus.domain.errors import CorruptDocumentError, UnsafeDocumentError

Reader = Callable[[bytes, str], SourceText]
READERS = [
    pytest.param(read_tota, "treaty", id="tota"),
    pytest.param(read_akn, "akomaNtoso", id="akn"),
]

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE %(root)s [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<%(root)s><body>&lol9;</body></%(root)s>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE %(root)s [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<%(root)s><body>&secret;</body></%(root)s>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE %(root)s SYSTEM "http://example.invalid/evil.dtd">
<%(root)s><body/></%(root)s>"""


@pytest.mark.parametrize(("reader", "root"), READERS)
@pytest.mark.parametrize("template", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_refuses_dtds_and_entity_declarations_as_unsafe(
    reader: Reader, root: str, template: bytes
) -> None:
    with pytest.raises(UnsafeDocumentError, match="not allowed") as caught:
        reader(template % {b"root": root.encode()}, "hostile.xml")
    assert caught.value.source == "hostile.xml"


@pytest.mark.parametrize(("reader", "root"), READERS)
@pytest.mark.parametrize(
    "template",
    [
        b"<%(root)s><body><p>unclosed</body></%(root)s>",
        b"<%(root)s><body>&undefined;</body></%(root)s>",
        b"<%(root)s><body>cut off",
    ],
)
def test_refuses_malformed_xml_as_corrupt(reader: Reader, root: str, template: bytes) -> None:
    with pytest.raises(CorruptDocumentError, match="not well-formed XML"):
        reader(template % {b"root": root.encode()}, "broken.xml")


@pytest.mark.parametrize(("reader", "root"), READERS)
def test_refuses_absurdly_deep_nesting_instead_of_overflowing_the_stack(
    reader: Reader, root: str
) -> None:
    nested = "<p>" * 50_000 + "x" + "</p>" * 50_000
    data = f"<{root}><body>{nested}</body></{root}>".encode()
    with pytest.raises(UnsafeDocumentError, match="nested deeper than"):
        reader(data, "deep.xml")
