"""Accessibility fixes for what the theme writes (found by tests/browser with axe-core and
HTML_CodeSniffer).

1. The sidebar's expand/collapse toggles are ``<summary>`` elements with only an icon
   (axe: summary-name, serious). Each gets an ``aria-label`` naming its section.
2. docutils writes the bibliography as ``<div role="list">`` whose entries have
   ``role="doc-biblioentry"``, a role that ARIA no longer counts as a list item (axe:
   aria-required-children, critical). The entries get ``role="listitem"``.
3. The theme's search form (the search dialog on every page, and the search page) has no
   submit button (HTML_CodeSniffer: WCAG 3.2.2, H32.2): its magnifying glass becomes a
   button that submits the form, named "Search". The filter ``a11y_search_form`` does it;
   ``lean_pages_templates/layout.html`` (the dialog) and ``book/_templates/search.html`` (the
   search page) apply it to the theme's blocks.
4. ``a11y-fixes.css`` (added to every page): the submit button's look, and the alignment of
   pandas tables (``table.dataframe``) that pandas used to set in a ``<style scoped>`` block
   of each table, which is invalid HTML (the course writes its tables without it:
   ``csto_course.tables``), and the contrast of the search form's "Ctrl+K" hint (1.5:1 in the
   theme; HTML_CodeSniffer: WCAG 1.4.3).
5. The site's root, ``index.html``, is a redirect to the first page; sphinx-external-toc
   writes it as a lone ``<meta>`` (no doctype, no title: invalid HTML). It is written here
   first, as a valid page with a link for browsers that do not follow the redirect.
6. A page without a title (the generated index) gets one for its print-only ``<h1>``, which
   the theme otherwise leaves empty (HTML_CodeSniffer: H42.2, empty heading).

Each rewrite is counted (``patch_check.py``): one whose target appears in the build but
whose pattern matched nothing logs a warning, so a theme update cannot silently undo it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from patch_check import PatchCheck
from sphinx.application import Sphinx

CSS = "a11y-fixes.css"
_SUMMARY = re.compile(
    r'(<a class="[^"]*\breference internal\b[^"]*"[^>]*>(?P<title>[^<]*)</a>\s*'
    r"<details(?: [^>]*)?>\s*)<summary>"
)
_BIBENTRY = re.compile(r'(<div class="citation"[^>]*?)role="doc-biblioentry"')
_SEARCH_ICON = re.compile(
    r'(<form class="bd-search\b[^"]*"[^>]*>\s*)<i class="fa-solid fa-magnifying-glass"></i>'
)
SEARCH_BUTTON = (
    '<button type="submit" class="bd-search__submit" aria-label="Search" title="Search">'
    '<i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i></button>'
)

CHECK = PatchCheck(
    "a11y_fixes",
    {
        "sidebar-summary-labels": "the sidebar's toggles have no accessible name",
        "bibliography-listitem": "bibliography entries are not list items to a screen reader",
        "search-submit-button": "the search form has no submit button",
    },
)


def _label_summaries(toctree_html: str) -> str:
    def label(m: re.Match) -> str:
        title = html.unescape(m.group("title")).strip()
        name = html.escape(f"Show or hide the pages under {title}", quote=True)
        return f'{m.group(1)}<summary aria-label="{name}">'

    out, n = _SUMMARY.subn(label, toctree_html)
    CHECK.record("sidebar-summary-labels", "<summary>" in toctree_html, n)
    return out


def search_form(block: str) -> str:
    """A block of the theme with its search form's icon made a submit button."""
    text = str(block)
    out, n = _SEARCH_ICON.subn(rf"\1{SEARCH_BUTTON}", text)
    CHECK.record("search-submit-button", '<form class="bd-search' in text, n)
    return Markup(out) if isinstance(block, Markup) else out


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    make_toctree = context.get("generate_toctree_html")
    if make_toctree is not None and not getattr(make_toctree, "_a11y", False):

        def labelled(*args: Any, **kwargs: Any) -> str:
            return Markup(_label_summaries(str(make_toctree(*args, **kwargs))))

        labelled._a11y = True  # type: ignore[attr-defined]
        context["generate_toctree_html"] = labelled
    if not context.get("pagetitle"):
        context["pagetitle"] = context.get("title") or context.get("docstitle") or ""
    if "body" in context:
        body = context["body"]
        context["body"], n = _BIBENTRY.subn(r'\1role="listitem"', body)
        CHECK.record("bibliography-listitem", 'role="doc-biblioentry"' in body, n)


ROOT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={url}">
<link rel="canonical" href="{url}">
</head>
<body>
<p><a href="{url}">{title}</a></p>
</body>
</html>
"""


def _root_page(app: Sphinx, exception: Exception | None) -> None:
    """Write ``index.html`` as a valid redirect page to the first page (see 5. above)."""
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    url = app.builder.get_target_uri(app.config.root_doc)
    title = html.escape(str(app.config.html_title or app.config.project), quote=True)
    lang = app.config.language or "en"
    page = ROOT_PAGE.format(lang=lang, title=title, url=html.escape(url, quote=True))
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def _add_filter(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:
        environment.filters["a11y_search_form"] = search_form


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _add_filter)
    app.connect("html-page-context", _page_context, priority=600)
    CHECK.connect(app)
    # Before sphinx-external-toc's handler (priority 500), which writes no index.html if one
    # exists.
    app.connect("build-finished", _root_page, priority=400)
    app.add_css_file(CSS)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
