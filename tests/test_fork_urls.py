"""A fork's addresses come from `_config.yml` only: no page or source names the original."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FORK = "https://github.com/a-teacher/kazakhstan-course-fork"
TEXT = {".md", ".ipynb", ".py", ".yml", ".yaml", ".toml", ".cfg", ".cff", ".txt", ".json",
        ".bib", ".csv", ".html", ".js", ".css", ".sh", ""}


def _repository() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"].rstrip("/").removesuffix(".git")


def _owner_and_name(url: str) -> str:
    return url.removeprefix("https://github.com/")


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    return [ROOT / n for n in listed if n and Path(n).suffix in TEXT and (ROOT / n).is_file()]


def test_no_source_but_the_config_names_the_repository():
    needle = _owner_and_name(_repository())
    found = [
        path.relative_to(ROOT).as_posix()
        for path in _tracked_text_files()
        if path.name != "_config.yml" and needle in path.read_text("utf-8", errors="ignore")
    ]
    assert found == [], (
        f"{found} name the repository {needle}; write {{{{ repository_url }}}} instead "
        "(book/_ext/repository_links.py fills it in from _config.yml)"
    )


@pytest.mark.slow
def test_a_fork_s_site_names_only_the_fork(tmp_path):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["repository"]["url"] = FORK
    # The config is read from the temp dir: make the course's own paths absolute.
    sphinx = config["sphinx"]
    for name, path in sphinx["local_extensions"].items():
        sphinx["local_extensions"][name] = str(ROOT / path)
    for key in ("html_static_path", "templates_path", "html_extra_path"):
        sphinx["config"][key] = [str(ROOT / p) for p in sphinx["config"].get(key, [])]
    sphinx["config"]["html_favicon"] = str(ROOT / sphinx["config"]["html_favicon"])
    config["bibtex_bibfiles"] = [str(ROOT / p) for p in config["bibtex_bibfiles"]]
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    jb = shutil.which("jupyter-book") or str(Path(sys.executable).with_name("jupyter-book"))
    run = subprocess.run(
        [jb, "build", ".", "-W", "-n", "--keep-going", "--config", str(tmp_path / "_config.yml"),
         "--path-output", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    html = tmp_path / "out" / "_build" / "html"
    original = _owner_and_name(_repository())
    pages = sorted(html.rglob("*.html"))
    assert len(pages) > 30
    named = [p.relative_to(html).as_posix() for p in pages if original in p.read_text()]
    assert named == [], f"pages that name the original repository {original}: {named}"
    setup = re.sub(r"<[^>]+>", "", (html / "book" / "setup.html").read_text())
    assert f"git clone {FORK}.git" in setup and "cd kazakhstan-course-fork" in setup
    exercise = (html / "exercises" / "ex04_consequences.html").read_text()
    assert f"mybinder.org/v2/gh/{_owner_and_name(FORK)}/" in exercise
