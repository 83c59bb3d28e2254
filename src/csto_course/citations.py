"""Citations and glossary terms as plain Markdown, so notebooks read well without the site.

In JupyterLab, VS Code or a plain Jupyter, MyST roles show raw (``{cite}`key```). The course's
notebooks therefore write

- a citation as ``([Reuters 2022a](#src-KEY "full reference"))``: author and year, a link that
  the site resolves to the source's entry on the references page, and the full reference as the
  link's title (shown on hover in JupyterLab and on the site);
- a glossary term as ``[word](<#Glossary term>)``: the word, linked to the glossary on the site;
- a ``{note}`` directive as a quoted paragraph starting with **Note.**

Authors may go on writing ``{cite}`key``` (``{cite:t}`` for a textual citation),
``{term}`word <Term>``` and ``{note}``; then ``csto-course citations`` rewrites them (and
refreshes the labels and titles of links already converted). It is idempotent, leaves code
alone, and refuses an unknown source key or glossary term, or markup it cannot convert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import bibliography, data

NOTEBOOK_DIRS = ("book", "solutions", "exercises")

_CITE = re.compile(r"\{cite(?::([a-z]+))?\}`([^`]*)`")
_TERM = re.compile(r"\{term\}`([^`]*)`")
_NOTE = re.compile(r"^```\{note\}[ \t]*([^\n]*)\n(.*?)\n```[ \t]*$", re.S | re.M)
_LINK = r'\[[^\]\n]*\]\(#src-([A-Za-z0-9_.-]+)(?: "(?:[^"\\\n]|\\.)*")?\)'
_ONE_LINK = re.compile(_LINK)
_TERM_LINK = re.compile(r"\[([^\]\n]*)\]\(<#([^>\n]+)>\)")
# Code, left as it is: a fenced block that is not a directive, or a code span. Roles are
# matched first (and kept), so that the backticks of ``{cite}`key``` do not start a code span.
_CODE = re.compile(r"(\{[a-z][a-z0-9:_-]*\}`[^`\n]*`)|^(```+|~~~+)(?!\{).*?^\2[ \t]*$"
                   r"|(`+)(?!`)[^\n]+?(?<!`)\3(?!`)", re.S | re.M)
# Any MyST role (``{name}`...```) or directive fence (```{name}`` / ``:::{name}``).
MYST_MARKUP = re.compile(r"\{[a-z][a-z0-9:_-]*\}`|^(?:```|:::)\{[a-z]", re.M)


class CitationError(ValueError):
    """An unknown source key or glossary term, with the file and cell where it was found."""


@dataclass(frozen=True)
class Vocabulary:
    """What the converter knows: each source's label and full reference, the glossary terms."""

    labels: dict[str, str]
    references: dict[str, str]
    terms: dict[str, str]  # lower-cased term -> term as the glossary writes it

    @classmethod
    def load(cls, root: Path) -> Vocabulary:
        """Labels and references from ``data/sources.csv``, terms from ``book/glossary.md``."""
        labels = bibliography.citation_labels(root / "data")
        refs = {k: bibliography.full_reference(data.source(k, root / "data")) for k in labels}
        return cls(labels, refs, {t.lower(): t for t in glossary_terms(root)})


def glossary_terms(root: Path) -> list[str]:
    """The terms defined by the ``{glossary}`` directive of ``book/glossary.md``."""
    text = (root / "book" / "glossary.md").read_text(encoding="utf-8")
    body = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return [line.strip() for line in body.splitlines() if line.strip() and not line[0].isspace()]


def cited_keys(text: str) -> set[str]:
    """The source keys a text cites, as ``{cite}`` roles or as converted citation links."""
    keys = {k.strip() for m in _CITE.finditer(text) for k in m.group(2).split(",")}
    return (keys | set(_ONE_LINK.findall(text))) - {""}


def citation_link(key: str, vocab: Vocabulary) -> str:
    """``[Label](#src-KEY "full reference")`` for one source."""
    title = vocab.references[key].replace("\\", "\\\\").replace('"', '\\"')
    return f'[{vocab.labels[key]}](#{bibliography.target(key)} "{title}")'


def cite(keys: list[str], vocab: Vocabulary) -> str:
    """A parenthetical citation of one or more sources."""
    return "(" + "; ".join(citation_link(k, vocab) for k in keys) + ")"


