"""Turn the results of benchmarks/run.py into benchmarks/RESULTS.md (Markdown)."""

from __future__ import annotations

import math
from typing import Any

WIDGET_SCRIPT = "jupyter-widgets-html-manager"


def _f(value: Any, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}"


def _ms(s: dict, key: str = "median") -> str:
    return _f(s.get(key), 1)


def _kb(n: float | None) -> str:
    return "–" if n is None else f"{n / 1024:.0f}"


def _spread(s: dict, digits: int = 2, scale: float = 1.0) -> str:
    """median (min–max) of a summary."""
    if not s or not s.get("n"):
        return "–"
    return (f"{s['median'] * scale:.{digits}f} ({s['min'] * scale:.{digits}f}–"
            f"{s['max'] * scale:.{digits}f})")


def _yes(ok: bool | None) -> str:
    return "–" if ok is None else ("yes" if ok else "**no**")


def write_report(results: dict) -> str:
    m = results["machine"]
    sec = results["sections"]
    lines: list[str] = []
    add = lines.append
    mode = results.get("mode") or ("`--quick`" if results["quick"] else "full")
    add("# Benchmark results")
    add("")
    add("Written by `python benchmarks/run.py` (see `benchmarks/README.md`); do not edit by hand. "
        "Benchmarks are not tests: nothing here fails CI.")
    add("")
    add(f"- **Run**: {mode}, {m['date']}; repeats: "
        + ", ".join(f"{k} {v}" for k, v in results["repeats"].items())
        + "; time per section: "
        + ", ".join(f"{k} {v / 60:.1f} min" for k, v in results["seconds"].items()) + ".")
    dates = sorted(set(results.get("dates", {}).values()))
    if len(dates) > 1:
        add("- Sections measured at: " + ", ".join(
            f"{k} {v}" for k, v in results["dates"].items()) + ".")
    add(f"- **Machine**: {m['cpu']}, {m['cores']} cores, {m['memory']}; {m['os']}.")
    if results.get("load"):
        add("- **Load average** (1 min) at the start and end of each section: "
            + ", ".join(f"{k} {a:.1f} → {b:.1f}" for k, (a, b) in results["load"].items())
            + f" (on {m['cores']} cores: above {m['cores']}, other work shared the machine and "
            "absolute times are inflated; ratios of interleaved runs hold up better).")
    pk = m["packages"]
    add(f"- **Versions**: Python {m['python']}, " + ", ".join(f"{k} {v}" for k, v in pk.items())
        + f"; {m['chromium']}; Node {m['node']}; Lighthouse {m['lighthouse']}.")
    add("- Each figure is the **median** of its runs, with the **min–max** in brackets.")
    add("")
    targets = _targets(sec)
    if targets:
        add("## Targets")
        add("")
        add("| target | figure | met |")
        add("|---|---|---|")
        for name, figure, ok in targets:
            add(f"| {name} | {figure} | {_yes(ok)} |")
        add("")
    notes = _notes(sec)
    if notes:
        add("### Why a target is missed, and what it would take")
        add("")
        for note in notes:
            add(f"- {note}")
        add("")
    for name, writer in (("notebooks", _notebooks), ("imports", _imports),
                         ("responses", _responses), ("build", _build), ("site", _site)):
        if name not in sec:
            continue
        if "error" in sec[name]:
            add(f"## {name}: could not run")
            add("")
            add("```")
            add(sec[name]["error"].strip()[-2000:])
            add("```")
            add("")
            continue
        writer(sec[name], add)
    return "\n".join(lines).rstrip() + "\n"


