#!/usr/bin/env python3
"""Lighthouse scores of the site's main pages: a benchmark, not a test.

In one run it

1. builds the site strictly into a temporary folder (or takes a built one with --site DIR);
2. serves it on 127.0.0.1 with tests/site_server.py (gzip, index.html, 404.html, as a static
   host does);
3. runs Lighthouse 12.2.3 (package.json; `npm install`) with Debian's Chromium, --runs times
   (default 3) on each page, pages taken in turn so drift on the machine hits them all alike;
4. prints, per page, the medians of the four category scores, LCP, CLS, TBT and the bytes
   transferred; then, for each category whose median is under 100, the audits that lose points
   in the run with the median score of that category.

Lighthouse's defaults are kept: mobile form factor (Moto G Power sized screen) and *simulated*
throttling (slow 4G, 4x CPU slowdown), so LCP and TBT are estimates computed from a fast local
load, not stopwatch times. The host's own speed and load still move them, TBT most (Lighthouse
multiplies the main-thread work it measured here by 4): the table prints Lighthouse's CPU
benchmark index and the load average beside it. Compare medians from a quiet machine.

The site is served from http://127.0.0.1 while its canonical links, sitemap and Open Graph URLs
name https://alban-acupuncture.example.org/ and its booking and map links are placeholders on
example.org: a page whose audit fails only because of that is a placeholder effect, not a flaw.

    .venv/bin/python scripts/bench_lighthouse.py
    .venv/bin/python scripts/bench_lighthouse.py --site site --runs 1 --keep-reports /tmp/lh
    .venv/bin/python scripts/bench_lighthouse.py --all --runs 1    # every page, both languages
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from site_server import page_paths, serve  # noqa: E402

from bench_common import BUILD_ENV  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = {
    "home": "",
    "article": "articles/acupuncture-for-low-back-pain/",
    "FAQ": "insurance/",
    "booking": "book/",
    "mechanism": "how-acupuncture-works/pain-signals/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {  # audit id: (column, unit divisor, format)
    "largest-contentful-paint": ("LCP s", 1000, "{:.2f}"),
    "cumulative-layout-shift": ("CLS", 1, "{:.3f}"),
    "total-blocking-time": ("TBT ms", 1, "{:.0f}"),
    "total-byte-weight": ("KB", 1024, "{:.0f}"),
}


def every_page(site: Path) -> dict[str, str]:
    """Every page a reader can open in the built site, named by its path (the not-found page,
    served with status 404, is one Lighthouse will not score)."""
    return {path.strip("/") or "home": path.lstrip("/") for path in page_paths(site) if path.endswith("/")}


def build(site_dir: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--site-dir", str(site_dir)], cwd=ROOT, env=BUILD_ENV, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench_lighthouse: the build failed:\n{result.stderr}")


def lighthouse(url: str, out: Path) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    result = subprocess.run(command, env={**BUILD_ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if result.returncode or not out.is_file():
        sys.exit(f"bench_lighthouse: Lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        sys.exit(f"bench_lighthouse: Lighthouse could not load {url}: {report['runtimeError']}")
    return report


def score(report: dict, category: str) -> int:
    value = report["categories"][category]["score"]
    return -1 if value is None else round(value * 100)


def median_run(reports: list[dict], category: str) -> dict:
    """The run whose score in this category is the median one (the lower middle for even counts)."""
    ranked = sorted(reports, key=lambda report: score(report, category))
    return ranked[(len(ranked) - 1) // 2]


def losing_audits(report: dict, category: str) -> list[str]:
    """The audits of a category that are not fully passed: weighted ones first, then those that
    only inform (weight 0, such as performance's opportunities and diagnostics)."""
    lines = []
    for ref in sorted(report["categories"][category]["auditRefs"], key=lambda ref: -ref.get("weight", 0)):
        audit = report["audits"][ref["id"]]
        if audit.get("score") is None or audit["score"] >= 1 or audit.get("scoreDisplayMode") in {
                "notApplicable", "manual", "informative"}:
            continue
        if ref.get("weight", 0) == 0 and audit["score"] >= 0.9:
            continue  # a passing diagnostic
        value = f" — {audit['displayValue']}" if audit.get("displayValue") else ""
        lines.append(f"    {ref['id']} (score {audit['score']:.2f}, weight {ref.get('weight', 0)}): "
                     f"{audit['title']}{value}")
        for item in (audit.get("details") or {}).get("items", [])[:3]:
            node = item.get("node") or {}
            where = node.get("snippet") or item.get("url") or item.get("source", {}).get("url") or ""
            if where:
                lines.append(f"        {str(where)[:140]}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one now)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--keep-reports", type=Path, help="also keep every JSON report in this folder")
    parser.add_argument("--all", action="store_true", help="every page of the site, not only the five main ones")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("bench_lighthouse: Lighthouse is missing: run `npm install --no-audit --no-fund` "
                 "(or `bash scripts/setup.sh --test`)")
    if not Path(CHROMIUM).exists():
        sys.exit(f"bench_lighthouse: no Chromium at {CHROMIUM}: run `bash scripts/setup.sh --test`")

    work = Path(tempfile.mkdtemp(prefix="bench-lighthouse-"))
    try:
        site = args.site
        if site is None:
            site = work / "site"
            build(site)
        reports_dir = args.keep_reports or work / "reports"
        reports_dir.mkdir(parents=True, exist_ok=True)
        pages = every_page(site) if args.all else PAGES
        server, base = serve(site.resolve())
        reports: dict[str, list[dict]] = {name: [] for name in pages}
        try:
            for run in range(1, args.runs + 1):
                for name, path in pages.items():
                    print(f"run {run}/{args.runs}: {name} ({base}{path})", file=sys.stderr, flush=True)
                    out = reports_dir / f"{name.lower().replace('/', '_')}-{run}.json"
                    reports[name].append(lighthouse(base + path, out))
        finally:
            server.shutdown()
        first = next(iter(reports.values()))[0]
        version = first["lighthouseVersion"]
        chrome = first["environment"]["hostUserAgent"].split("Chrome/")[-1].split(" ")[0]
        print_table(reports, version, chrome, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_table(reports: dict[str, list[dict]], version: str, chrome: str, runs: int) -> None:
    benchmark = statistics.median(r["environment"]["benchmarkIndex"] for rs in reports.values() for r in rs)
    print(f"\nLighthouse {version}, Chromium {chrome}, mobile, simulated throttling; "
          f"median of {runs} run(s) per page")
    print(f"CPU: Lighthouse benchmarkIndex {benchmark:.0f} (median), load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: a busy machine raises TBT and LCP\n")
    columns = ["page", *CATEGORIES, *(column for column, _, _ in METRICS.values())]
    rows = []
    for name, page_reports in reports.items():
        row = [name] + [str(round(statistics.median(score(r, c) for r in page_reports))) for c in CATEGORIES]
        for audit, (_, divisor, form) in METRICS.items():
            values = [r["audits"][audit]["numericValue"] / divisor for r in page_reports]
            row.append(form.format(statistics.median(values)))
        rows.append(row)
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join(" --- " for _ in columns) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")

    print()
    for name, page_reports in reports.items():
        for category in CATEGORIES:
            median = statistics.median(score(r, category) for r in page_reports)
            if median >= 100:
                continue
            print(f"{name}: {category} {median:g} — what loses points (median run):")
            print("\n".join(losing_audits(median_run(page_reports, category), category)) or "    (nothing listed)")
    canonical = [r["audits"]["canonical"] for rs in reports.values() for r in rs]
    failed = [a for a in canonical if a.get("score") == 0]
    print("\ncanonical audit: " + (f"failed in {len(failed)} of {len(canonical)} runs: "
                                   f"{failed[0].get('explanation', '')}" if failed else
                                   f"passed in all {len(canonical)} runs (the canonical link names the "
                                   "production host; Lighthouse 12 only checks that it is one valid absolute "
                                   "URL, not an hreflang alternate and not the site's root from another page)"))


if __name__ == "__main__":
    main()
