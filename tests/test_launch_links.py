"""The launch buttons a notebook page gets from the repository and hub settings."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HUB = "https://hub.example.edu"


def _build_one_page(tmp_path: Path, launch: dict) -> str:
    """Build a one-notebook book with the course's config plus `launch`; return its HTML."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["launch_buttons"].update(launch)
    config.pop("bibtex_bibfiles", None)
    # The page is built elsewhere: make the course's own paths absolute.
    sphinx = config["sphinx"]
    for key in ("html_static_path", "templates_path"):
        sphinx["config"][key] = [str(ROOT / p) for p in sphinx["config"].get(key, [])]
    for name, path in (sphinx.get("local_extensions") or {}).items():
        sphinx["local_extensions"][name] = str(ROOT / path)
    book = tmp_path / "book"
    book.mkdir()
    (book / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python"
    }
    nb.cells = [nbformat.v4.new_markdown_cell("# A page"), nbformat.v4.new_code_cell("1 + 1")]
    nbformat.write(nb, book / "page.ipynb")
    jb = shutil.which("jupyter-book") or str(Path(sys.executable).with_name("jupyter-book"))
    run = subprocess.run(
        [jb, "build", str(book / "page.ipynb"), "--config", str(book / "_config.yml"),
         "--path-output", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    page = next((tmp_path / "out" / "_build" / "_page").rglob("page.html"))
    return html.unescape(page.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_binder_and_jupyterhub_links_follow_the_settings(tmp_path):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo = config["repository"]["url"].rstrip("/")
    org_repo = repo.removeprefix("https://github.com/")
    branch = config["repository"]["branch"]
    page = _build_one_page(tmp_path, {"jupyterhub_url": HUB})

    binder = re.findall(r'href="(https://mybinder\.org/v2/gh/[^"]+)"', page)
    assert binder, "no Binder link on the page"
    assert binder[0].startswith(f"https://mybinder.org/v2/gh/{org_repo}/{branch}?urlpath=lab/tree/")

    hub = re.findall(rf'href="({re.escape(HUB)}/hub/user-redirect/git-pull\?[^"]+)"', page)
    assert hub, "no JupyterHub link although jupyterhub_url is set"
    query = parse_qs(urlsplit(hub[0]).query)
    assert query["repo"] == [repo] and query["branch"] == [branch]
    assert query["urlpath"][0].startswith(f"lab/tree/{repo.rsplit('/', 1)[1]}/")


@pytest.mark.slow
def test_no_jupyterhub_link_without_a_hub(tmp_path):
    page = _build_one_page(tmp_path, {"jupyterhub_url": ""})
    assert "git-pull?" not in page
    assert "mybinder.org/v2/gh/" in page
