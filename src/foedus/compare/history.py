"""Where an agreement sits among the 745 historical alliances coded by ATOP (1815–2016).

Three answers, from the ATOP-style codes of :mod:`foedus.compare.atop_codes`:

* the share of historical alliances carrying each pledge and provision the agreement carries
  (or lacks);
* the nearest historical alliances by those codes — Gower distance: the mean, over the binary
  codes, of 0 when both agree and 1 when they differ, plus the difference of stated lengths
  scaled by the largest length (50 years); ties go to the more recent alliance;
* an estimate of the Benson–Clinton (2016) depth score: their latent score is not a formula
  of the ATOP columns, so foedus fits a least-squares line of the published scores on the
  codes it can read (on the 487 alliances that have both) and reports the estimate with the
  fit's 10-fold cross-validated R² and error, and the percentile among the published scores.

The data are a subset of ATOP v4 shipped in foedus/data/atop/ (see its README.md for the
citation); they are read on first use.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from foedus.compare.atop_codes import CODES, PLEDGES, AtopProfile

__all__ = ["Alliance", "DepthEstimate", "History", "compare_history", "load_alliances"]

_MAX_MONTHS = 600
_DEPTH_CODES = ("defense", "conditio", "milaid", "intcom", "base", "organ1", "milcon", "contrib")
_FOLDS = 10


@dataclass(frozen=True, slots=True)
class Alliance:
    """One ATOP alliance: id, years, member states and codes (0/1; ``length`` in months)."""

    atopid: int
    begin: int
    end: int
    members: tuple[str, ...]
    codes: dict[str, int]
    length_months: int
    depth: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "atopid": self.atopid,
            "begin": self.begin,
            "end": self.end or None,
            "members": list(self.members),
            "codes": self.codes,
            "length_months": self.length_months,
            "bc_depth": self.depth,
        }


@dataclass(frozen=True, slots=True)
class DepthEstimate:
    """The Benson–Clinton depth score estimated from the codes, with the fit's quality."""

    value: float
    percentile: float
    cv_r2: float
    cv_rmse: float
    fitted_on: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": round(self.value, 3),
            "percentile": round(self.percentile, 1),
            "cv_r2": round(self.cv_r2, 3),
            "cv_rmse": round(self.cv_rmse, 3),
            "fitted_on": self.fitted_on,
        }


@dataclass(frozen=True, slots=True)
class History:
    """The agreement's codes beside the historical record."""

    profile: AtopProfile
    shares: dict[str, float]
    total: int
    nearest: tuple[tuple[Alliance, float], ...]
    depth: DepthEstimate | None

    def notice(self) -> str | None:
        """Why the comparison needs care: ATOP codes only agreements carrying an alliance pledge."""
        if any(self.profile.value(code) for code in PLEDGES):
            return None
        return (
            "no alliance pledge (defence, offence, neutrality, non-aggression or consultation) "
            "is read in this text: ATOP codes only agreements that carry one, so this places "
            "the text by its provisions, not as an alliance"
        )

    def sentences(self) -> list[str]:
        """Each code in words: "defence pledge: yes — as in 275 of 745 alliances (37%)"."""
        lines = []
        for code in self.profile.codes:
            share = self.shares[code.code]
            count = round(share * self.total)
            yes = "yes" if code.value else "no"
            among = count if code.value else self.total - count
            lines.append(
                f"{code.label}: {yes} — as in {among} of {self.total} alliances "
                f"({among / self.total:.0%})"
            )
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "codes": self.profile.as_dict(),
            "shares": {k: round(v, 4) for k, v in self.shares.items()},
            "alliances": self.total,
            "notice": self.notice(),
            "summary": self.sentences(),
            "nearest": [{**a.as_dict(), "distance": round(d, 4)} for a, d in self.nearest],
            "depth": self.depth.as_dict() if self.depth else None,
        }


def _read(name: str) -> list[dict[str, str]]:
    raw = resources.files("foedus").joinpath(f"data/atop/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(raw)))


def _int(text: str) -> int:
    return int(float(text)) if text.strip() else 0


@cache
def load_alliances() -> tuple[Alliance, ...]:
    """The shipped ATOP subset. Multi-level columns (military aid, bases, organisations,
    military contact, specific threat, length, renunciation) become present/absent: their
    levels are not used."""
    names = {int(r["ccode"]): r["name"] for r in _read("cow-states.csv")}
    alliances = []
    for row in _read("atop-v4-subset.csv"):
        codes = {code: int(_int(row[code]) > 0) for code in CODES}
        members = tuple(names.get(int(m), f"COW {m}") for m in row["members"].split())
        depth = float(row["bc_depth"]) if row["bc_depth"].strip() else None
        alliances.append(
            Alliance(
                _int(row["atopid"]),
                _int(row["begyr"]),
                _int(row["endyr"]),
                members,
                codes,
                _int(row["length"]),
                depth,
            )
        )
    return tuple(alliances)


def _design(codes: list[dict[str, int]]) -> np.ndarray:
    return np.array([[c[k] for k in _DEPTH_CODES] + [1.0] for c in codes], dtype=np.float64)


@cache
def _depth_model() -> tuple[np.ndarray, float, float, int, np.ndarray]:
    """Least-squares coefficients of the published depth scores on the readable codes, with
    the deterministic 10-fold cross-validated R² and RMSE."""
    scored = [a for a in load_alliances() if a.depth is not None]
    x = _design([a.codes for a in scored])
    y = np.array([a.depth for a in scored], dtype=np.float64)
    predicted = np.zeros_like(y)
    for fold in range(_FOLDS):
        test = np.arange(len(y)) % _FOLDS == fold
        beta, *_ = np.linalg.lstsq(x[~test], y[~test], rcond=None)
        predicted[test] = x[test] @ beta
    residual = float(((y - predicted) ** 2).sum())
    r2 = 1 - residual / float(((y - y.mean()) ** 2).sum())
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    return beta, r2, (residual / len(y)) ** 0.5, len(y), np.sort(y)


def estimate_depth(profile: AtopProfile) -> DepthEstimate:
    beta, r2, rmse, n, scores = _depth_model()
    value = float((_design([profile.vector()]) @ beta)[0])
    percentile = 100 * float(np.searchsorted(scores, value, side="right")) / len(scores)
    return DepthEstimate(value, percentile, r2, rmse, n)


def _distance(profile: AtopProfile, alliance: Alliance) -> float:
    mine = profile.vector()
    differences = [float(abs(mine[code] - alliance.codes[code])) for code in CODES]
    length = abs(min(profile.length_months, _MAX_MONTHS) - min(alliance.length_months, _MAX_MONTHS))
    differences.append(length / _MAX_MONTHS)
    return sum(differences) / len(differences)


def compare_history(profile: AtopProfile, nearest: int = 5) -> History:
    """``profile`` against the historical alliances."""
    alliances = load_alliances()
    total = len(alliances)
    shares = {code: sum(a.codes[code] for a in alliances) / total for code in CODES}
    ranked = sorted(alliances, key=lambda a: (_distance(profile, a), -a.begin, a.atopid))
    closest = tuple((a, _distance(profile, a)) for a in ranked[:nearest])
    return History(profile, shares, total, closest, estimate_depth(profile))
