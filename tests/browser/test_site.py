"""The built site in Chromium: every page of `_toc.yml`, its navigation, launch links, search
and accessibility (axe-core).

The book is built once per module (so once per xdist worker that runs it: `--dist loadfile`
keeps this module on one) with the README's flags into a temporary folder, and served on
127.0.0.1. Each page is loaded once in a fresh browser context; the tests of that page then
read what the visit recorded. Every request to another host is aborted and fails a test.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urldefrag, urlsplit

import pytest
import yaml

from ._support import (
    AXE_JS,
    Build,
    StaticServer,
    Traffic,
    binder_url,
    build_book,
    guarded_context,
    http_status,
    is_notebook,
    jupyterhub_query,
    load_config,
    markdown_text,
    source_of,
    toc_files,
    watch_page,
    words,
)

pytestmark = pytest.mark.browser

CONFIG = load_config()
PAGES = toc_files()
NOTEBOOK_PAGES = [f for f in PAGES if is_notebook(f)]
LESSONS = [f for f in PAGES if re.fullmatch(r"book/\d\d_\w+", f)]
#: Searches a reader would make, and the page each must find (beside one word per lesson).
KNOWN_SEARCHES = [("Zhanaozen", "book/01_what_happened")]
HUB = "https://hub.example.edu"
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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    build = build_book(tmp_path_factory.mktemp("site"))
    if not (build.html / "index.html").exists():
        pytest.fail(f"the book did not build (exit {build.returncode}):\n{build.log[-3000:]}")
    with StaticServer(build.html) as server:
        yield Site(build, server)


@pytest.fixture(scope="module", params=PAGES)
def visit(request: pytest.FixtureRequest, site: Site, browser: Any) -> Iterator[Visit]:
    file = request.param
    context, traffic = guarded_context(browser, site.server.origin, viewport=VIEWPORT)
    try:
        page = watch_page(context.new_page(), traffic)
        url = site.url(file)
        response = page.goto(url, wait_until="networkidle")
        # Widget views render after load; give late scripts a moment to fail loudly.
        page.wait_for_timeout(200)
        yield Visit(file, url, response.status if response else None, traffic, page, context)
    finally:
        context.close()


def _strip(url: str) -> str:
    return urldefrag(url)[0].split("?", 1)[0]


def _links(page: Any, selector: str) -> list[str]:
    """Absolute hrefs of the links matching `selector`."""
    return page.eval_on_selector_all(selector, "els => els.map(a => a.href)")


@cache
def _status(url: str) -> int:
    return http_status(url)


# --------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------


def test_the_book_builds_without_warnings(site: Site) -> None:
    """The README's build command (-W -n --keep-going) passes; the warnings say why not."""
    warnings = "\n".join(site.build.warnings()[:40])
    assert site.build.returncode == 0, (
        f"jupyter-book build -W -n --keep-going exited {site.build.returncode}:\n{warnings}"
    )


def test_the_site_root_opens_the_first_page(site: Site, browser: Any) -> None:
    context, traffic = guarded_context(browser, site.server.origin)
    try:
        page = watch_page(context.new_page(), traffic)
        page.goto(site.server.url("index.html"), wait_until="networkidle")
        page.wait_for_url(re.compile(re.escape(site.url(PAGES[0]))), timeout=10_000)
        assert not traffic.foreign, traffic.foreign
    finally:
        context.close()


# --------------------------------------------------------------------------------------
# Every page of the table of contents
# --------------------------------------------------------------------------------------


def test_page_loads(visit: Visit) -> None:
    assert source_of(visit.file) is not None, f"{visit.file} is in _toc.yml but has no source"
    assert visit.status == 200, f"{visit.url} answered {visit.status}"
    title = visit.page.locator("main h1").first.inner_text(timeout=5_000).strip()
    assert title, f"{visit.file} has no visible title"


