"""Fixtures of the browser tests: Chromium, a guarded browser context, failure screenshots.

When Chromium is missing, every test marked ``browser`` is skipped with the command that
installs it, unless ``CSTO_REQUIRE_BROWSER=1`` (CI sets it): then they fail with that message.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ._support import CHROMIUM_ARGS, artifact_path, browser_problem, browser_required, chromium_path


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("browser") is None:
        return
    problem = browser_problem()
    if problem is None:
        return
    if browser_required():
        pytest.fail(f"{problem} (CSTO_REQUIRE_BROWSER is set, so this is a failure)", False)
    pytest.skip(problem)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    """Keep each phase's report on the item, and screenshot the page of a failed test."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    if report.failed and report.when in ("setup", "call"):
        page = _page_of(item)
        if page is not None:
            path = artifact_path(item.nodeid)
            try:
                page.screenshot(path=str(path), full_page=True)
                report.sections.append(("screenshot", str(path)))
            except Exception as exc:  # noqa: BLE001 - a screenshot must not hide the failure
                report.sections.append(("screenshot", f"could not be taken: {exc}"))
    return report


def _page_of(item: pytest.Item) -> Any:
    """The Playwright page a test worked on: a fixture value with a `.page` or a page itself."""
    for value in getattr(item, "funcargs", {}).values():
        page = getattr(value, "page", None)
        if page is not None and hasattr(page, "screenshot") and not page.is_closed():
            return page
        if hasattr(value, "screenshot") and hasattr(value, "is_closed") and not value.is_closed():
            return value
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium (one per xdist worker)."""
    problem = browser_problem()
    if problem is not None:  # reached only when a test forgot the marker
        if browser_required():
            pytest.fail(problem, False)
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
