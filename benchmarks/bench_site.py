"""The site in Chromium: bytes and requests per page, and Lighthouse, beside the sample book.

Both sites are served by ``serve.py`` (gzip for text types, as a static host) on 127.0.0.1:
the course (the build from ``bench_build``, or a fresh one) and the sample book that
``jupyter-book create`` makes, built with the same Jupyter Book.

- Weight: Playwright drives Debian's Chromium; each page is opened in a new browser context
  (empty cache, as a first visit), and every response's encoded length (bytes on the wire,
  after gzip, headers included) is added up once the network has been idle for half a second,
  so fonts and scripts a page loads late count too. Requests to any host other than the local
  server are counted apart (the site must make none).
- Lighthouse 12 (``lighthouse.mjs``): performance (mobile profile: simulated slow 4G and a 4x
  slower CPU, Lighthouse's default) and accessibility for every page.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import yaml
from _common import BENCH, CHROME_FLAGS, CHROMIUM, ROOT, log, summary
from bench_build import build, jupyter_book
from serve import serve

TARGET_BYTES = 300 * 1024
TARGET_PERFORMANCE = 0.90
TARGET_ACCESSIBILITY = 1.0
KINDS = ("Document", "Stylesheet", "Script", "Font", "Image")


def toc_pages(book: Path) -> list[str]:
    """The HTML path of every page in a book's ``_toc.yml``, in order."""
    toc = yaml.safe_load((book / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    walk(toc.get("sections"))
    # index.html only redirects to the root page, which is measured under its own name.
    return [f"{f}.html" for f in files]


def sample_book(workdir: Path) -> Path:
    """``jupyter-book create`` a sample book and build it; return its HTML folder."""
    book = workdir / "sample"
    shutil.rmtree(book, ignore_errors=True)
    subprocess.run([jupyter_book(), "create", str(book)], check=True, capture_output=True)
    result = build(book, book, strict=False)
    if result["returncode"]:
        raise RuntimeError("the sample book did not build:\n" + result["log_tail"])
    return book / "_build" / "html"


def measure_weight(base: str, pages: list[str], runs: int) -> dict[str, dict]:
    """Bytes and requests per page in Chromium (a new context, so an empty cache, each time)."""
    from playwright.sync_api import sync_playwright

    host = urlparse(base).netloc
    results: dict[str, dict] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        for page_path in pages:
            samples = []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                requests: dict[str, dict] = {}

                def on_request(event, requests=requests):
                    url = event["request"]["url"]
                    if url.startswith("data:"):
                        return
                    requests[event["requestId"]] = {"url": url, "type": event.get("type", ""),
                                                    "bytes": 0, "status": None}

                def on_response(event, requests=requests):
                    entry = requests.get(event["requestId"])
                    if entry is not None:
                        entry["status"] = event["response"]["status"]
                        entry["type"] = event.get("type", entry["type"])

                def on_finished(event, requests=requests):
                    entry = requests.get(event["requestId"])
                    if entry is not None:
                        entry["bytes"] = event["encodedDataLength"]

                cdp.on("Network.requestWillBeSent", on_request)
                cdp.on("Network.responseReceived", on_response)
                cdp.on("Network.loadingFinished", on_finished)
                errors: list[str] = []
                page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
                page.goto(base + page_path, wait_until="load")
                try:
                    page.wait_for_load_state("networkidle", timeout=15000)
                except Exception:  # noqa: BLE001 - a page that never goes idle is still measured
                    errors.append("the network did not go idle within 15 s")
                page.wait_for_timeout(500)
                entries = list(requests.values())
                read = _read_to_the_end(page, requests)
                by_kind: dict[str, int] = {}
                for e in entries:
                    kind = e["type"] if e["type"] in KINDS else "Other"
                    by_kind[kind] = by_kind.get(kind, 0) + e["bytes"]
                samples.append({
                    "bytes": sum(e["bytes"] for e in entries),
                    "bytes_read": read,
                    "requests": len(entries),
                    "by_kind": by_kind,
                    "external": sorted({e["url"] for e in entries
                                        if urlparse(e["url"]).netloc != host}),
                    "failed": sorted({e["url"] for e in entries
                                      if e["status"] is not None and e["status"] >= 400}),
                    "largest": sorted(((e["bytes"], e["url"].replace(base, "/")) for e in entries),
                                      reverse=True)[:4],
                    "errors": errors,
                })
                context.close()
            bytes_ = summary([s["bytes"] for s in samples])
            results[page_path] = {
                "bytes": bytes_,
                "bytes_read": summary([s["bytes_read"] for s in samples]),
                "requests": statistics.median(s["requests"] for s in samples),
                "by_kind": samples[-1]["by_kind"],
                "external": samples[-1]["external"],
                "failed": samples[-1]["failed"],
                "largest": samples[-1]["largest"],
                "errors": samples[-1]["errors"],
            }
        browser.close()
    return results


def _read_to_the_end(page, requests: dict[str, dict]) -> int:
    """Scroll like a reader to the bottom, let lazy figures load; all bytes so far."""
    page.evaluate(
        """async () => {
             for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
               window.scrollTo(0, y);
               await new Promise(r => setTimeout(r, 60));
             }
             window.scrollTo(0, document.documentElement.scrollHeight);
           }"""
    )
    try:
        page.wait_for_function(
            "() => [...document.images].every(i => i.complete)", timeout=15000
        )
    except Exception:  # noqa: BLE001 - measured as far as it got
        pass
    page.wait_for_timeout(500)
    return sum(e["bytes"] for e in requests.values())


def lighthouse(base: str, pages: list[str], runs: int) -> dict[str, dict]:
    """Lighthouse scores per page: the median of ``runs`` runs, with min and max."""
    script = BENCH / "lighthouse.mjs"
    if not (BENCH / "node_modules" / "lighthouse").is_dir():
        raise RuntimeError("Lighthouse is not installed: npm ci --prefix benchmarks")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    run = subprocess.run(
        ["node", str(script), str(runs), *[base + p for p in pages]],
        capture_output=True, text=True, env=env, cwd=BENCH, check=False,
    )
    if run.returncode:
        raise RuntimeError("Lighthouse failed:\n" + run.stderr[-3000:])
    raw: dict[str, list[dict]] = {}
    for line in run.stdout.splitlines():
        if line.startswith("{"):
            item = json.loads(line)
            raw.setdefault(item["url"].replace(base, ""), []).append(item)
    out = {}
    for page, items in raw.items():
        def s(key, items=items):
            return summary([i[key] for i in items if i[key] is not None])
        out[page] = {
            "performance": s("performance"),
            "accessibility": s("accessibility"),
            "fcp": s("fcp"), "lcp": s("lcp"), "tbt": s("tbt"), "cls": s("cls"), "si": s("si"),
            "lh_bytes": s("bytes"),
            "failed_a11y": sorted({a for i in items for a in i["failed_a11y"]}),
            "render_blocking": [u.replace(base, "/") for u in items[-1]["render_blocking"]],
            "errors": [i["error"] for i in items if i["error"]],
        }
    return out


def run(weight_runs: int, lighthouse_runs: int, workdir: Path, course_html: Path | None) -> dict:
    if course_html is None or not (course_html / "index.html").is_file():
        log("site: building the course")
        result = build(ROOT, workdir / "course")
        course_html = workdir / "course" / "_build" / "html"
        if result["returncode"]:
            log("site: the course build reported problems (measured anyway)")
    log("site: creating and building the sample book")
    sample_html = sample_book(workdir)
    sites = {
        "course": (course_html, toc_pages(ROOT)),
        "sample": (sample_html, toc_pages(sample_html.parents[1])),
    }
    out: dict[str, dict] = {}
    for name, (html, pages) in sites.items():
        with serve(html) as base:
            log(f"site: page weight of {len(pages)} {name} pages ({weight_runs} run(s) each)")
            weights = measure_weight(base, pages, weight_runs)
            log(f"site: Lighthouse on {len(pages)} {name} pages ({lighthouse_runs} run(s) each)")
            scores = lighthouse(base, pages, lighthouse_runs)
        out[name] = {
            "pages": [{"page": p, **weights.get(p, {}), **scores.get(p, {})} for p in pages],
        }
    out["targets"] = {"bytes": TARGET_BYTES, "performance": TARGET_PERFORMANCE,
                      "accessibility": TARGET_ACCESSIBILITY}
    return out


if __name__ == "__main__":  # measure an existing build: python bench_site.py HTML_DIR [PAGE ...]
    sys.path.insert(0, str(Path(__file__).parent))
    folder = Path(sys.argv[1])
    chosen = sys.argv[2:] or toc_pages(ROOT)
    with serve(folder) as base_url:
        print(json.dumps(measure_weight(base_url, chosen, 1), indent=1))
