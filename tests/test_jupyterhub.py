"""The JupyterHub page: its Zero to JupyterHub configuration and its nbgitpuller link."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "book" / "instructor" / "jupyterhub.md"
CONFIG = ROOT / "book" / "instructor" / "z2jh-config.yaml"


def _course() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]


def _filled(text: str) -> str:
    """The text with the {{ repository_... }} placeholders filled in from _config.yml, as
    book/_ext/repository_links.py does on the site (and the page's sed command does)."""
    course = _course()
    url = course["url"].rstrip("/")
    values = {"repository_url": url, "repository_branch": course["branch"],
              "repository_folder": url.rsplit("/", 1)[1].removesuffix(".git")}
    for name, value in values.items():
        text = re.sub(r"\{\{ *" + name + r" *\}\}", value, text)
    return text


def _values() -> dict:
    return yaml.safe_load(_filled(CONFIG.read_text()))


def test_the_config_names_no_repository_but_placeholders():
    raw = yaml.safe_load(CONFIG.read_text())
    command = raw["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[1:] == ["{{ repository_url }}", "{{ repository_branch }}",
                           "{{ repository_folder }}"]
    filled = _filled(CONFIG.read_text())
    assert "{{" not in filled and _course()["url"] in filled


def test_the_page_is_in_the_toc_and_shows_the_config_file():
    assert "book/instructor/jupyterhub" in (ROOT / "_toc.yml").read_text()
    assert "```{literalinclude} z2jh-config.yaml" in PAGE.read_text()


def test_config_has_the_keys_the_chart_reads():
    values = _values()
    # Top-level sections of the chart's values; a typo here is silently ignored by Helm.
    assert set(values) <= {"hub", "proxy", "singleuser", "scheduling", "cull", "prePuller",
                           "ingress", "debug", "custom", "imagePullSecret"}
    single = values["singleuser"]
    assert set(single) <= {"image", "defaultUrl", "lifecycleHooks", "extraEnv", "cpu",
                           "memory", "storage", "cmd", "networkPolicy", "profileList"}
    assert set(single["image"]) == {"name", "tag"}
    assert isinstance(single["image"]["tag"], str), "quote the tag: YAML reads 0.2 as a number"
    assert single["defaultUrl"] == "/lab"
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0


def test_start_hook_pulls_this_repository_and_kernels_use_its_package():
    course = _course()
    single = _values()["singleuser"]
    command = single["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[0] == "gitpuller"
    repo, branch, folder = command[1:]
    assert repo == course["url"] and branch == course["branch"]
    assert folder == course["url"].rstrip("/").rsplit("/", 1)[1]
    assert single["extraEnv"]["PYTHONPATH"] == f"/home/jovyan/{folder}/src"
    assert (ROOT / "src" / "csto_course" / "__init__.py").is_file()


def test_the_image_is_the_binder_environment():
    binder = ROOT / "binder"
    # repo2docker uses binder/ alone; a Dockerfile or environment.yml would replace these pins.
    assert {p.name for p in binder.iterdir()} <= {"requirements.txt", "runtime.txt", "postBuild"}
    pins = {canonicalize_name(Requirement(line.split("#")[0]).name)
            for line in (binder / "requirements.txt").read_text().splitlines()
            if line.split("#")[0].strip()}
    assert {"nbgitpuller", "jupyterlab"} <= pins, "the hook needs gitpuller, /lab needs JupyterLab"
    tag = _values()["singleuser"]["image"]["tag"]
    assert "repo2docker" in PAGE.read_text() and f":{tag}" in PAGE.read_text()


def test_the_sed_command_of_the_page_fills_the_placeholders(tmp_path):
    import shutil
    import subprocess

    block = re.search(r"```bash\n(sed .*?)\n```", PAGE.read_text(), re.S).group(1)
    command = _filled(block)  # as the site shows it
    if shutil.which("sed") is None:
        return
    (tmp_path / "book" / "instructor").mkdir(parents=True)
    shutil.copy(CONFIG, tmp_path / "book" / "instructor" / CONFIG.name)
    subprocess.run(["bash", "-c", command], cwd=tmp_path, check=True)
    assert yaml.safe_load((tmp_path / "config.yaml").read_text()) == _values()


def test_the_nbgitpuller_link_is_built_from_the_config():
    course = _course()
    pattern = r"https://hub\.example\.edu/hub/user-redirect/git-pull\?\S+"
    links = re.findall(pattern, _filled(PAGE.read_text()))
    assert links, "the page gives no nbgitpuller link"
    query = parse_qs(urlsplit(links[0]).query)
    assert query["repo"] == [course["url"]] and query["branch"] == [course["branch"]]
    path = query["urlpath"][0].removeprefix("lab/tree/")
    folder, notebook = path.split("/", 1)
    assert folder == course["url"].rstrip("/").rsplit("/", 1)[1]
    assert (ROOT / notebook).is_file(), f"the link opens {notebook}, which does not exist"
