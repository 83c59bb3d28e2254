"""The site under test: one build shared by the test modules, a static server, page visits,
and the checks every page of `_toc.yml` gets (used by ``test_site.py`` and
``test_site_more_pages.py``, which split the pages between the two xdist workers).

The book is built once per test run with the README's flags (`-W -n --keep-going`) into a
temporary folder: under pytest-xdist the workers share that folder, and a file lock lets the
first one build while the other waits. Each worker serves the html folder on 127.0.0.1 from a
thread. Each page is loaded once, in a fresh browser context that aborts (and records) every
request to another host; the tests of that page then read what the visit recorded.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import pytest

from ._support import (
    AXE_JS,
    HTMLCS_JS,
    Build,
    StaticServer,
    Traffic,
    binder_url,
    build_book,
    guarded_context,
    http_status,
    is_notebook,
    load_config,
    markdown_text,
    source_of,
    toc_files,
    watch_page,
    words,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: each worker builds its own copy
    fcntl = None  # type: ignore[assignment]

CONFIG = load_config()
PAGES = toc_files()
NOTEBOOK_PAGES = [f for f in PAGES if is_notebook(f)]
LESSONS = [f for f in PAGES if re.fullmatch(r"book/\d\d_\w+", f)]
VIEWPORT = {"width": 1280, "height": 900}
SERIOUS = ("serious", "critical")


@dataclass
class Site:
    build: Build
    server: StaticServer

    def url(self, file: str) -> str:
        return self.server.url(f"{file}.html")


@dataclass
class Visit:
    """One page loaded in its own context, and all it did."""

    file: str
    url: str
    status: int | None
    traffic: Traffic
    page: Any
    context: Any
    cache: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------------------
# Building once, serving per worker
# --------------------------------------------------------------------------------------


def _build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder shared by the xdist workers of this run (or this session's own)."""
    base = tmp_path_factory.getbasetemp()
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if os.environ.get("PYTEST_XDIST_WORKER") and run and fcntl is not None:
        return base.parent / f"site-{run[:16]}"
    return base / "site"


def shared_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the book once for the whole run; later callers reuse the result."""
    folder = _build_dir(tmp_path_factory)
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "build.json"
    with open(folder / "build.lock", "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if record.exists():
            data = json.loads(record.read_text(encoding="utf-8"))
            return Build(data["returncode"], data["log"], Path(data["html"]), data["seconds"])
        build = build_book(folder / "out")
        record.write_text(
            json.dumps(
                {
                    "returncode": build.returncode,
                    "log": build.log,
                    "html": str(build.html),
                    "seconds": build.seconds,
                }
            ),
            encoding="utf-8",
        )
        return build


def site_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    build = shared_build(tmp_path_factory)
    if not (build.html / "index.html").exists():
        pytest.fail(f"the book did not build (exit {build.returncode}):\n{build.log[-3000:]}")
    with StaticServer(build.html) as server:
        yield Site(build, server)


def visit_fixture(request: pytest.FixtureRequest, site: Site, browser: Any) -> Iterator[Visit]:
    file = request.param
    context, traffic = guarded_context(browser, site.server.origin, viewport=VIEWPORT)
    try:
        page = watch_page(context.new_page(), traffic)
        url = site.url(file)
        response = page.goto(url, wait_until="networkidle")
        yield Visit(file, url, response.status if response else None, traffic, page, context)
    finally:
        context.close()


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def strip(url: str) -> str:
    return urldefrag(url)[0].split("?", 1)[0]


def links(page: Any, selector: str) -> list[str]:
    """Absolute hrefs of the links matching `selector`."""
    return page.eval_on_selector_all(selector, "els => els.map(a => a.href)")


@cache
def status(url: str) -> int:
    return http_status(url)


def axe(visit: Visit) -> list[dict]:
    """axe-core's violations on the page (run once per visit)."""
    if "axe" not in visit.cache:
        visit.page.add_script_tag(path=str(AXE_JS))
        visit.cache["axe"] = visit.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
    return visit.cache["axe"]


