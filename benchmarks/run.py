"""Run every benchmark of the course on this machine and write benchmarks/RESULTS.md.

    python benchmarks/run.py            # the full run (about 45 minutes on 2 cores)
    python benchmarks/run.py --quick    # fewer repeats (about 25 minutes)
    python benchmarks/run.py --only notebooks,responses   # the other sections are kept
    python benchmarks/run.py --report-only                # rewrite RESULTS.md from its .json

Benchmarks are not tests: they print figures and write a report, and never fail on a time.
The exit code is non-zero only when a benchmark could not run at all. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH, log, machine  # noqa: E402

SECTIONS = ("notebooks", "imports", "responses", "build", "site")

#: Repeats per section: (full, quick).
REPEATS = {
    "notebooks": (5, 3),
    "imports": (10, 5),
    "responses": (40, 15),
    "build": (3, 2),
    "weight": (2, 1),
    "lighthouse": (3, 1),
}
#: The repeats each section uses.
SECTION_REPEATS = {"notebooks": ("notebooks",), "imports": ("imports",),
                   "responses": ("responses",), "build": ("build",),
                   "site": ("weight", "lighthouse")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats of each measurement")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (of: {', '.join(SECTIONS)})")
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md",
                        help="the report to write (default: benchmarks/RESULTS.md)")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite the report from its .json, running nothing")
    args = parser.parse_args(argv)
    if args.report_only:
        from report import write_report

        data = json.loads(args.output.with_suffix(".json").read_text())
        args.output.write_text(write_report(data))
        log(f"wrote {args.output}")
        return 0
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    level = 1 if args.quick else 0
    reps = {k: v[level] for k, v in REPEATS.items()}

    results: dict = {"machine": machine(), "quick": args.quick, "repeats": reps,
                     "sections": {}, "seconds": {}, "load": {}, "dates": {}}
    previous = args.output.with_suffix(".json")
    if set(chosen) != set(SECTIONS) and previous.is_file():
        # A partial run keeps the other sections of the last report (each with its date).
        old = json.loads(previous.read_text())
        for key in ("sections", "seconds", "load", "dates"):
            results[key] = {k: v for k, v in old.get(key, {}).items() if k not in chosen}
        results["quick"] = old.get("quick", args.quick) or args.quick
        kept = {k: v for k, v in old.get("repeats", {}).items()
                if not any(k in SECTION_REPEATS[c] for c in chosen)}
        results["repeats"] = {**kept, **{k: v for k, v in reps.items()
                                         if any(k in SECTION_REPEATS[c] for c in chosen)}}
    full = all(REPEATS[k][0] == v for k, v in results["repeats"].items())
    quick = all(REPEATS[k][1] == v for k, v in results["repeats"].items())
    results["mode"] = "full" if full else "`--quick`" if quick else "partly `--quick`"
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="csto-bench-") as tmp:
        workdir = Path(tmp)
        for section in chosen:
            started = time.perf_counter()
            load_before = os.getloadavg()[0]
            log(f"== {section} (load average {load_before:.1f})")
            try:
                results["sections"][section] = _run_section(section, reps, workdir, results)
            except Exception:  # noqa: BLE001 - report it and go on with the other sections
                failed.append(section)
                results["sections"][section] = {"error": traceback.format_exc()}
                log(f"{section} could not run:\n{traceback.format_exc()}")
            results["seconds"][section] = time.perf_counter() - started
            results["load"][section] = (load_before, os.getloadavg()[0])
            results["dates"][section] = machine()["date"]
    from report import write_report

    # the build's temporary folder is of no use in the record (and names a path of this machine)
    results["sections"].get("build", {}).pop("html", None)
    args.output.write_text(write_report(results), encoding="utf-8")
    text = json.dumps(results, indent=1, default=str) + "\n"
    args.output.with_suffix(".json").write_text(text, encoding="utf-8")
    log(f"wrote {args.output} and {args.output.with_suffix('.json').name}")
    return 1 if failed else 0


def _run_section(section: str, reps: dict, workdir: Path, results: dict) -> dict:
    if section == "notebooks":
        import bench_notebooks

        return bench_notebooks.run(reps["notebooks"])
    if section == "imports":
        import bench_imports

        return bench_imports.run(reps["imports"])
    if section == "responses":
        import bench_responses

        return bench_responses.run(reps["responses"])
    if section == "build":
        import bench_build

        return bench_build.run(reps["build"], workdir)
    if section == "site":
        import bench_site

        built = results["sections"].get("build", {}).get("html")
        return bench_site.run(reps["weight"], reps["lighthouse"], workdir,
                              Path(built) if built else None)
    raise ValueError(section)


if __name__ == "__main__":
    sys.exit(main())
