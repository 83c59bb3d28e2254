"""End-to-end tests in a real browser (Debian's Chromium, driven by Playwright).

- ``test_site.py``: builds the book into a temporary folder, serves it on 127.0.0.1 and checks
  every page of ``_toc.yml`` (loading, console, requests, navigation, alt text, launch buttons,
  search, axe-core accessibility).
- ``test_lab_exercises.py`` and ``test_lab_solutions.py``: start a JupyterLab on 127.0.0.1
  with a temporary copy of the notebooks, run every exercise and solution notebook in it and
  drive their widgets.

Each module runs on one pytest-xdist worker (``--dist loadfile``) and starts its own site or
JupyterLab, so the modules run side by side. Every browser test carries
``@pytest.mark.browser``; see ``conftest.py`` for what happens when Chromium is missing.
"""
