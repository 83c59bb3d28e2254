"""The Binder environment: exact pins that satisfy pyproject.toml and miss nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from _repo import exact_pins

ROOT = Path(__file__).resolve().parents[1]


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _requirements(group: str) -> list[str]:
    project = _project()
    return project["dependencies"] if group == "dependencies" else (
        project["optional-dependencies"][group])


@pytest.mark.parametrize("group", ["dependencies", "lab"])
def test_binder_pins_and_satisfies_every_requirement(group):
    """Binder (and a hub image built from binder/) installs what a student's install needs."""
    pins = exact_pins(ROOT / "binder" / "requirements.txt")
    requirements = _requirements(group)
    assert requirements, f"pyproject.toml has no `{group}`"
    for dep in requirements:
        req = Requirement(dep)
        name = canonicalize_name(req.name)
        assert name in pins, f"binder/requirements.txt does not pin {req.name} ({group})"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"binder pins {req.name}=={pins[name]}, which does not satisfy {req.specifier}"
        )


def test_the_lab_extra_holds_none_of_the_authors_tools():
    authors = {"jupyter-book", "sphinx", "playwright", "pytest", "ruff", "nbval", "hypothesis"}
    extra = _project()["optional-dependencies"]["lab"]
    lab = {canonicalize_name(Requirement(d).name) for d in extra}
    assert not lab & authors, f"the lab extra installs authors' tools: {sorted(lab & authors)}"
    assert not set(exact_pins(ROOT / "binder" / "requirements.txt")) & authors


def test_binder_has_what_a_student_session_needs():
    pins = exact_pins(ROOT / "binder" / "requirements.txt")
    for name in ("jupyterlab", "ipykernel", "jupyterlab-widgets", "nbgitpuller"):
        assert name in pins, f"binder/requirements.txt should pin {name}"


def test_postbuild_installs_the_course_package_without_touching_pins():
    post = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps ." in post
    # ...then records the image's kernel in the notebooks, so they open unmodified.
    assert "python -m csto_course.kernel_metadata book exercises solutions" in post
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8")
    assert runtime.strip().startswith("python-3.")


def test_python_version_of_binder_is_allowed():
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    runtime = runtime.removeprefix("python-")
    spec = Requirement(f"python{_project()['requires-python']}").specifier
    assert spec.contains(Version(runtime)), f"binder runs Python {runtime}, outside {spec}"


def test_kernel_metadata_stamp_writes_the_running_kernel(tmp_path):
    import json
    import shutil

    from csto_course import kernel_metadata

    nb = tmp_path / "n.ipynb"
    shutil.copy(ROOT / "exercises" / "ex01_what_happened.ipynb", nb)
    data = json.loads(nb.read_text())
    data["metadata"]["language_info"]["version"] = "3.0.0"
    nb.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    wanted = kernel_metadata.kernel_metadata()
    assert wanted["kernelspec"]["display_name"] == "Python 3 (ipykernel)"
    assert kernel_metadata.stamp(nb, wanted) is True
    after = json.loads(nb.read_text())
    assert after["metadata"]["language_info"] == wanted["language_info"]
    assert after["cells"] == data["cells"], "only the metadata changes"
    assert kernel_metadata.stamp(nb, wanted) is False
