"""The built site in Chromium (1 of 2): the build, the site root, the JupyterHub button, and
every other page of `_toc.yml` (the rest are in ``test_site_more_pages.py``, which another
xdist worker runs with the same build). See ``_site.py`` for how pages are visited."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from ._site import NOTEBOOK_PAGES, PAGES, VIEWPORT, PageChecks, Site, site_fixture, visit_fixture
from ._support import (
    AXE_JS,
    HTMLCS_JS,
    ROOT,
    StaticServer,
    browser_required,
    build_book,
    guarded_context,
    jupyterhub_query,
    load_config,
    vnu_command,
    watch_page,
)

pytestmark = pytest.mark.browser

HUB = "https://hub.example.edu"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from site_fixture(tmp_path_factory)


@pytest.fixture(scope="module", params=PAGES[0::2])
def visit(request: pytest.FixtureRequest, site: Site, browser: Any) -> Iterator[Any]:
    yield from visit_fixture(request, site, browser)


class TestPage(PageChecks):
    """Pages 1, 3, 5, … of the table of contents."""


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


def _hub_config(tmp: Path) -> dict:
    """The course's configuration with a hub set, its relative paths made absolute."""
    config = load_config()
    config["launch_buttons"]["jupyterhub_url"] = HUB
    sphinx = config.setdefault("sphinx", {})
    for name, folder in (sphinx.get("local_extensions") or {}).items():
        sphinx["local_extensions"][name] = str((ROOT / folder).resolve())
    (tmp / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return config


def test_jupyterhub_button_when_a_hub_is_set(
    tmp_path_factory: pytest.TempPathFactory, browser: Any
) -> None:
    """With `launch_buttons.jupyterhub_url` set, a notebook page offers an nbgitpuller link."""
    assert NOTEBOOK_PAGES, "no notebook page of _toc.yml exists yet"
    file = NOTEBOOK_PAGES[0]
    tmp = tmp_path_factory.mktemp("hub-site")
    config = _hub_config(tmp)
    toc = {"format": "jb-book", "root": PAGES[0], "chapters": [{"file": file}]}
    (tmp / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    # Two pages only: the subset leaves cross-references dangling, so no -W here.
    build = build_book(
        tmp / "out", flags=("--keep-going",), config=tmp / "_config.yml", toc=tmp / "_toc.yml"
    )
    page_file = build.html / f"{file}.html"
    assert page_file.exists(), f"the two-page build failed:\n{build.log[-3000:]}"
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


def test_html_codesniffer_is_vendored_with_its_licence() -> None:
    assert HTMLCS_JS.read_text(encoding="utf-8").startswith("/*! html_codesniffer - v2.5.1")
    licence = (HTMLCS_JS.parent / "licence.txt").read_text(encoding="utf-8")
    assert "Squiz Pty Ltd" in licence and "Redistribution and use" in licence


#: Pages the Nu Html Checker skips: Sphinx's generated index and the search page.
NOT_VALIDATED = {"genindex.html", "search.html"}


def test_every_page_is_valid_html(site: Site) -> None:
    """The Nu Html Checker (vnu, --errors-only) finds no error in any page of the site."""
    command, why = vnu_command()
    if command is None:
        if browser_required():
            pytest.fail(f"{why} (CSTO_REQUIRE_BROWSER is set, so this is a failure)", False)
        pytest.skip(why)
    html = site.build.html
    pages = sorted(
        p
        for p in html.rglob("*.html")
        if p.relative_to(html).parts[0] not in ("_static", "_sources", "_images")
        and p.relative_to(html).as_posix() not in NOT_VALIDATED
    )
    assert len(pages) >= len(PAGES), f"only {len(pages)} pages in {html}"
    run = subprocess.run(
        [*command, "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(run.stderr or run.stdout or "{}").get("messages", [])
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    assert run.returncode == 0 or errors, f"vnu exited {run.returncode}:\n{run.stderr[-2000:]}"
    lines = [
        f"- {Path(m.get('url', '')).relative_to(html) if m.get('url') else '?'}"
        f":{m.get('lastLine', '?')}: {m.get('message', '')[:200]}"
        for m in errors[:40]
    ]
    assert not errors, f"{len(errors)} HTML errors (vnu --errors-only):\n" + "\n".join(lines)