# ----------------------------------------------------------------------------- targets
def _targets(sec: dict) -> list[tuple[str, str, bool | None]]:
    out = []
    nb = sec.get("notebooks", {})
    if "notebooks" in nb:
        worst = max(nb["notebooks"], key=lambda r: r["ratio"])
        out.append(("every notebook runs in ≤ 1.5 × its floor",
                    f"worst {worst['notebook']}: {_f(worst['ratio'])} × "
                    f"(floor {_f(nb['floor']['median'])} s)",
                    worst["ratio"] <= nb["target_ratio"]))
    rs = sec.get("responses", {})
    if "widgets" in rs:
        items = rs["widgets"] + rs["checks"]
        worst = max(items, key=lambda r: r["p95"])
        label = worst.get("widget") or worst.get("check")
        out.append(("a widget or a check answers in < 50 ms (p95)",
                    f"worst {label} {worst.get('action', '')}: p95 {_ms(worst, 'p95')} ms",
                    worst["p95"] < rs["target_ms"]))
        first = max(items, key=lambda r: r["first_ms"])
        label = first.get("widget") or first.get("check")
        out.append(("(and the first answer in a fresh kernel, < 50 ms)",
                    f"worst {label}: {_f(first['first_ms'], 1)} ms",
                    first["first_ms"] < rs["target_ms"]))
    b = sec.get("build", {})
    if "warm_ratio" in b:
        out.append(("a warm rebuild takes < ¼ of a cold build",
                    f"warm {_f(b['warm']['median'], 1)} s / cold {_f(b['cold']['median'], 1)} s"
                    f" = {_f(b['warm_ratio'])}; one lesson touched: {_f(b['touched_ratio'])}",
                    b["warm_ratio"] < b["target_ratio"]))
    site = sec.get("site", {})
    if "course" in site:
        pages = site["course"]["pages"]
        t = site["targets"]
        perf = [p for p in pages if "performance" in p]
        if perf:
            worst = min(perf, key=lambda p: p["performance"]["median"])
            n_ok = sum(p["performance"]["median"] >= t["performance"] for p in perf)
            out.append(("every page: performance ≥ 90 (mobile)",
                        f"{n_ok}/{len(perf)} pages; lowest {worst['page']} "
                        f"{worst['performance']['median'] * 100:.0f}",
                        n_ok == len(perf)))
            worst = min(perf, key=lambda p: p["accessibility"]["min"])
            n_ok = sum(p["accessibility"]["min"] >= t["accessibility"] for p in perf)
            out.append(("every page: accessibility 100",
                        f"{n_ok}/{len(perf)} pages; lowest {worst['page']} "
                        f"{worst['accessibility']['min'] * 100:.0f}",
                        n_ok == len(perf)))
        weighed = [p for p in pages if "bytes" in p]
        for key, label in (("bytes", "every page transfers < 300 KB (as it loads)"),
                           ("bytes_read", "(and once read to the end, every figure loaded)")):
            measured = [p for p in pages if key in p]
            if measured:
                heavy = [p for p in measured if p[key]["median"] >= t["bytes"]]
                worst = max(measured, key=lambda p, key=key: p[key]["median"])
                out.append((label, f"{len(measured) - len(heavy)}/{len(measured)} pages; "
                            f"heaviest {worst['page']} {_kb(worst[key]['median'])} KB",
                            not heavy))
        if "sample" in site:
            sample = site["sample"]["pages"]
            sb = sorted(p["bytes"]["median"] for p in sample if "bytes" in p)
            sp = sorted(p["performance"]["median"] for p in sample if "performance" in p)
            heavier = [p for p in weighed if p["bytes"]["median"] > sb[0]]
            heaviest = [p for p in weighed if p["bytes"]["median"] > sb[-1]]
            slower = [p for p in perf if p["performance"]["median"] < sp[-1]]
            slowest = [p for p in perf if p["performance"]["median"] < sp[0]]
            out.append(("no page heavier than the sample book's pages",
                        f"sample {_kb(sb[0])}–{_kb(sb[-1])} KB; course pages heavier than its "
                        f"lightest: {len(heavier)}, than its heaviest: {len(heaviest)}",
                        not heavier))
            out.append(("no page slower than the sample book's pages",
                        f"sample performance {sp[0] * 100:.0f}–{sp[-1] * 100:.0f}; course pages "
                        f"below its best: {len(slower)}, below its worst: {len(slowest)}",
                        not slower))
        ext = sorted({u for p in weighed for u in p.get("external", [])})
        out.append(("the site is self-contained (no request to another host)",
                    f"{len(ext)} external request(s)" + (f": {', '.join(ext[:3])}" if ext else ""),
                    not ext))
    return out


