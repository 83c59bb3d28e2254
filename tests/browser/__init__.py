"""End-to-end tests in a real browser (Debian's Chromium, driven by Playwright).

- ``test_site.py`` and ``test_site_more_pages.py``: build the book once into a temporary
  folder, serve it on 127.0.0.1 and check every page of ``_toc.yml`` (loading, console,
  requests, navigation, alt text, launch buttons, axe-core accessibility; the pages are split
  between the two modules), the build's warnings, the JupyterHub button and search.
- ``test_lab_exercises.py`` and ``test_lab_solutions.py``: start a JupyterLab on 127.0.0.1
  with a temporary copy of the notebooks, run every exercise and solution notebook in it and
  drive their widgets.

Each module runs on one pytest-xdist worker (``--dist loadfile``); the two site modules share
one build (a file lock, see ``_site.py``), each JupyterLab module starts its own JupyterLab.
Every browser test carries ``@pytest.mark.browser``; see ``conftest.py`` for what happens when
Chromium is missing.
"""
