"""Accessibility fixes for what the theme writes (found by tests/browser with axe-core).

1. The sidebar's expand/collapse toggles are ``<summary>`` elements with only an icon
   (axe: summary-name, serious). Each gets an ``aria-label`` naming its section.
2. docutils writes the bibliography as ``<div role="list">`` whose entries have
   ``role="doc-biblioentry"``, a role that ARIA no longer counts as a list item (axe:
   aria-required-children, critical). The entries get ``role="listitem"``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx

_SUMMARY = re.compile(
    r'(<a class="[^"]*\breference internal\b[^"]*"[^>]*>(?P<title>[^<]*)</a>\s*'
    r"<details(?: [^>]*)?>\s*)<summary>"
)
_BIBENTRY = re.compile(r'(<div class="citation"[^>]*?)role="doc-biblioentry"')


def _label_summaries(toctree_html: str) -> str:
    def label(m: re.Match) -> str:
        title = html.unescape(m.group("title")).strip()
        name = html.escape(f"Show or hide the pages under {title}", quote=True)
        return f'{m.group(1)}<summary aria-label="{name}">'

    return _SUMMARY.sub(label, toctree_html)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    make_toctree = context.get("generate_toctree_html")
    if make_toctree is not None and not getattr(make_toctree, "_a11y", False):

        def labelled(*args: Any, **kwargs: Any) -> str:
            return Markup(_label_summaries(str(make_toctree(*args, **kwargs))))

        labelled._a11y = True  # type: ignore[attr-defined]
        context["generate_toctree_html"] = labelled
    if "body" in context:
        context["body"] = _BIBENTRY.sub(r'\1role="listitem"', context["body"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _page_context, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