def _notes(sec: dict) -> list[str]:
    """Explanations of the targets missed, computed from the figures."""
    out = []
    nb = sec.get("notebooks", {})
    if "notebooks" in nb:
        over = [r for r in nb["notebooks"] if r["ratio"] > nb["target_ratio"]]
        if over:
            listed = ", ".join(
                f"{r['notebook']} ({_f(r['ratio'])} ×, +{_f(r['median'] - nb['floor']['median'])}"
                " s)" for r in sorted(over, key=lambda r: -r["ratio"]))
            out.append(
                f"Notebooks over {nb['target_ratio']} × the floor: {listed}. The time above the "
                "floor is the notebook's own work: importing pyplot (for the lessons), loading its "
                "tables, drawing and encoding its figures and building its widgets. "
                "Most of a figure's time is drawing its text (a profile is in "
                "benchmarks/README.md, *Notebook run time*). What it would take: fewer figures, "
                "or figures with less text, in the lessons that miss; the text is what the "
                "figures are for (dates, places and what happened), so the course keeps it.")
            by_name = {r["notebook"]: r["median"] for r in nb["notebooks"]}
            gaps = [abs(v - by_name[k.replace("exercises/", "solutions/")])
                    for k, v in by_name.items()
                    if k.startswith("exercises/") and k.replace("exercises/", "solutions/")
                    in by_name]
            if gaps:
                out.append(
                    "How much of this is noise: an exercise and its solution run nearly the same "
                    f"code, yet their medians differ by up to {_f(max(gaps))} s here (other work "
                    "shared the machine; see the load averages). A notebook just over the line "
                    "may be within it on a quiet machine; the lessons that draw several figures "
                    "are over it on any.")
            pyplot = nb.get("with_pyplot", {}).get("median")
            if pyplot:
                within = [r["notebook"] for r in over
                          if r["median"] <= nb["target_ratio"] * pyplot]
                out.append(
                    f"Against the floor with pyplot ({_f(pyplot)} s: what a notebook that draws "
                    "a figure needs at least), "
                    + (f"{len(within)} of these {len(over)} are within {nb['target_ratio']} ×"
                       + (f" ({', '.join(within)})" if within else "") + "."))
    rs = sec.get("responses", {})
    if "widgets" in rs:
        slow = [r for r in rs["widgets"] + rs["checks"] if r["p95"] >= rs["target_ms"]]
        if slow:
            out.append("Responses at or over the target at p95: " + ", ".join(
                f"{r.get('widget') or r.get('check')} {r.get('action', '')} "
                f"({_ms(r, 'p95')} ms)" for r in slow) + ".")
        first = [r for r in rs["widgets"] + rs["checks"] if r["first_ms"] >= rs["target_ms"]]
        if first:
            out.append("First responses in a fresh kernel at or over 50 ms: " + ", ".join(
                f"{r.get('widget') or r.get('check')} ({_f(r['first_ms'], 1)} ms)"
                for r in first) + ": work done once in a kernel (a first figure, a first "
                "table load); the later answers are well under the target.")
    b = sec.get("build", {})
    if "warm_ratio" in b and b["warm_ratio"] >= b["target_ratio"]:
        out.append(
            f"A warm build takes {_f(b['warm_ratio'])} of a cold one: Jupyter Book starts Sphinx "
            "and its extensions, reads the configuration and checks every source for changes "
            "even when none changed; that fixed cost is most of a warm build.")
    site = sec.get("site", {})
    if "course" in site:
        pages = [p for p in site["course"]["pages"] if "bytes" in p]
        t = site["targets"]
        widget = [p for p in pages if any(WIDGET_SCRIPT in u for _, u in p.get("largest", []))]
        if widget:
            js = [s for p in widget for s, u in p.get("largest", []) if WIDGET_SCRIPT in u]
            out.append(
                f"{len(widget)} page(s) carry saved widget state and load the widget manager "
                f"({_kb(min(js))} KB gzipped): "
                + ", ".join(p["page"] for p in widget)
                + ". Re-run them with `csto-course execute`, which saves widgets as still HTML "
                "copies and no widget state (see benchmarks/README.md).")
        plain = [p for p in pages if p not in widget and p["bytes"]["median"] >= t["bytes"]]
        if plain:
            out.append("Pages over the budget as they load: " + ", ".join(
                f"{p['page']} ({_kb(p['bytes']['median'])} KB)" for p in plain) + ".")
        heavy_read = sorted(
            (p for p in pages if p.get("bytes_read", {}).get("median", 0) >= t["bytes"]),
            key=lambda p: -p["bytes_read"]["median"])
        if heavy_read:
            out.append(
                "Pages over the budget once read to the end: " + ", ".join(
                    f"{p['page']} ({_kb(p['bytes_read']['median'])} KB, of which "
                    f"{_kb(p['bytes_read']['median'] - p['bytes']['median'])} KB of figures "
                    "loaded as the reader scrolls)" for p in heavy_read)
                + ". Their figures are already 256-colour PNGs; the rest is the page itself "
                "(about 150 KB, mostly the theme's style sheets). What it would take: fewer "
                "or smaller figures on those lessons (the tall day-by-day timelines are the "
                "largest), or splitting the lesson; a figure drawn smaller is harder to read.")
        slow = [p for p in pages if "performance" in p
                and p["performance"]["median"] < t["performance"]]
        if slow:
            out.append("Pages under 90 for performance: " + ", ".join(
                f"{p['page']} ({p['performance']['median'] * 100:.0f}; LCP "
                f"{p['lcp']['median'] / 1000:.1f} s)" for p in slow)
                + " (see their paint and blocking times in the table below).")
    return out


