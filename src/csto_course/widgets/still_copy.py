"""How a widget looks where no kernel runs: its still copy, in HTML and in plain text.

This module is the one place that decides it. A widget's display carries the copy beside the
live view (:func:`bundle`, used by ``Base._repr_mimebundle_``).
JupyterLab shows the live view once the notebook runs; where nothing runs (the course site,
a saved notebook opened before it is run) the copy is shown instead: the widget's text, its
chart and its controls as they were when it was displayed, disabled, under a note that says
how to use it. Saved notebooks keep only the copy (``csto-course execute`` drops the widget
views), so the site loads no widget JavaScript at all.

The copy is deterministic (no model ids): nbval compares it like any other output.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as widgets

__all__ = ["NOTE", "UNSUPPORTED", "bundle", "render", "text"]

#: What the copy says above the widget.
NOTE = (
    "A still copy of an interactive widget: its controls do nothing. To use the widget, run "
    "this cell; on the course website, first launch the page (the rocket icon at the top)."
)
#: Marks a widget type the copy cannot draw (tests look for it).
UNSUPPORTED = "csto-snapshot-unsupported"

_BOX = (
    "border: 1px dashed #767676; border-radius: 4px; padding: 0.6em 0.8em; margin: 0.4em 0; "
    "max-width: 100%;"
)
_NOTE_STYLE = "margin: 0 0 0.6em 0; font-size: 0.9em; font-style: italic;"
_GAP = "margin: 0.3em 0;"


def render(root: widgets.Widget, extra_html: str = "") -> str:
    """The still copy of ``root`` with the note on top and ``extra_html`` below."""
    return (
        f'<div class="csto-snapshot" style="{_BOX}">'
        f'<p class="csto-snapshot-note" style="{_NOTE_STYLE}">{html.escape(NOTE)}</p>'
        f"{_render(root)}{extra_html}</div>"
    )


def text(title: str, lines: Iterable[str] = ()) -> str:
    """The plain-text copy: a title line, then one indented line per item."""
    return "\n".join([title, *(f"  {line}" for line in lines)])


def bundle(root: widgets.Widget, extra_html: str, plain: str, **kwargs: Any) -> dict[str, Any]:
    """The display data of a widget: its live view, the still copy, and the text copy.

    The text copy is deterministic, for nbval and for a reader without HTML; ``csto-course
    execute`` keeps the still copy and drops the live view (``csto_course.saved_outputs``).
    """
    live = root._repr_mimebundle_(**kwargs)
    data = dict((live[0] if isinstance(live, tuple) else live) or {})
    data["text/html"] = render(root, extra_html)
    data["text/plain"] = plain
    return data


def _render(w: widgets.Widget) -> str:
    layout = getattr(w, "layout", None)
    if layout is not None and (layout.display == "none" or layout.visibility == "hidden"):
        return ""
    for kind, draw in _DRAWERS:
        if isinstance(w, kind):
            return draw(w)
    return f'<p class="{UNSUPPORTED}">[{html.escape(type(w).__name__)}]</p>'


def _text(value: object) -> str:
    return html.escape(str(value))


def _label(w: widgets.Widget) -> str:
    """The visible label of a control: its description, else its tooltip."""
    return _text(getattr(w, "description", "") or getattr(w, "tooltip", "") or "")


def _box(w: widgets.Box) -> str:
    direction = "row" if isinstance(w, widgets.HBox) else "column"
    inner = "".join(_render(child) for child in w.children)
    return (
        f'<div style="display: flex; flex-direction: {direction}; flex-wrap: wrap; '
        f'gap: 0.2em 1em; align-items: flex-start;">{inner}</div>'
    )


_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_SVG_TEXT = re.compile(r"<(title|desc)\b[^>]*>(.*?)</\1>", re.DOTALL)
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"')


def _svg_as_image(svg: str) -> str:
    """An inline chart as an ``<img>`` of the same SVG, its title and description as alt text.

    JupyterLab strips inline ``<svg>`` from the HTML of a notebook it does not trust (any
    notebook a student did not run), leaving its text as a jumble; an image survives.
    """
    texts = {tag: html.unescape(text).strip() for tag, text in _SVG_TEXT.findall(svg)}
    alt = ". ".join(t for t in (texts.get("title", ""), texts.get("desc", "")) if t)
    size = _SVG_SIZE.search(svg)
    dims = f' width="{size.group(1)}" height="{size.group(2)}"' if size else ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (
        f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}"{dims} '
        'style="max-width: 100%; height: auto;">'
    )


def _html(w: widgets.HTML | widgets.HTMLMath) -> str:
    if not w.value:
        return ""
    return "<div>" + _SVG.sub(lambda m: _svg_as_image(m.group(0)), w.value) + "</div>"


def _plain_label(w: widgets.Label) -> str:
    return f"<span>{_text(w.value)}</span>" if w.value else ""


def _button(w: widgets.Button) -> str:
    label = _text(w.description)
    return f'<div style="{_GAP}"><button type="button" disabled>{label}</button></div>'


def _checkbox(w: widgets.Checkbox) -> str:
    checked = " checked" if w.value else ""
    return (
        f'<label style="display: block; {_GAP}"><input type="checkbox" disabled{checked}> '
        f"{_label(w)}</label>"
    )


def _radio(w: widgets.RadioButtons) -> str:
    options = "".join(
        f'<label style="display: block; {_GAP}"><input type="radio" disabled'
        f"{' checked' if i == w.index else ''}> {_text(text)}</label>"
        for i, text in enumerate(w._options_labels)
    )
    return (
        f'<div role="radiogroup" aria-label="{_label(w)}" style="{_GAP}">'
        f"<div>{_text(w.description)}</div>{options}</div>"
    )


def _select(w: widgets.Dropdown | widgets.SelectMultiple) -> str:
    chosen = set(w.index) if isinstance(w.index, tuple) else {w.index}
    options = "".join(
        f"<option{' selected' if i in chosen else ''}>{_text(text)}</option>"
        for i, text in enumerate(w._options_labels)
    )
    several = isinstance(w, widgets.SelectMultiple)
    multiple = f' multiple size="{w.rows}"' if several else ""
    return (
        f'<div style="{_GAP}"><label>{_text(w.description)}{"<br>" if several else " "}'
        f'<select disabled{multiple} aria-label="{_label(w)}">{options}</select></label></div>'
    )


def _slider(w: widgets.IntSlider | widgets.FloatSlider) -> str:
    shown = format(w.value, w.readout_format)
    return (
        f'<div style="{_GAP}"><label>{_text(w.description)} '
        f'<input type="range" disabled min="{w.min}" max="{w.max}" step="{w.step}" '
        f'value="{w.value}" aria-label="{_label(w)}"></label> <output>{_text(shown)}</output></div>'
    )


def _range(w: widgets.SelectionRangeSlider) -> str:
    first, last = w.label
    return f'<p style="{_GAP}">{_text(w.description)}: {_text(first)} to {_text(last)}</p>'


#: Checked in order, so subclasses come before their bases.
_DRAWERS: list[tuple[type, Callable[..., str]]] = [
    (widgets.Box, _box),
    (widgets.HTML, _html),
    (widgets.HTMLMath, _html),
    (widgets.Label, _plain_label),
    (widgets.Button, _button),
    (widgets.Checkbox, _checkbox),
    (widgets.RadioButtons, _radio),
    (widgets.Dropdown, _select),
    (widgets.SelectMultiple, _select),
    (widgets.SelectionRangeSlider, _range),
    (widgets.IntSlider, _slider),
    (widgets.FloatSlider, _slider),
]
