"""The site's theme patches (book/_ext): they still match what the installed theme writes,
and a patch that matches nothing warns instead of silently doing nothing."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pydata_sphinx_theme
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import a11y_fixes  # noqa: E402
import patch_check  # noqa: E402

THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"


def test_the_search_form_patch_matches_the_installed_theme() -> None:
    """The theme's own search-field template, patched: its icon is a named submit button."""
    template = (THEME / "components" / "search-field.html").read_text(encoding="utf-8")
    patched = a11y_fixes.search_form(template)
    assert patched != template, "the theme's search form no longer matches the pattern"
    form = re.search(r"<form\b.*?</form>", patched, re.S).group(0)
    assert form.count('<button type="submit"') == 1
    assert 'aria-label="Search"' in form


def test_a_patch_that_matched_nothing_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    check = patch_check.PatchCheck("demo", {"p": "what is lost", "q": "other"})
    check.record("p", True, 0)  # its target was there, the pattern missed it
    check.record("q", False, 0)  # its target is on no page: nothing to fix, no warning
    said: list[str] = []
    monkeypatch.setattr(patch_check.logger, "warning", lambda msg, *a, **k: said.append(msg % a))
    app = SimpleNamespace(builder=SimpleNamespace(format="html"))
    check.report(app, None)  # type: ignore[arg-type]
    assert len(said) == 1 and "'p'" in said[0] and "what is lost" in said[0]
    check.record("p", True, 2)
    check.report(app, None)  # type: ignore[arg-type]
    assert len(said) == 1, "a patch that matched still warned"
    with pytest.raises(KeyError):
        check.record("unknown", True, 1)


@pytest.mark.slow
def test_a_one_page_build_applies_every_patch(tmp_path: Path) -> None:
    """Build one lesson with the course's configuration: no patch reports matching nothing,
    and the page carries each fix."""
    from tests.browser._support import build_book, load_config  # noqa: PLC0415

    config = load_config()
    sphinx = config.setdefault("sphinx", {})
    for name, folder in (sphinx.get("local_extensions") or {}).items():
        sphinx["local_extensions"][name] = str((ROOT / folder).resolve())
    sphinx["config"]["templates_path"] = [
        str((ROOT / p).resolve()) for p in sphinx["config"].get("templates_path", [])
    ]
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    page = "book/03_motives"
    toc = {"format": "jb-book", "root": page, "chapters": [{"file": "book/glossary"}]}
    (tmp_path / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    build = build_book(
        tmp_path / "out",
        flags=("--keep-going",),
        config=tmp_path / "_config.yml",
        toc=tmp_path / "_toc.yml",
    )
    html_file = build.html / f"{page}.html"
    assert html_file.exists(), f"the one-page build failed:\n{build.log[-3000:]}"
    patch_warnings = [w for w in build.warnings() if "theme patch" in w]
    assert not patch_warnings, "\n".join(patch_warnings)
    html = html_file.read_text(encoding="utf-8")
    assert "fontawesome.js" not in html and "searchindex.js" not in html
    assert a11y_fixes.SEARCH_BUTTON in html
    assert "a11y-fixes.css" in html
    root = (build.html / "index.html").read_text(encoding="utf-8")
    assert root.startswith("<!DOCTYPE html>") and f'url={page}.html"' in root