# ----------------------------------------------------------------------------- sections
def _notebooks(r: dict, add) -> None:
    add("## Notebook run time (fresh kernel, run all)")
    add("")
    add(f"Floor: a fresh kernel that runs `{r['floor_source']}`: "
        f"**{_spread(r['floor'])} s**. A bare kernel (start, no cell, shut down): "
        f"{_spread(r['bare_kernel'])} s; the floor with pyplot "
        f"(`{r.get('pyplot_source', '')}`): {_spread(r.get('with_pyplot', {}))} s. "
        f"Target: every notebook ≤ {r['target_ratio']} × the floor.")
    add("")
    add("| notebook | seconds | × floor | over the floor (s) | cells that raised |")
    add("|---|---|---|---|---|")
    for row in r["notebooks"]:
        extra = row["median"] - r["floor"]["median"]
        mark = "" if row["ratio"] <= r["target_ratio"] else " **(over)**"
        add(f"| {row['notebook']} | {_spread(row)} | {_f(row['ratio'])}{mark} | {_f(extra)} | "
            f"{row['errors']} |")
    add("")


def _imports(r: dict, add) -> None:
    add("## Import and load (fresh process)")
    add("")
    add("Measured inside a new Python process (interpreter start-up excluded; the whole "
        "process's wall time is given too).")
    add("")
    add("| what | import (ms) | then (ms) | total (ms) | × `import pandas` | process (ms) |")
    add("|---|---|---|---|---|---|")
    for row in r["cases"]:
        add(f"| `{row['case']}` | {_spread(row['import'], 0, 1000)} | "
            f"{_spread(row['after'], 0, 1000)} | {_spread(row['total'], 0, 1000)} | "
            f"{_f(row['ratio_to_pandas'])} | {_spread(row['process'], 0, 1000)} |")
    add("")
    add(f"Each course module's own import time, once `{r['deps']}` is already imported "
        "(what a module costs beyond the libraries every notebook loads anyway):")
    add("")
    add("| module | ms |")
    add("|---|---|")
    for row in r["modules_after_deps"]:
        add(f"| `{row['module']}` | {_spread(row, 1, 1000)} |")
    add("")


