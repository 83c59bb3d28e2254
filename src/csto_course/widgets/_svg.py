"""Small, accessible inline SVG for the widgets' charts (no matplotlib in a callback).

A widget callback must answer in well under 50 ms, and drawing a PNG with matplotlib takes
hundreds. These helpers write the SVG text directly instead. Every chart is an
``<svg role="img">`` whose ``<title>`` names it and whose ``<desc>`` states what it shows,
numbers included, so a screen reader gets the whole figure as text. Text from the data is
escaped. Ids (for ``aria-labelledby`` and patterns) are derived from the chart's content, so
the same data always gives the same SVG text.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Iterable

__all__ = [
    "FONT",
    "chart_html",
    "content_id",
    "escape",
    "hatch_pattern",
    "nice_step",
    "num",
    "svg_text",
    "tint",
]

#: Font of every chart: the page's sans-serif, at a readable size.
FONT = "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
#: Text and line colours (on the chart's own white background, in every theme).
INK = "#000000"
MUTED = "#444444"
GRID = "#d9d9d9"


#: Characters XML does not allow (control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def escape(text: object) -> str:
    """Escape text (quotes too) for SVG/HTML; drop the characters XML does not allow."""
    return html.escape(_NOT_XML.sub("", str(text)), quote=True)


def num(x: float) -> str:
    """A coordinate with at most one decimal (compact, deterministic)."""
    r = round(float(x), 1)
    return str(int(r)) if r == int(r) else f"{r:.1f}"


def content_id(kind: str, *parts: object) -> str:
    """A deterministic id prefix for a chart: the kind and a hash of its content."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"csto-{kind}-{digest[:10]}"


def tint(colour: str, alpha: float) -> str:
    """``colour`` (``#RRGGBB``) at ``alpha`` over white, as an opaque ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(alpha * c + (1 - alpha) * 255) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def nice_step(top: float, ticks: int = 5) -> int:
    """An integer tick step (1, 2, 5, 10, 20, …) giving about ``ticks`` ticks up to ``top``."""
    raw = max(float(top), 1.0) / ticks
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return int(m * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


def svg_text(x: float, y: float, text: object, **attrs: object) -> str:
    """A ``<text>`` element; attribute names use ``_`` for ``-`` (``text_anchor``)."""
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{num(x)}" y="{num(y)}"{extra}>{escape(text)}</text>'


#: Hatch drawn over a pattern's base colour, by pattern index (as in the PNG figures).
_HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")


def hatch_pattern(pattern_id: str, colour: str, index: int) -> str:
    """A ``<pattern>`` of ``colour`` with the ``index``-th hatch in white lines over it."""
    hatch = _HATCHES[index % len(_HATCHES)]
    marks = {
        "": "",
        "//": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4"/>',
        "..": '<circle cx="2" cy="2" r="1.2"/><circle cx="6" cy="6" r="1.2"/>',
        "xx": '<path d="M0,0 l8,8 M8,0 l-8,8"/>',
        "\\\\": '<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4"/>',
        "++": '<path d="M4,0 v8 M0,4 h8"/>',
        "oo": '<circle cx="4" cy="4" r="2.2" fill="none"/>',
        "--": '<path d="M0,2 h8 M0,6 h8"/>',
    }[hatch]
    return (
        f'<pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{colour}"/>'
        f'<g stroke="#ffffff" stroke-width="1.3" fill="#ffffff">{marks}</g></pattern>'
    )


def chart_html(
    *,
    kind: str,
    prefix: str,
    width: float,
    height: float,
    title: str,
    desc: str,
    body: Iterable[str],
    defs: Iterable[str] = (),
) -> str:
    """The HTML of one chart: a scrollable ``<div>`` holding an accessible ``<svg>``.

    ``prefix`` (from :func:`content_id`) starts every id in the chart. ``title`` and
    ``desc`` are plain text (escaped here); ``body`` and ``defs`` are SVG markup already
    escaped by the caller.
    """
    defs_text = "".join(defs)
    return (
        f'<div class="csto-chart csto-chart-{escape(kind)}" style="overflow-x: auto; '
        'max-width: 100%;">'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{num(width)}" '
        f'height="{num(height)}" viewBox="0 0 {num(width)} {num(height)}" '
        f'aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" '
        f'style="{FONT}; font-size: 12px; display: block;">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>'
        + (f"<defs>{defs_text}</defs>" if defs_text else "")
        + f'<rect width="{num(width)}" height="{num(height)}" fill="#ffffff"/>'
        + "".join(body)
        + "</svg></div>"
    )
