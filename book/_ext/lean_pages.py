"""Lighter pages for the course site: drop what a page does not use, defer what can wait.

A local Sphinx extension (registered in ``_config.yml`` under ``sphinx.local_extensions``).
Measured with ``python benchmarks/run.py`` (see ``benchmarks/README.md``); on this site it
takes a page without widgets from about 1 MB to about 0.15 MB on the wire. What it does:

1. **No Font Awesome script.** pydata-sphinx-theme loads ``scripts/fontawesome.js`` (1.5 MB,
   about 540 KB gzipped) on every page, only to turn the few ``<i class="fa-…">`` icons into
   inline SVG. The template ``lean_pages_templates/layout.html`` filters that ``<script>`` out
   of the theme's ``<head>``, and ``book/_static/lean-icons.css`` draws the icons the pages
   show (the header buttons, the sidebar toggles, the previous/next arrows, admonition
   titles, GitHub links) with small inline SVG masks. That CSS also stops the theme's icon
   fonts (about 275 KB) from being downloaded: an icon the CSS does not cover still shows,
   from the theme's web font, which is then downloaded (the benchmark's "fonts" column
   shows it).
2. **No search index on every page.** The theme loads ``searchtools.js``,
   ``language_data.js`` and ``searchindex.js`` (render-blocking) on every page for its
   search-as-you-type feature. When ``search_as_you_type`` is off (the theme's default, and
   this site's setting), the search dialog just opens ``search.html``, which loads them
   itself, so other pages drop them.
3. **Scripts deferred.** Every script file in ``<head>`` gets ``defer`` (they all wait for
   the page to be parsed anyway), so the browser paints the text before it runs them. They
   keep their order. Left as they are: ``documentation_options.js``, which inline scripts
   use at once, scripts already ``async``/``defer``, and every script of ``search.html``
   (its search scripts, which the theme writes into the page, need ``doctools.js`` first).
4. **Figures: sized and loaded when near.** Each ``<img>`` in a page's body whose file is a
   raster image gets its ``width`` and ``height`` (read from the file; ``height: auto`` keeps
   the shape on a narrow screen), so the page does not jump as figures arrive, and
   ``loading="lazy"``, so a figure far down a lesson loads as the reader scrolls towards it,
   not before the text is shown.
6. **No Thebe when Thebe is off.** sphinx-thebe adds its script, style sheet and an inline
   configuration (twice, which raises a JavaScript error) to every page even when the
   launch buttons have no live-code button (``launch_buttons.thebe: false``). They are
   dropped then; with Thebe on, only the duplicate is dropped.

Each rewrite of the theme's ``<head>`` is counted (``patch_check.py``): if the theme stops
writing what a pattern removes in the form it expects, the build warns.

Nothing here changes a page's content, links or navigation. To undo it, remove
``lean_pages`` from ``sphinx.local_extensions`` in ``_config.yml``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from patch_check import PatchCheck
from sphinx.application import Sphinx
from sphinx.util import logging

__version__ = "1.0"
logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).with_name("lean_pages_templates")
ICON_CSS = "lean-icons.css"

_FONTAWESOME = re.compile(
    r"\s*<script\b[^>]*\bsrc=\"[^\"]*/fontawesome\.js[^\"]*\"[^>]*>\s*</script>"
)
_SEARCH = re.compile(
    r"\s*<script\b[^>]*\bsrc=\"[^\"]*(?:searchtools\.js|language_data\.js|searchindex\.js)"
    r"[^\"]*\"[^>]*>\s*</script>"
)
#: Script files that must run as soon as they are parsed (inline scripts use them at once).
KEEP_BLOCKING = ("documentation_options.js",)
THEBE_FILES = ("sphinx-thebe.js", "sphinx-thebe.css")

CHECK = PatchCheck(
    "lean_pages",
    {
        "fontawesome-script": "every page loads the 1.5 MB Font Awesome script again",
        "search-scripts": "every page loads the search index and its scripts again",
    },
)


def _thebe_on(context: dict[str, Any]) -> bool:
    buttons = context.get("theme_launch_buttons") or {}
    return bool(isinstance(buttons, dict) and buttons.get("thebe"))


@pass_context
def lean_head(context: Any, html: str) -> str:
    """Filter a ``<head>`` block of the theme: drop the Font Awesome script, and the search
    scripts when search-as-you-type is off (``search.html`` never gets them from this block)."""
    text = str(html)
    out, removed = _FONTAWESOME.subn("", text)
    CHECK.record("fontawesome-script", "fontawesome.js" in text, removed)
    search_as_you_type = str(context.get("theme_search_as_you_type", "")).lower() == "true"
    if not search_as_you_type:
        out, n = _SEARCH.subn("", out)
        CHECK.record("search-scripts", "searchtools.js" in text, n)
    return type(html)(out) if removed or out != html else html


def _lean_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Defer script files, drop Thebe's files when it is off, drop duplicate inline scripts."""
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    thebe = _thebe_on(context)
    # The search page loads Sphinx's search scripts itself, in the body and not deferred; they
    # need doctools.js first, so nothing is deferred there.
    defer = pagename != "search"
    seen_bodies: set[str] = set()
    kept = []
    for js in scripts:
        filename = str(getattr(js, "filename", "") or "")
        attrs = dict(getattr(js, "attributes", {}) or {})
        body = attrs.get("body")
        if body:
            if body in seen_bodies or (not thebe and "THEBE_JS_URL" in body):
                continue  # an exact duplicate would only redeclare (and throw); Thebe is off
            seen_bodies.add(body)
            kept.append(js)
            continue
        if not thebe and filename.endswith(THEBE_FILES):
            continue
        if (
            defer
            and filename
            and not filename.endswith(KEEP_BLOCKING)
            and not {"async", "defer"} & set(attrs)
            and attrs.get("type", "text/javascript") in ("text/javascript", "")
        ):
            attrs["defer"] = "defer"
            js = type(js)(js.filename, priority=js.priority, **attrs)
        kept.append(js)
    scripts[:] = kept  # in place: Sphinx restores its own list after each page

    if not thebe:
        styles = context.get("css_files")
        if isinstance(styles, list):
            styles[:] = [
                c for c in styles if not str(getattr(c, "filename", "")).endswith(THEBE_FILES)
            ]