def test_no_console_errors(visit: Visit) -> None:
    errors = visit.traffic.console_errors + [f"uncaught: {e}" for e in visit.traffic.page_errors]
    assert not errors, f"{visit.file}: errors in the console:\n" + "\n".join(errors)


def test_no_failed_request_to_the_site(visit: Visit) -> None:
    problems = visit.traffic.failed + visit.traffic.bad_status
    assert not problems, f"{visit.file}: failed requests:\n" + "\n".join(problems)


def test_no_request_leaves_the_site(visit: Visit) -> None:
    """Every script, style sheet, font and image comes from the site itself."""
    assert visit.traffic.requests, "no request was recorded at all: the recorder is broken"
    assert not visit.traffic.foreign, (
        f"{visit.file} asked other hosts (blocked here, so it is broken offline and tells "
        "third parties who reads it):\n" + "\n".join(visit.traffic.foreign)
    )


def test_every_image_has_alt_text(visit: Visit) -> None:
    missing = visit.page.eval_on_selector_all(
        "img",
        """imgs => imgs.filter(i => !(i.getAttribute('alt') || '').trim())
                      .map(i => i.outerHTML.slice(0, 160))""",
    )
    assert not missing, f"{visit.file}: images without alt text:\n" + "\n".join(missing)


def test_sidebar_links_every_page_and_each_resolves(visit: Visit, site: Site) -> None:
    links = {_strip(u) for u in _links(visit.page, "nav.bd-docs-nav a[href]")}
    wanted = {site.url(f) for f in PAGES}
    missing = sorted(wanted - links)
    assert not missing, f"{visit.file}: the sidebar lacks links to:\n" + "\n".join(missing)
    local = sorted(u for u in links if u.startswith(site.server.origin))
    broken = [f"{_status(u)} {u}" for u in local if _status(u) != 200]
    assert not broken, f"{visit.file}: sidebar links that do not resolve:\n" + "\n".join(broken)


def test_previous_and_next_follow_the_toc(visit: Visit, site: Site) -> None:
    i = PAGES.index(visit.file)
    prev = [_strip(u) for u in _links(visit.page, ".prev-next-area a.left-prev")]
    nxt = [_strip(u) for u in _links(visit.page, ".prev-next-area a.right-next")]
    assert prev == ([site.url(PAGES[i - 1])] if i > 0 else []), f"{visit.file}: previous {prev}"
    assert nxt == ([site.url(PAGES[i + 1])] if i + 1 < len(PAGES) else []), (
        f"{visit.file}: next {nxt}"
    )


def test_launch_buttons(visit: Visit) -> None:
    """Notebook pages open on Binder (the rocket menu); other pages have no launch link."""
    binder = _links(visit.page, 'a[href*="/v2/gh/"]')
    hub = _links(visit.page, 'a[href*="/hub/user-redirect/git-pull"]')
    if not is_notebook(visit.file):
        assert not binder and not hub, f"{visit.file} is not a notebook but has {binder + hub}"
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


