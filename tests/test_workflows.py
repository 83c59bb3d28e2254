"""The GitHub workflows: checks in a Debian container, publishing only after they pass."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def _workflow(name: str) -> dict:
    flow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    flow["on"] = flow.pop(True, flow.get("on"))  # YAML 1.1 reads the key `on` as True
    return flow


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def test_the_checks_run_ci_run_in_a_debian_container_with_a_pip_cache():
    job = _workflow("ci.yml")["jobs"]["checks"]
    image = job["container"] if isinstance(job["container"], str) else job["container"]["image"]
    assert re.fullmatch(r"(python:3\.11-bookworm|debian:bookworm)", image), image
    assert re.search(r"^bash \.ci/run$", _runs(job), re.M), "the checks job must run .ci/run"
    uses = [step.get("uses", "") for step in job["steps"]]
    assert any(u.startswith("actions/cache@") for u in uses), "no pip cache"
    cache = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == job["env"]["PIP_CACHE_DIR"]
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" in run and "chromium" in run and "snap" not in run


def test_publishing_needs_the_checks_of_the_same_run():
    ci = _workflow("ci.yml")
    publish = ci["jobs"]["publish"]
    assert publish["needs"] == "checks" or publish["needs"] == ["checks"]
    assert publish["uses"] == "./.github/workflows/pages.yml"
    assert "pull_request" in publish["if"] and "default_branch" in publish["if"]
    pages = _workflow("pages.yml")
    assert list(pages["on"]) == ["workflow_call"], "pages.yml must not run on its own"
    assert pages["jobs"]["deploy"]["needs"] == "build"
    assert pages["jobs"]["build"]["steps"][0]["uses"].startswith("actions/checkout@")


def test_the_branch_is_named_once():
    named = []
    for path in WORKFLOWS.glob("*.yml"):
        trigger = _workflow(path.name)["on"] or {}
        for event in ("push", "pull_request"):
            if isinstance(trigger, dict) and isinstance(trigger.get(event), dict):
                named += trigger[event].get("branches", [])
    assert named == ["main"], named


def test_the_students_branch_script_pushes_a_copy_without_solutions(tmp_path):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args: str, cwd: Path = tmp_path) -> str:
        return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                              check=True).stdout

    git("clone", "-q", "--bare", str(ROOT), "origin.git")
    git("clone", "-q", "origin.git", "work")
    for _ in range(2):  # the second run finds the branch up to date
        run = subprocess.run(["bash", ".ci/students-branch", "for-students"], cwd=tmp_path / "work",
                             env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    assert "up to date" in run.stdout
    files = git("--git-dir", "origin.git", "ls-tree", "-r", "--name-only", "for-students").split()
    assert "exercises/ex04_consequences.ipynb" in files and "_toc.yml" in files
    assert not [f for f in files if f.startswith("solutions/") or f == "book/solutions.md"]
    log = git("--git-dir", "origin.git", "log", "--oneline", "for-students")
    assert len(log.strip().splitlines()) == 1, log