_IMG = re.compile(r'<img (?![^>]*\bloading=)([^>]*?)src="([^"]+)"([^>]*?)\s*/?>')


def _image_sizes(app: Sphinx) -> dict[str, tuple[int, int] | None]:
    """Output file name → (width, height) of every raster image the builder copies.

    Kept on the builder and filled as pages add images, so each file is read once a build.
    """
    from PIL import Image  # matplotlib's dependency: always there when the book builds

    sizes: dict[str, tuple[int, int] | None] = app.builder.__dict__.setdefault(
        "_lean_image_sizes", {}
    )
    for source, name in getattr(app.builder, "images", {}).items():
        if name in sizes:
            continue
        try:
            with Image.open(Path(app.srcdir, source)) as image:
                sizes[name] = image.size
        except OSError:  # an SVG or a file Pillow cannot read: left as it is
            sizes[name] = None
    return sizes


def _lazy_images(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give each figure in the body its size and ``loading="lazy"``."""
    body = context.get("body")
    if not isinstance(body, str) or "<img " not in body:
        return
    sizes = _image_sizes(app)

    def sized(match: re.Match[str]) -> str:
        before, src, after = match.groups()
        size = sizes.get(src.rsplit("/", 1)[-1])
        if size is None or re.search(r"\b(width|height)=", before + after):
            return match.group(0)
        width, height = size
        return (
            f'<img {before}src="{src}"{after} width="{width}" height="{height}" '
            'style="height: auto" loading="lazy" decoding="async" />'
        )

    context["body"] = _IMG.sub(sized, body)


def _add_filter(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        environment.filters["lean_head"] = lean_head
        # layout.html also applies a11y_fixes' search-form filter: unchanged without a11y_fixes.
        environment.filters.setdefault("a11y_search_form", lambda block: block)


def _add_templates(app: Sphinx, config: Any) -> None:
    path = str(TEMPLATES)
    if path not in config.templates_path:
        config.templates_path.insert(0, path)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _add_filter)
    # Late, so that the scripts other extensions add for this page are there to be deferred.
    app.connect("html-page-context", _lean_assets, priority=900)
    app.connect("html-page-context", _lazy_images)
    app.add_css_file(ICON_CSS)
    CHECK.connect(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": False}