#: Runs HTML_CodeSniffer on the page and resolves to its errors (not warnings or notices).
_HTMLCS_RUN = """
() => new Promise((resolve, reject) => {
  HTMLCS.process('WCAG2AA', document, () => {
    resolve(HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m => ({
      code: m.code,
      msg: m.msg,
      html: (m.element && m.element.outerHTML ? m.element.outerHTML : String(m.element))
        .slice(0, 160),
    })));
  }, (e) => reject(new Error('HTML_CodeSniffer failed: ' + e)), 'en');
})
"""


def htmlcs(visit: Visit) -> list[dict]:
    """HTML_CodeSniffer's WCAG2AA errors on the page (run once per visit), as pa11y runs it."""
    if "htmlcs" not in visit.cache:
        visit.page.add_script_tag(path=str(HTMLCS_JS))
        visit.cache["htmlcs"] = visit.page.evaluate(_HTMLCS_RUN)
    return visit.cache["htmlcs"]


def describe_htmlcs(errors: list[dict]) -> str:
    lines = []
    for code, group in groupby(sorted(errors, key=lambda e: e["code"]), key=lambda e: e["code"]):
        group = list(group)
        lines.append(f"- {code} ({len(group)}): {group[0]['msg'][:200]}")
        lines += [f"    {e['html']}" for e in group[:5]]
        if len(group) > 5:
            lines.append(f"    … and {len(group) - 5} more")
    return "\n".join(lines)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl'].split('?')[0]}]")
        for node in v["nodes"][:8]:
            target = " ".join(" > ".join(t) if isinstance(t, list) else t for t in node["target"])
            lines.append(f"    {target}: {node['html'][:160]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@cache
def _page_words() -> dict[str, Counter]:
    out = {}
    for f in PAGES:
        src = source_of(f)
        out[f] = Counter(w.lower() for w in words(markdown_text(src))) if src else Counter()
    return out


def distinctive_word(file: str) -> str | None:
    """The most frequent long word of a page's prose that no other page's prose uses."""
    counts = _page_words()
    others = set().union(*(set(c) for f, c in counts.items() if f != file))
    mine = [(n, w) for w, n in counts[file].items() if w not in others]
    return min(mine, key=lambda nw: (-nw[0], nw[1]))[1] if mine else None


# --------------------------------------------------------------------------------------
# The checks of every page
# --------------------------------------------------------------------------------------


class PageChecks:
    """The tests each page of the table of contents gets (the `visit` fixture is one page)."""

    def test_page_loads(self, visit: Visit) -> None:
        assert source_of(visit.file) is not None, f"{visit.file} is in _toc.yml but has no source"
        assert visit.status == 200, f"{visit.url} answered {visit.status}"
        title = visit.page.locator("main h1").first.inner_text(timeout=5_000).strip()
        assert title, f"{visit.file} has no visible title"

    def test_no_console_errors(self, visit: Visit) -> None:
        t = visit.traffic
        errors = t.console_errors + [f"uncaught: {e}" for e in t.page_errors]
        assert not errors, f"{visit.file}: errors in the console:\n" + "\n".join(errors)

    def test_no_failed_request_to_the_site(self, visit: Visit) -> None:
        problems = visit.traffic.failed + visit.traffic.bad_status
        assert not problems, f"{visit.file}: failed requests:\n" + "\n".join(problems)

    def test_no_request_leaves_the_site(self, visit: Visit) -> None:
        """Every script, style sheet, font and image comes from the site itself."""
        assert visit.traffic.requests, "no request was recorded at all: the recorder is broken"
        assert not visit.traffic.foreign, (
            f"{visit.file} asked other hosts (blocked here, so it is broken offline and tells "
            "third parties who reads it):\n" + "\n".join(visit.traffic.foreign)
        )

    def test_every_image_has_alt_text(self, visit: Visit) -> None:
        missing = visit.page.eval_on_selector_all(
            "img",
            """imgs => imgs.filter(i => !(i.getAttribute('alt') || '').trim())
                          .map(i => i.outerHTML.slice(0, 160))""",
        )
        assert not missing, f"{visit.file}: images without alt text:\n" + "\n".join(missing)

    def test_figures_are_sized_and_load_lazily(self, visit: Visit) -> None:
        """Figures keep their shape and take no room before they load (lean_pages)."""
        bad = visit.page.eval_on_selector_all(
            "main img[src*='_images/']",
            """imgs => imgs.filter(i => {
                 const w = +i.getAttribute('width'), h = +i.getAttribute('height');
                 if (!w || !h || i.loading !== 'lazy') return true;
                 const shown = i.clientWidth / i.clientHeight;  // the box, loaded or not
                 const natural = i.naturalWidth && i.naturalWidth / i.naturalHeight;
                 return Math.abs(shown - w / h) > 0.02
                        || (natural && Math.abs(natural - w / h) > 0.001);
               }).map(i => i.outerHTML.slice(0, 200))""",
        )
        assert not bad, f"{visit.file}: figures without size or lazy loading:\n" + "\n".join(bad)

    def test_sidebar_links_every_page_and_each_resolves(self, visit: Visit, site: Site) -> None:
        found = {strip(u) for u in links(visit.page, "nav.bd-docs-nav a[href]")}
        missing = sorted({site.url(f) for f in PAGES} - found)
        assert not missing, f"{visit.file}: the sidebar lacks links to:\n" + "\n".join(missing)
        local = sorted(u for u in found if u.startswith(site.server.origin))
        broken = [f"{status(u)} {u}" for u in local if status(u) != 200]
        assert not broken, f"{visit.file}: sidebar links that do not resolve:\n" + "\n".join(broken)

    def test_previous_and_next_follow_the_toc(self, visit: Visit, site: Site) -> None:
        i = PAGES.index(visit.file)
        prev = [strip(u) for u in links(visit.page, ".prev-next-area a.left-prev")]
        nxt = [strip(u) for u in links(visit.page, ".prev-next-area a.right-next")]
        assert prev == ([site.url(PAGES[i - 1])] if i > 0 else []), f"{visit.file}: prev {prev}"
        assert nxt == ([site.url(PAGES[i + 1])] if i + 1 < len(PAGES) else []), (
            f"{visit.file}: next {nxt}"
        )

    def test_launch_buttons(self, visit: Visit) -> None:
        """Notebook pages open on Binder (the rocket menu); other pages have no launch link."""
        binder = links(visit.page, 'a[href*="/v2/gh/"]')
        hub = links(visit.page, 'a[href*="/hub/user-redirect/git-pull"]')
        if not is_notebook(visit.file):
            assert not binder and not hub, f"{visit.file} is no notebook but has {binder + hub}"
            return
        assert binder == [binder_url(CONFIG, visit.file)], f"{visit.file}: Binder links {binder}"
        if not CONFIG["launch_buttons"].get("jupyterhub_url"):
            assert not hub, f"no jupyterhub_url is set, yet the page links to {hub}"
        # A reader gets there through the launch menu: open it and see the link.
        visit.page.locator(".dropdown-launch-buttons button").first.click()
        link = visit.page.locator(f'a[href="{binder[0]}"]')
        link.wait_for(state="visible", timeout=5_000)
        assert "binder" in (link.inner_text() + (link.get_attribute("title") or "")).lower()
        assert not visit.traffic.foreign, "opening the launch menu requested another host"

    def test_no_serious_accessibility_violations(self, visit: Visit) -> None:
        serious = [v for v in axe(visit) if v["impact"] in SERIOUS]
        assert not serious, f"{visit.file}: axe-core found:\n{describe(serious)}"

    def test_no_wcag2aa_errors_from_html_codesniffer(self, visit: Visit) -> None:
        """A second checker beside axe-core: HTML_CodeSniffer (what pa11y runs), WCAG2AA."""
        errors = htmlcs(visit)
        assert not errors, f"{visit.file}: HTML_CodeSniffer (WCAG2AA) found:\n" + (
            describe_htmlcs(errors)
        )