def _responses(r: dict, add) -> None:
    add("## Widget and check response (in a kernel)")
    add("")
    add(f"Time from `.click()` (or a selection change, for the timeline) or a check call to the "
        f"feedback being shown, in ms. *First* is the first response after the notebook ran in a "
        f"fresh kernel; median, p95 and max are over the next runs. Target: p95 < "
        f"{r['target_ms']:.0f} ms.")
    add("")
    add("| widget | notebook | action | first | median | p95 | max | feedback shown |")
    add("|---|---|---|---|---|---|---|---|")
    for w in r["widgets"]:
        flag = "" if w["p95"] < r["target_ms"] else " **(over)**"
        add(f"| {w['widget']} | {w['notebook']} | {w['action']} | {_f(w['first_ms'], 1)} | "
            f"{_ms(w)} | {_ms(w, 'p95')}{flag} | {_ms(w, 'max')} | {w.get('feedback') or '–'} |")
    add("")
    add("| check | first | median | p95 | max | right answer accepted |")
    add("|---|---|---|---|---|---|")
    for c in r["checks"]:
        flag = "" if c["p95"] < r["target_ms"] else " **(over)**"
        add(f"| `{c['check']}` | {_f(c['first_ms'], 1)} | {_ms(c)} | {_ms(c, 'p95')}{flag} | "
            f"{_ms(c, 'max')} | {_yes(c.get('right_answer_ok'))} |")
    add("")
    for note in r.get("notes", []):
        add(f"- {note}")
    if r.get("notes"):
        add("")


def _build(r: dict, add) -> None:
    add("## Site build")
    add("")
    add(f"`{r['command']}`; the touched lesson is `{r['touched']}` (its modification time only).")
    if "environment" in r:
        add(f"Run in {r['environment']}, as the README's build command installs it.")
    add("")
    add("| build | seconds | × cold |")
    add("|---|---|---|")
    add(f"| cold (no `_build`) | {_spread(r['cold'], 1)} | 1.00 |")
    add(f"| warm (nothing changed) | {_spread(r['warm'], 1)} | {_f(r['warm_ratio'])} |")
    add(f"| one lesson touched | {_spread(r['touched_one'], 1)} | {_f(r['touched_ratio'])} |")
    add("")
    here = r.get("here")
    if here:
        add(
            f"In the environment that ran the benchmarks (with the `test` extra), one cold build "
            f"took {here['cold']:.1f} s and a warm one {here['warm']:.1f} s "
            f"({_f(here['warm_ratio'])} of cold). There `import jsonschema`, which Jupyter Book "
            f"does on every build, takes {here['jsonschema_import']:.2f} s against "
            f"{here['jsonschema_import_book_env']:.2f} s in the book-only environment: "
            "JupyterLab's jupyter-events installs `rfc3987-syntax`, which compiles its grammars "
            "on import (jsonschema issue 1428). That fixed cost is in every build, cold or warm."
        )
        add("")
    for problem in r.get("problems", []):
        add("A build reported problems:")
        add("")
        add("```")
        add(problem.strip()[-1500:])
        add("```")
        add("")


def _page_table(pages: list[dict], add, t: dict) -> None:
    add("| page | KB | KB read | requests | HTML | CSS | JS | fonts | images | perf | a11y | "
        "FCP s | LCP s | TBT ms |")
    add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for p in pages:
        if "bytes" not in p:
            continue
        k = p.get("by_kind", {})
        kb = _kb(p["bytes"]["median"])
        if p["bytes"]["median"] >= t["bytes"]:
            kb = f"**{kb}**"
        read = p.get("bytes_read", {}).get("median")
        read_s = "–" if read is None else _kb(read)
        if read is not None and read >= t["bytes"]:
            read_s = f"**{read_s}**"
        perf = p.get("performance")
        a11y = p.get("accessibility")
        perf_s = "–" if not perf else f"{perf['median'] * 100:.0f}"
        if perf and perf["n"] > 1:
            perf_s += f" ({perf['min'] * 100:.0f}–{perf['max'] * 100:.0f})"
        if perf and perf["median"] < t["performance"]:
            perf_s = f"**{perf_s}**"
        a11y_s = "–" if not a11y else f"{a11y['min'] * 100:.0f}"
        if a11y and a11y["min"] < t["accessibility"]:
            a11y_s = f"**{a11y_s}** ({', '.join(p.get('failed_a11y', []))})"
        add(f"| {p['page']} | {kb} | {read_s} | {p['requests']:.0f} | "
            f"{_kb(k.get('Document', 0))} | "
            f"{_kb(k.get('Stylesheet', 0))} | {_kb(k.get('Script', 0))} | "
            f"{_kb(k.get('Font', 0))} | {_kb(k.get('Image', 0))} | {perf_s} | {a11y_s} | "
            f"{_f(p.get('fcp', {}).get('median', float('nan')) / 1000, 1)} | "
            f"{_f(p.get('lcp', {}).get('median', float('nan')) / 1000, 1)} | "
            f"{_f(p.get('tbt', {}).get('median'), 0)} |")
    add("")


