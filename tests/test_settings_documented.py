"""Every setting is documented in docs/settings.md, and nothing documented is missing."""

from __future__ import annotations

import re
from pathlib import Path

from foedus.config import Settings

DOC = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_every_setting_is_documented_and_every_documented_setting_exists() -> None:
    documented = set(re.findall(r"`FOEDUS_([A-Z_]+)`", DOC.read_text(encoding="utf-8")))
    actual = {name.upper() for name in Settings.model_fields}
    assert documented == actual