def _axe(visit: Visit) -> list[dict]:
    if "axe" not in visit.cache:
        visit.page.add_script_tag(path=str(AXE_JS))
        visit.cache["axe"] = visit.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
    return visit.cache["axe"]


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl'].split('?')[0]}]")
        for node in v["nodes"][:8]:
            target = " ".join(" > ".join(t) if isinstance(t, list) else t for t in node["target"])
            lines.append(f"    {target}: {node['html'][:160]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def test_no_serious_accessibility_violations(visit: Visit) -> None:
    serious = [v for v in _axe(visit) if v["impact"] in SERIOUS]
    assert not serious, f"{visit.file}: axe-core found:\n{_describe(serious)}"


# --------------------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------------------


@cache
def _page_words() -> dict[str, Counter]:
    out = {}
    for f in PAGES:
        src = source_of(f)
        out[f] = Counter(w.lower() for w in words(markdown_text(src))) if src else Counter()
    return out


def _distinctive_word(file: str) -> str | None:
    """The most frequent long word of a page's prose that no other page's prose uses."""
    counts = _page_words()
    others = set().union(*(set(c) for f, c in counts.items() if f != file))
    mine = [(n, w) for w, n in counts[file].items() if w not in others]
    return min(mine, key=lambda nw: (-nw[0], nw[1]))[1] if mine else None


def _searches() -> list[Any]:
    cases = [pytest.param(w, f, id=f"{w}->{f}") for w, f in KNOWN_SEARCHES if f in PAGES]
    for f in LESSONS:
        cases.append(pytest.param(None, f, id=f"distinctive-word->{f}"))
    return cases


@pytest.mark.parametrize(("word", "file"), _searches())
def test_search_finds_the_lesson(word: str | None, file: str, site: Site, browser: Any) -> None:
    if word is None:
        assert source_of(file) is not None, f"{file} is in _toc.yml but has no source"
        word = _distinctive_word(file)
        assert word, f"{file}: its prose has no word of 7+ letters that other pages lack"
    context, traffic = guarded_context(browser, site.server.origin)
    try:
        page = watch_page(context.new_page(), traffic)
        page.goto(site.server.url(f"search.html?q={word}"), wait_until="networkidle")
        page.wait_for_function(
            "() => /Search finished/i.test("
            "(document.querySelector('#search-results .search-summary') || {}).textContent || '')",
            timeout=20_000,
        )
        found = {_strip(u) for u in _links(page, "#search-results ul.search li a")}
        assert site.url(file) in found, f"searching {word!r} did not list {file}: {sorted(found)}"
        assert not traffic.console_errors and not traffic.page_errors, traffic.console_errors
        assert not traffic.foreign, traffic.foreign
    finally:
        context.close()


# --------------------------------------------------------------------------------------
# The JupyterHub button, once an instructor sets `launch_buttons.jupyterhub_url`
# --------------------------------------------------------------------------------------


def test_jupyterhub_button_when_a_hub_is_set(
    tmp_path_factory: pytest.TempPathFactory, browser: Any
) -> None:
    assert NOTEBOOK_PAGES, "no notebook page of _toc.yml exists yet"
    file = NOTEBOOK_PAGES[0]
    tmp = tmp_path_factory.mktemp("hub-site")
    config = load_config()
    config["launch_buttons"]["jupyterhub_url"] = HUB
    (tmp / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    toc = {"format": "jb-book", "root": PAGES[0], "chapters": [{"file": file}]}
    (tmp / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    # Two pages only: the subset makes cross-references dangle, so no -W here.
    build = build_book(
        tmp / "out", flags=("--keep-going",), config=tmp / "_config.yml", toc=tmp / "_toc.yml"
    )
    page_path = build.html / f"{file}.html"
    assert page_path.exists(), f"the two-page build failed:\n{build.log[-3000:]}"
    with StaticServer(build.html) as server:
        context, traffic = guarded_context(browser, server.origin, viewport=VIEWPORT)
        try:
            page = watch_page(context.new_page(), traffic)
            page.goto(server.url(f"{file}.html"), wait_until="networkidle")
            page.locator(".dropdown-launch-buttons button").first.click()
            link = page.locator('a[href*="/hub/user-redirect/git-pull"]').first
            link.wait_for(state="visible", timeout=5_000)
            href = link.get_attribute("href") or ""
            assert href.startswith(f"{HUB}/hub/user-redirect/git-pull?"), href
            query = {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}
            assert query == jupyterhub_query(config, file), href
            assert not traffic.foreign, traffic.foreign
        finally:
            context.close()


def test_axe_is_vendored_with_its_licence() -> None:
    folder = Path(AXE_JS).parent
    assert AXE_JS.read_text(encoding="utf-8")[:40].startswith("/*! axe v4."), "not axe-core 4.x"
    assert "Mozilla Public License" in (folder / "LICENSE").read_text(encoding="utf-8")