def _site(r: dict, add) -> None:
    t = r["targets"]
    add("## The site in Chromium")
    add("")
    add("Bytes on the wire per page (gzip for text, as a static host serves it; a first visit "
        "with an empty cache; everything the page loads until the network is idle; *KB read*: "
        "everything once a reader has scrolled to the end and every lazy figure has loaded), "
        "in KB of 1024 bytes, split by kind (as it loads); Lighthouse performance (mobile "
        "profile) and accessibility "
        "scores, first and largest contentful paint and total blocking time (simulated mobile). "
        f"Targets: < {t['bytes'] // 1024} KB, performance ≥ {t['performance'] * 100:.0f}, "
        f"accessibility {t['accessibility'] * 100:.0f}. **Bold** misses a target.")
    add("")
    for name, title in (("course", "The course"), ("sample", "The sample book "
                                                   "(`jupyter-book create`)")):
        if name not in r:
            continue
        pages = r[name]["pages"]
        add(f"### {title}")
        add("")
        _page_table(pages, add, t)
        weighed = [p for p in pages if "bytes" in p]
        if weighed:
            b = sorted(p["bytes"]["median"] for p in weighed)
            add(f"{len(weighed)} pages: median {_kb(b[len(b) // 2])} KB, lightest {_kb(b[0])} KB, "
                f"heaviest {_kb(b[-1])} KB.")
            add("")
    if "course" in r and "sample" in r:
        course = [p for p in r["course"]["pages"] if "bytes" in p]
        sample = [p for p in r["sample"]["pages"] if "bytes" in p]
        widget = [p for p in course if any(WIDGET_SCRIPT in u for _, u in p.get("largest", []))]
        plain = [p for p in course if p not in widget]

        def med(ps, key):
            vals = sorted(p[key]["median"] for p in ps if key in p)
            return vals[len(vals) // 2] if vals else float("nan")

        add("### Side by side")
        add("")
        add("| pages | n | median KB | median requests | median performance | "
            "median accessibility |")
        add("|---|---|---|---|---|---|")
        for label, ps in (("sample book", sample),
                          ("course, pages without saved widget state", plain),
                          ("course, pages with saved widget state", widget)):
            if not ps:
                continue
            reqs = sorted(p["requests"] for p in ps)
            add(f"| {label} | {len(ps)} | {_kb(med(ps, 'bytes'))} | {reqs[len(reqs) // 2]:.0f} | "
                f"{med(ps, 'performance') * 100:.0f} | {med(ps, 'accessibility') * 100:.0f} |")
        add("")
        if widget:
            wb = []
            for p in widget:
                for size, url in p.get("largest", []):
                    if WIDGET_SCRIPT in url:
                        wb.append(size)
            add(f"The widget manager (`embed-amd.js`) alone transfers {_kb(min(wb))} KB gzipped on "
                f"each of the {len(widget)} pages with saved widget state; see the README for the "
                "trade-off.")
            add("")
    blocking = sorted({u for p in r.get("course", {}).get("pages", [])
                       for u in p.get("render_blocking", [])})
    if blocking:
        add("Render-blocking resources Lighthouse still lists on course pages: "
            + ", ".join(f"`{u.split('?')[0]}`" for u in blocking) + ".")
        add("")
    errors = sorted({e for p in r.get("course", {}).get("pages", []) for e in p.get("errors", [])})
    if errors:
        add("JavaScript errors on course pages: " + "; ".join(f"`{e}`" for e in errors) + ".")
        add("")
    failed = sorted({u for p in r.get("course", {}).get("pages", []) for u in p.get("failed", [])})
    if failed:
        add("Requests that failed (404) on course pages: "
            + ", ".join(f"`{u.split('/', 3)[-1]}`" for u in failed) + ".")
        add("")