def _term(text: str, vocab: Vocabulary, where: str) -> str:
    m = re.fullmatch(r"(.*?)\s*<([^<>]+)>", text.strip(), re.S)
    word, term = (m.group(1), m.group(2)) if m else (text.strip(), text.strip())
    if term.lower() not in vocab.terms:
        raise CitationError(f"{where}: unknown glossary term {term!r} (not in book/glossary.md)")
    return f"[{word}](<#{vocab.terms[term.lower()]}>)"


def _note(m: re.Match[str]) -> str:
    title = m.group(1).strip().rstrip(".") or "Note"
    lines = m.group(2).strip("\n").splitlines()
    lines[0] = f"**{title}.** " + lines[0]
    return "\n".join("> " + line if line.strip() else ">" for line in lines)


def _known(key: str, vocab: Vocabulary, where: str) -> str:
    if key not in vocab.labels:
        raise CitationError(f"{where}: unknown source key {key!r} (not in data/sources.csv)")
    return key


def _role(m: re.Match[str], vocab: Vocabulary, where: str) -> str:
    keys = [_known(k.strip(), vocab, where) for k in m.group(2).split(",") if k.strip()]
    if m.group(1) == "t":  # textual: "Reuters 2022a reported..."
        return "; ".join(citation_link(k, vocab) for k in keys)
    return cite(keys, vocab)


def convert_text(text: str, vocab: Vocabulary, where: str = "text", notebook: bool = True) -> str:
    """Rewrite the roles and notes of one Markdown text; refresh links already converted.

    Code (fenced blocks, code spans) is left as it is. With ``notebook=False`` (a page only the
    site shows) only citations are rewritten: the site has no bibliography directive any more,
    but renders terms and notes itself.
    """
    code: list[str] = []

    def hide(m: re.Match[str]) -> str:
        if m.group(1):  # a role: converted below
            return m.group(0)
        code.append(m.group(0))
        return f"\x00{len(code) - 1}\x00"

    text = _CODE.sub(hide, text)
    text = _ONE_LINK.sub(lambda m: citation_link(_known(m.group(1), vocab, where), vocab), text)
    text = _CITE.sub(lambda m: _role(m, vocab, where), text)
    if notebook:
        text = _TERM.sub(lambda m: _term(m.group(1), vocab, where), text)
        text = _TERM_LINK.sub(lambda m: _term(f"{m.group(1)} <{m.group(2)}>", vocab, where), text)
        text = _NOTE.sub(_note, text)
        left = MYST_MARKUP.search(text)
        if left:
            line = text[text.rfind("\n", 0, left.start()) + 1:].split("\n", 1)[0]
            raise CitationError(f"{where}: no plain Markdown for this MyST markup, write it by "
                                f"hand: {line.strip()[:120]!r}")
    return re.sub(r"\x00(\d+)\x00", lambda m: code[int(m.group(1))], text)


def convert_notebook(path: Path, vocab: Vocabulary, write: bool = True) -> bool:
    """Convert the Markdown cells of one notebook; True when something changed."""
    import nbformat

    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    changed = False
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        new = convert_text(cell.source, vocab, f"{path}, cell {i}")
        if new != cell.source:
            cell.source, changed = new, True
    if changed and write:
        nbformat.write(nb, path)
    return changed


def notebooks(root: Path) -> list[Path]:
    """Every notebook a student may open: lessons, solutions and exercises."""
    return sorted(p for d in NOTEBOOK_DIRS for p in (root / d).glob("*.ipynb"))


def convert_page(path: Path, vocab: Vocabulary, write: bool = True) -> bool:
    """Convert the citations of one Markdown page of the site; True when something changed."""
    text = path.read_text(encoding="utf-8")
    new = convert_text(text, vocab, str(path), notebook=False)
    if new != text and write:
        path.write_text(new, encoding="utf-8")
    return new != text


def pages(root: Path) -> list[Path]:
    """The site's Markdown pages under ``book/``."""
    return sorted(p for p in (root / "book").rglob("*.md") if "_static" not in p.parts)


def convert_all(root: Path, write: bool = True) -> list[Path]:
    """Convert every notebook under ``book/``, ``solutions/`` and ``exercises/``, and the
    citations of the site's Markdown pages.

    Returns the files that changed (or, with ``write=False``, that would change).
    """
    vocab = Vocabulary.load(root)
    changed = [p for p in notebooks(root) if convert_notebook(p, vocab, write)]
    return changed + [p for p in pages(root) if convert_page(p, vocab, write)]
