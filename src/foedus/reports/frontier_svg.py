"""The frontier chart: a self-contained SVG (no scripts, no styles, no network) of a package-deal
analysis — the Pareto frontier, the current package, the Nash, Kalai–Smorodinsky and maximum
joint gain packages, and the reservation values as lines, with the zone where every party
beats its reservation value shaded. Every marker has a ``<title>`` (a tooltip in browsers)
naming its package.

Two parties are drawn on the axes; with more, two chosen parties (the first two by default)
are drawn and the chart says so. Only presentation attributes are used, so the chart passes a
Content-Security-Policy without inline styles or scripts.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from foedus.services.package_deal import PackageDealAnalysis, PackagePoint

__all__ = ["MAX_DRAWN_POINTS", "render_frontier_svg"]

MAX_DRAWN_POINTS = 400
_LEFT, _RIGHT, _TOP, _BOTTOM = 70, 190, 62, 60
_COLOURS = {
    "frontier": "#1f5fa8",
    "current": "#c0392b",
    "nash": "#1e8449",
    "kalai_smorodinsky": "#8e44ad",
    "max_joint_gain": "#b9770e",
}
_NAMES = {
    "current": "current draft",
    "nash": "Nash",
    "kalai_smorodinsky": "Kalai–Smorodinsky",
    "max_joint_gain": "max joint gain",
}


def render_frontier_svg(
    analysis: PackageDealAnalysis,
    *,
    x_party: str | None = None,
    y_party: str | None = None,
    width: int = 760,
    height: int = 520,
) -> str:
    """The chart as an SVG document (a string)."""
    x_name = x_party or analysis.parties[0]
    y_name = y_party or analysis.parties[1 if x_name == analysis.parties[0] else 0]
    for name in (x_name, y_name):
        if name not in analysis.parties:
            raise ValueError(f"{name!r} is not a party of this analysis")
    chart = _Chart(analysis, x_name, y_name, width, height)
    return chart.render()


class _Chart:
    def __init__(
        self, analysis: PackageDealAnalysis, x_name: str, y_name: str, width: int, height: int
    ) -> None:
        self.analysis = analysis
        self.x_name, self.y_name = x_name, y_name
        self.width, self.height = width, height
        self.frontier = _thinned(analysis.frontier)
        marked = [p for p in self._special().values() if p is not None]
        values = [
            v
            for point in (*self.frontier, *marked)
            for v in (point.utilities[x_name], point.utilities[y_name])
        ]
        values += [analysis.reservation[x_name], analysis.reservation[y_name]]
        self.low = max(0.0, 10 * ((min(values) - 2) // 10))
        self.high = min(100.0, 10 * -(-(max(values) + 2) // 10))
        if self.high <= self.low:
            self.low, self.high = 0.0, 100.0

    def _special(self) -> dict[str, PackagePoint | None]:
        current = self.analysis.current
        return {
            "current": current.point if current else None,
            "nash": self.analysis.nash,
            "kalai_smorodinsky": self.analysis.kalai_smorodinsky,
            "max_joint_gain": self.analysis.max_joint_gain,
        }

    def x(self, value: float) -> float:
        span = self.width - _LEFT - _RIGHT
        return round(_LEFT + (value - self.low) / (self.high - self.low) * span, 2)

    def y(self, value: float) -> float:
        span = self.height - _TOP - _BOTTOM
        return round(self.height - _BOTTOM - (value - self.low) / (self.high - self.low) * span, 2)

    def render(self) -> str:
        analysis = self.analysis
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" '
            f'height="{self.height}" viewBox="0 0 {self.width} {self.height}" role="img" '
            'aria-labelledby="frontier-title frontier-desc" font-family="sans-serif" '
            'font-size="12">',
            f'<title id="frontier-title">{escape(self._title())}</title>',
            f'<desc id="frontier-desc">{escape(" ".join(analysis.notes))}</desc>',
            f'<rect width="{self.width}" height="{self.height}" fill="#ffffff"/>',
            *self._zone(),
            *self._axes(),
            *self._frontier(),
            *self._markers(),
            *self._legend(),
            "</svg>",
        ]
        return "\n".join(parts) + "\n"

    def _title(self) -> str:
        mode = self.analysis.mode.value
        who = f" ({self.analysis.viewer})" if self.analysis.viewer else ""
        return f"{self.analysis.title} — Pareto frontier, {mode} view{who}"

    def _label(self, name: str) -> str:
        return f"{name} (estimated)" if name in self.analysis.estimated else name

    def _zone(self) -> list[str]:
        rx = self.analysis.reservation[self.x_name]
        ry = self.analysis.reservation[self.y_name]
        x0, y0 = self.x(max(rx, self.low)), self.y(max(ry, self.low))
        x1, y1 = self.x(self.high), self.y(self.high)
        elements = []
        if x1 > x0 and y0 > y1:
            elements.append(
                f'<rect x="{x0}" y="{y1}" width="{round(x1 - x0, 2)}" height="{round(y0 - y1, 2)}" '
                'fill="#eaf2ea"><title>zone of possible agreement (both above their '
                "reservation values)</title></rect>"
            )
        for name, value, vertical in ((self.x_name, rx, True), (self.y_name, ry, False)):
            if not self.low <= value <= self.high:
                continue
            tip = f"{escape(self._label(name))}: reservation value {value:.1f}"
            if vertical:
                line = (
                    f'x1="{self.x(value)}" y1="{self.y(self.low)}" '
                    f'x2="{self.x(value)}" y2="{self.y(self.high)}"'
                )
            else:
                line = (
                    f'x1="{self.x(self.low)}" y1="{self.y(value)}" '
                    f'x2="{self.x(self.high)}" y2="{self.y(value)}"'
                )
            elements.append(
                f'<line {line} stroke="#777777" stroke-dasharray="6 4"><title>{tip}</title></line>'
            )
            label = f"{escape(name)}: reservation {value:.0f}"
            if vertical:
                elements.append(
                    f'<text x="{self.x(value) + 4}" y="{self.y(self.high) + 12}" '
                    f'fill="#555555" font-size="11">{label}</text>'
                )
            else:
                elements.append(
                    f'<text x="{self.x(self.high) - 4}" y="{self.y(value) - 4}" '
                    f'text-anchor="end" fill="#555555" font-size="11">{label}</text>'
                )
        return elements

    def _axes(self) -> list[str]:
        bottom, top = self.y(self.low), self.y(self.high)
        left, right = self.x(self.low), self.x(self.high)
        elements = [
            f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#333333"/>',
            f'<line x1="{left}" y1="{bottom}" x2="{left}" y2="{top}" stroke="#333333"/>',
        ]
        tick = self.low
        while tick <= self.high + 1e-9:
            elements.append(
                f'<text x="{self.x(tick)}" y="{bottom + 16}" text-anchor="middle">{tick:g}</text>'
            )
            elements.append(
                f'<text x="{left - 8}" y="{self.y(tick) + 4}" text-anchor="end">{tick:g}</text>'
            )
            tick += 10
        middle_x = round((left + right) / 2, 2)
        middle_y = round((top + bottom) / 2, 2)
        elements.append(
            f'<text x="{middle_x}" y="{self.height - 18}" text-anchor="middle">'
            f"utility for {escape(self._label(self.x_name))}</text>"
        )
        elements.append(
            f'<text x="18" y="{middle_y}" text-anchor="middle" '
            f'transform="rotate(-90 18 {middle_y})">'
            f"utility for {escape(self._label(self.y_name))}</text>"
        )
        mode = self.analysis.mode.value + (
            f" view of {self.analysis.viewer}" if self.analysis.viewer else " analysis"
        )
        elements.append(
            f'<text x="{left}" y="22" font-size="14">{escape(self.analysis.title)}</text>'
        )
        elements.append(
            f'<text x="{left}" y="40" fill="#555555">Pareto frontier — {escape(mode)}</text>'
        )
        return elements

    def _frontier(self) -> list[str]:
        ordered = sorted(self.frontier, key=lambda p: p.utilities[self.x_name])
        path = " ".join(
            f"{self.x(p.utilities[self.x_name])},{self.y(p.utilities[self.y_name])}"
            for p in ordered
        )
        colour = _COLOURS["frontier"]
        elements = []
        if len(self.analysis.parties) == 2:  # a projection of a surface is no line
            elements.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1"/>'
            )
        for point in ordered:
            cx, cy = self.x(point.utilities[self.x_name]), self.y(point.utilities[self.y_name])
            elements.append(
                f'<circle cx="{cx}" cy="{cy}" r="3" fill="{colour}">'
                f"<title>{escape(self._tooltip('Pareto-optimal package', point))}</title></circle>"
            )
        return elements

    def _markers(self) -> list[str]:
        elements = []
        current = self.analysis.current
        if current and current.nearest and current.distance:
            start, end = current.point.utilities, current.nearest.utilities
            elements.append(
                f'<line x1="{self.x(start[self.x_name])}" y1="{self.y(start[self.y_name])}" '
                f'x2="{self.x(end[self.x_name])}" y2="{self.y(end[self.y_name])}" '
                f'stroke="{_COLOURS["current"]}" stroke-dasharray="2 3">'
                f"<title>nearest improvement for all: {current.distance:.1f} away</title></line>"
            )
        placed: list[tuple[float, float, float, float]] = []
        for key, point in self._special().items():
            if point is None:
                continue
            cx, cy = self.x(point.utilities[self.x_name]), self.y(point.utilities[self.y_name])
            tip = escape(self._tooltip(_NAMES[key], point))
            label = _place_label(_NAMES[key], cx, cy, placed)
            elements.append(
                f"<g><title>{tip}</title>{_shape(key, cx, cy)}"
                f'<text {label} fill="{_COLOURS[key]}">{_NAMES[key]}</text></g>'
            )
        return elements

    def _legend(self) -> list[str]:
        x = self.width - _RIGHT + 20
        rows = [("frontier", f"Pareto frontier ({len(self.analysis.frontier)} packages)")]
        rows += [(key, _NAMES[key]) for key, point in self._special().items() if point]
        elements = []
        for n, (key, text) in enumerate(rows):
            y = _TOP + 10 + 20 * n
            marker = (
                f'<circle cx="{x}" cy="{y}" r="3" fill="{_COLOURS[key]}"/>'
                if key == "frontier"
                else _shape(key, x, y)
            )
            elements.append(f'{marker}<text x="{x + 12}" y="{y + 4}">{escape(text)}</text>')
        notes = []
        if len(self.frontier) < len(self.analysis.frontier):
            notes.append(f"{len(self.frontier)} of the frontier points drawn")
        if not self.analysis.frontier_exact:
            notes.append("frontier sampled (ε-constraint)")
        if len(self.analysis.parties) > 2:
            notes.append("other parties not shown")
        if not self.analysis.zopa:
            notes.append("no zone of possible agreement")
        for n, note in enumerate(notes):
            y = _TOP + 10 + 20 * (len(rows) + n) + 10
            elements.append(f'<text x="{x - 6}" y="{y}" fill="#555555">{escape(note)}</text>')
        return elements

    def _tooltip(self, what: str, point: PackagePoint) -> str:
        utilities = ", ".join(
            f"{self._label(party)} {value:.1f}" for party, value in point.utilities.items()
        )
        return f"{what}: {utilities}\n" + _package_lines(self.analysis, point.package)


def _package_lines(analysis: PackageDealAnalysis, package: Mapping[str, str]) -> str:
    lines = []
    for issue in analysis.issues:
        option = issue.option(package[issue.key])
        lines.append(f"{issue.title}: {option.label}")
    return "\n".join(lines)


def _place_label(
    text: str, cx: float, cy: float, placed: list[tuple[float, float, float, float]]
) -> str:
    """Position attributes for a marker's label: right or left of it, above or below,
    whichever first misses the labels already placed (boxes in ``placed``)."""
    width, height = 6.5 * len(text), 13.0
    options = ((10, -6, False), (10, 16, False), (-10, -6, True), (-10, 16, True))
    choice = options[0]
    for option in options:
        dx, dy, left = option
        x0 = cx + dx - (width if left else 0)
        box = (x0, cy + dy - height, x0 + width, cy + dy)
        if not any(_overlap(box, other) for other in placed):
            choice = option
            break
    dx, dy, left = choice
    x0 = cx + dx - (width if left else 0)
    placed.append((x0, cy + dy - height, x0 + width, cy + dy))
    anchor = ' text-anchor="end"' if left else ""
    return f'x="{round(cx + dx, 2)}" y="{round(cy + dy, 2)}"{anchor}'


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _shape(key: str, cx: float, cy: float) -> str:
    colour = _COLOURS[key]
    if key == "current":
        return f'<rect x="{cx - 6}" y="{cy - 6}" width="12" height="12" fill="{colour}"/>'
    if key == "nash":
        points = f"{cx},{cy - 8} {cx + 8},{cy} {cx},{cy + 8} {cx - 8},{cy}"
    elif key == "kalai_smorodinsky":
        points = f"{cx},{cy - 8} {cx + 7},{cy + 6} {cx - 7},{cy + 6}"
    else:
        points = f"{cx - 7},{cy - 7} {cx + 7},{cy - 7} {cx + 7},{cy + 7} {cx - 7},{cy + 7}"
        return (
            f'<polygon points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
            f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{colour}"/>'
        )
    return f'<polygon points="{points}" fill="{colour}" fill-opacity="0.85"/>'


def _thinned(points: tuple[PackagePoint, ...]) -> tuple[PackagePoint, ...]:
    """At most :data:`MAX_DRAWN_POINTS` points, evenly spread, first and last kept."""
    if len(points) <= MAX_DRAWN_POINTS:
        return points
    step = (len(points) - 1) / (MAX_DRAWN_POINTS - 1)
    return tuple(points[round(n * step)] for n in range(MAX_DRAWN_POINTS))
