"""Links to solution pages that are not part of the build become plain text.

The course's site links to its solutions from the exercises, the landing page and the
instructor pages. Built with ``--toc _toc-students.yml`` (the toc without the solutions part:
see the README, "Publish the site without solutions"), those pages do not exist; each link to
one would be a warning and a dead link. This extension keeps the link's words and drops the
link, for ``{doc}`` roles and Markdown links alike (a ``{doc}`` role without its own words
becomes "not on this site"). In the full build it changes nothing.
"""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

#: Documents that belong to the solutions: the notebooks and their index page.
SOLUTION_DOCS = ("solutions/", "book/solutions")


def target_doc(node: addnodes.pending_xref, refdoc: str) -> str | None:
    """The document a cross-reference points to (no suffix), or None if it is no document."""
    target = str(node.get("reftarget", "")).split("#", 1)[0]
    if not target:
        return None
    domain, kind = node.get("refdomain"), node.get("reftype")
    if domain == "doc" and kind == "myst":  # MyST resolved it to a docname already
        name = target
    elif (domain == "std" and kind == "doc") or (domain is None and kind == "myst"):
        name = target[1:] if target.startswith("/") else posixpath.join(
            posixpath.dirname(refdoc), target
        )
    else:
        return None
    name = posixpath.normpath(name)
    for suffix in (".ipynb", ".md"):
        name = name.removesuffix(suffix)
    return name


def is_solution(docname: str) -> bool:
    return docname == "book/solutions" or docname.startswith("solutions/")


class UnlinkMissingSolutions(SphinxTransform):
    """Replace each reference to a solution document outside the build with its words."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            name = target_doc(node, self.env.docname)
            if name and is_solution(name) and name not in self.env.found_docs:
                words = node.astext() if node.get("refexplicit") else "not on this site"
                node.replace_self(nodes.inline(words, words, classes=["csto-no-solutions"]))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(UnlinkMissingSolutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
