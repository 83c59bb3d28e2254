"""The built site in Chromium (2 of 2): search, and the pages ``test_site.py`` leaves out
(2, 4, 6, … of `_toc.yml`). Same build as ``test_site.py`` (shared, see ``_site.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ._site import (
    LESSONS,
    PAGES,
    PageChecks,
    Site,
    Visit,
    describe_htmlcs,
    distinctive_word,
    htmlcs,
    links,
    site_fixture,
    strip,
    visit_fixture,
)
from ._support import guarded_context, source_of, watch_page

pytestmark = pytest.mark.browser

#: Searches a reader would make, and the page each must find (beside one word per lesson).
KNOWN_SEARCHES = [("Zhanaozen", "book/01_what_happened")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from site_fixture(tmp_path_factory)


@pytest.fixture(scope="module", params=PAGES[1::2])
def visit(request: pytest.FixtureRequest, site: Site, browser: Any) -> Iterator[Any]:
    yield from visit_fixture(request, site, browser)


class TestPage(PageChecks):
    """Pages 2, 4, 6, … of the table of contents."""


def _searches() -> list[Any]:
    cases = [pytest.param(w, f, id=f"{w}->{f}") for w, f in KNOWN_SEARCHES if f in PAGES]
    cases += [pytest.param(None, f, id=f"distinctive-word->{f}") for f in LESSONS]
    return cases


@pytest.mark.parametrize(("word", "file"), _searches())
def test_search_finds_the_lesson(word: str | None, file: str, site: Site, browser: Any) -> None:
    """search.html?q=<word> lists the lesson; without a given word, one only it uses."""
    if word is None:
        assert source_of(file) is not None, f"{file} is in _toc.yml but has no source"
        word = distinctive_word(file)
        assert word, f"{file}: its prose has no word of 7+ letters that other pages lack"
    context, traffic = guarded_context(browser, site.server.origin)
    try:
        page = watch_page(context.new_page(), traffic)
        page.goto(site.server.url(f"search.html?q={word}"), wait_until="networkidle")
        try:
            page.wait_for_function(
                "() => /Search finished/i.test("
                "(document.querySelector('#search-results .search-summary') || {}).textContent"
                " || '')",
                timeout=15_000,
            )
        except Exception as exc:  # noqa: BLE001 - say why, not just "timeout"
            pytest.fail(
                f"the search for {word!r} never finished ({type(exc).__name__}); page errors: "
                f"{traffic.page_errors}; console errors: {traffic.console_errors}; failed: "
                f"{traffic.failed + traffic.bad_status}"
            )
        found = {strip(u) for u in links(page, "#search-results ul.search li a")}
        assert site.url(file) in found, f"searching {word!r} did not list {file}: {sorted(found)}"
        assert not traffic.foreign, traffic.foreign
    finally:
        context.close()


@pytest.mark.parametrize("path", ["search.html?q=Zhanaozen", "genindex.html"])
def test_generated_pages_pass_html_codesniffer(path: str, site: Site, browser: Any) -> None:
    """The search page (with its results) and the generated index: no WCAG2AA error either."""
    context, traffic = guarded_context(browser, site.server.origin)
    try:
        page = watch_page(context.new_page(), traffic)
        response = page.goto(site.server.url(path), wait_until="networkidle")
        if path.startswith("search"):
            page.wait_for_selector("#search-results .search-summary", timeout=15_000)
        visit = Visit(path, page.url, response.status if response else None, traffic, page, context)
        errors = htmlcs(visit)
        assert not errors, f"{path}: HTML_CodeSniffer (WCAG2AA) found:\n{describe_htmlcs(errors)}"
    finally:
        context.close()
