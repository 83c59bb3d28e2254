"""Notebooks carry no MyST markup: citations and terms are plain Markdown links.

`test_no_notebook_contains_myst_markup` and `test_every_citation_names_a_known_source` fail
until `csto-course citations` has been run on the notebooks (see csto_course.citations).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from csto_course import bibliography, citations, data

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = citations.notebooks(ROOT)
LINK = re.compile(r"\]\(#src-([A-Za-z0-9_.-]+)")


@pytest.fixture(scope="module")
def vocab() -> citations.Vocabulary:
    return citations.Vocabulary.load(ROOT)


def _markdown_cells(path: Path):
    for i, cell in enumerate(json.loads(path.read_text())["cells"]):
        if cell["cell_type"] == "markdown":
            yield i, "".join(cell["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_notebook_contains_myst_markup(path):
    found = [f"cell {i}: {m.group(0)!r}" for i, text in _markdown_cells(path)
             for m in citations.MYST_MARKUP.finditer(text)]
    assert not found, (f"{path.name} shows MyST markup raw in JupyterLab "
                       f"(run `csto-course citations`): {found[:5]}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_citation_names_a_known_source(path, vocab):
    keys = {k for _, text in _markdown_cells(path) for k in LINK.findall(text)}
    assert keys <= set(vocab.labels), f"unknown sources cited: {sorted(keys - set(vocab.labels))}"


def test_labels_are_author_year_and_unique(vocab):
    labels = vocab.labels
    assert labels["hedenskog2022"] == "Hedenskog & von Essen 2022"
    assert len(set(labels.values())) == len(labels), "two sources share a label"
    ids = data.load("sources")["source_id"].tolist()
    assert set(labels) == set(ids)
    # Same outlet and year: told apart by a letter, in order of date.
    assert labels["reuters-2022-01-09-killed"] == "Reuters 2022a"
    assert labels["reuters-2022-01-10-detained"] == "Reuters 2022b"


def test_converter_writes_author_year_links_and_is_idempotent(vocab):
    text = ("as reported {cite}`reuters-2022-01-09-killed,hedenskog2022`; a "
            "{term}`contingent <Contingent>` and a {term}`Census`.\n\n"
            "```{note}\nTwo lines\nof note.\n```\n")
    once = citations.convert_text(text, vocab)
    assert "{cite}" not in once and "{term}" not in once and "```" not in once
    assert once.startswith("as reported ([Reuters 2022a](#src-reuters-2022-01-09-killed \"")
    assert "; [Hedenskog & von Essen 2022](#src-hedenskog2022 \"Jakob Hedenskog" in once
    assert "a [contingent](<#Contingent>) and a [Census](<#Census>)." in once
    assert "> **Note.** Two lines\n> of note." in once
    assert citations.convert_text(once, vocab) == once


def test_converter_refreshes_a_stale_label(vocab):
    stale = "([Reuters 2019z](#src-reuters-2022-01-09-killed))"
    assert citations.convert_text(stale, vocab) == citations.cite(
        ["reuters-2022-01-09-killed"], vocab)


def test_textual_citation_and_titled_note(vocab):
    out = citations.convert_text(
        "{cite:t}`hedenskog2022` argue.\n\n```{note} Before you start\nRun the cells.\n```", vocab)
    assert out.startswith("[Hedenskog & von Essen 2022](#src-hedenskog2022 ")
    assert out.endswith("> **Before you start.** Run the cells.")


def test_code_is_left_as_it_is(vocab):
    text = ("Write `` {cite}`source_id` `` then {cite}`hedenskog2022`.\n\n"
            "```python\n# {cite}`not-a-key`\n```\n")
    out = citations.convert_text(text, vocab)
    assert out.startswith("Write `` {cite}`source_id` `` then ([Hedenskog & von Essen 2022]")
    assert out.endswith("```python\n# {cite}`not-a-key`\n```\n")


@pytest.mark.parametrize("text, what", [
    ("see {doc}`the setup <setup>`", "no plain Markdown for this MyST markup"),
    ("{cite}`no-such-source`", "unknown source key 'no-such-source'"),
    ("[X 2022](#src-no-such-source)", "unknown source key 'no-such-source'"),
    ("{term}`gizmo <Gizmo>`", "unknown glossary term 'Gizmo'"),
])
def test_converter_refuses_unknown_keys_with_where(vocab, text, what):
    with pytest.raises(citations.CitationError, match=what) as err:
        citations.convert_text(text, vocab, "book/x.ipynb, cell 3")
    assert "book/x.ipynb, cell 3" in str(err.value)


def test_references_page_has_one_target_per_source(vocab):
    page = bibliography.render_references_page(ROOT / "data")
    for key, label in vocab.labels.items():
        assert page.count(f"({bibliography.target(key)})=\n") == 1, key
        assert f"**{label}.**" in page.replace("\\", ""), label
    assert page == (ROOT / "book" / "reference" / "references.md").read_text(), (
        "book/reference/references.md is stale: run `csto-course generated`")


def test_site_pages_cite_no_role(vocab):
    # The references page is generated without a {bibliography} directive, so a {cite} role
    # on a Markdown page would not resolve: the converter must have nothing left to rewrite.
    pages = citations.pages(ROOT)
    assert ROOT / "book" / "intro.md" in pages
    stale = [p for p in pages if citations.convert_page(p, vocab, write=False)]
    assert not stale, f"run `csto-course citations`: {stale}"
