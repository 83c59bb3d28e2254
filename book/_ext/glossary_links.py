"""Let a plain Markdown link ``[word](<#Glossary term>)`` reach the glossary.

Notebooks write glossary terms as plain links (see ``csto_course.citations``) so that they read
well outside the site. MyST resolves ``[text](#target)`` against labels, but looks glossary terms
up in lower case while Sphinx stores them as written; so, once every page is read, each term
is also registered as a label (lower-cased, as Sphinx keys labels), unless a label of that name
already exists.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def _label_terms(app: Sphinx, env: BuildEnvironment) -> list[str]:
    std = env.get_domain("std")
    for (objtype, name), (docname, labelid) in list(std.objects.items()):
        if objtype == "term":
            std.anonlabels.setdefault(name.lower(), (docname, labelid))
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-updated", _label_terms)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
