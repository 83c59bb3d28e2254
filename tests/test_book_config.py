"""The Jupyter Book configuration: the toc, the launch buttons and a self-contained site."""

from __future__ import annotations

from pathlib import Path

import yaml

from _repo import toc_files

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_every_toc_entry_exists_once():
    files = toc_files()
    assert len(files) == len(set(files)), "a file is listed twice in _toc.yml"
    for name in files:
        found = [p for p in (ROOT / f"{name}.md", ROOT / f"{name}.ipynb") if p.is_file()]
        assert len(found) == 1, f"_toc.yml lists {name}, found {found}"


def test_every_notebook_is_in_the_toc():
    listed = set(toc_files())
    for folder in ("book", "exercises", "solutions"):
        for nb in (ROOT / folder).glob("*.ipynb"):
            name = nb.relative_to(ROOT).with_suffix("").as_posix()
            assert name in listed, f"{name} is not in _toc.yml"


def test_only_toc_files_are_built_and_build_dirs_excluded():
    config = _config()
    assert config["only_build_toc_files"] is True
    assert "_build" in config["exclude_patterns"]


def test_launch_buttons_survive_the_sphinx_settings():
    config = _config()
    assert config["sphinx"]["recursive_update"] is True, (
        "without recursive_update, sphinx.config.html_theme_options replaces launch_buttons"
    )
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config["launch_buttons"]["notebook_interface"] == "jupyterlab"
    assert "jupyterhub_url" in config["launch_buttons"]
    assert config["repository"]["url"].startswith("https://github.com/")


def test_book_is_not_executed_at_build_time():
    assert _config()["execute"]["execute_notebooks"] == "off"


def test_no_widget_manager_is_loaded_or_fetched():
    """Lessons save still copies of their widgets, so no page needs a widget manager script;
    myst-nb's default would fetch one from a CDN for a page with widget state."""
    config = _config()
    assert config["sphinx"]["config"]["nb_ipywidgets_js"] == {}
    assert not (ROOT / "book" / "_static" / "vendor").exists()
