"""Fill in the fork's repository address wherever a page needs it, from ``_config.yml``.

A page writes ``{{ repository_url }}`` (the ``repository.url`` of ``_config.yml``, e.g. in the
``git clone`` command of book/setup.md), ``{{ repository_folder }}`` (the folder that
``git clone`` makes) or ``{{ repository_branch }}``. They are replaced in the page's source
before it is parsed, so they work in code blocks too. A fork that changes ``repository.url``
changes every page; no page names the original repository.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def repository_values(app: Sphinx) -> dict[str, str]:
    """The values of the placeholders, from the settings Jupyter Book made of ``repository``."""
    options = app.config.html_theme_options or {}
    url = str(options.get("repository_url", "")).rstrip("/")
    if not url:
        raise ValueError("set repository.url in _config.yml")
    return {
        "repository_url": url,
        "repository_folder": url.rsplit("/", 1)[-1].removesuffix(".git"),
        "repository_branch": str(options.get("repository_branch", "main")),
    }


def _fill(app: Sphinx, docname: str, source: list[str]) -> None:
    text = source[0]
    if "{{ repository_" not in text:
        return
    for name, value in repository_values(app).items():
        text = text.replace("{{ " + name + " }}", value)
    source[0] = text


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", _fill)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
