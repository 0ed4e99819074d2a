#!/usr/bin/env python3
"""How long staff wait for the site to build when it grows: a benchmark, not a test.

For each page count (default 100 and 1,000) it

1. generates, in a temporary folder, a copy of the site with that many pages: the real pages
   plus copies of the low-back-pain article (its citations, figure and booking boxes included),
   in menu sections of --section-size pages (default 100). The site's own mkdocs.yml decides
   everything else (its theme features among them);
2. builds four variants, --repeats times each (default 3; the machine is shared), in rounds of
   one build of every variant and page count, order alternating: with our hooks; with our hooks less Pagefind (hooks/search_index.py); without
   hooks, with Material's search plugin in Pagefind's place; without hooks or search. The
   hook-less sites get what the hooks add to `extra:` precomputed, and every `[@key]` turned,
   before the timer starts, into the exact footnotes the citation hook writes;
3. prints a table of the medians of those runs: wall and CPU time (the process and its
   children, so Pagefind counts) and peak memory; then both ratios against their budgets
   (issue 14: hooks / no hooks at most 1.3x, with Pagefind against Material's search and
   without either; the largest page count / the smallest at most 11x), and what Pagefind and
   Material's search cost on their own, saying when Pagefind alone breaks the budget;
4. with --profile, profiles the largest build with hooks (cProfile) and prints each hook's
   time in its events and where the slowest hooks spend it; with --edits N, times N one-line
   edits under `mkdocs serve --dirty`.

    .venv/bin/python scripts/bench_build.py
    .venv/bin/python scripts/bench_build.py --repeats 1 --pages 200 --profile   # quick
"""

from __future__ import annotations

import argparse
import os
import pstats
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from bench_common import BUILD_ENV, Timed, copy_project, median, mkdocs_build, time_in_files

ARTICLE = "articles/acupuncture-for-low-back-pain.md"
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
PAGEFIND_HOOK = "hooks/search_index.py"
VARIANTS = ("hooks", "hooks, no Pagefind", "no hooks, Material search", "no hooks, no search")
# Each variant as the table shows it: (hooks, search).
COLUMNS = {"hooks": ("on", "Pagefind"), "hooks, no Pagefind": ("on", "none"),
           "no hooks, Material search": ("off", "Material"), "no hooks, no search": ("off", "none")}
HOOKS_BUDGET = 1.3    # issue 14: all hooks at most 1.3x the same tree without them
GROWTH_BUDGET = 11.0  # issue 14: 1,000 pages in at most 11x the time of 100


# --------------------------------------------------------------------------------------------
# The generated site
# --------------------------------------------------------------------------------------------

def _plain(value):
    """Settings as plain YAML-able data (MkDocs' Config objects are mappings, not dicts)."""
    if hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)



def page_count(docs: Path) -> int:
    return sum(1 for _ in docs.rglob("*.md"))


def generate(project: Path, pages: int, section_size: int) -> tuple[list[str], dict]:
    """Adds copies of the article to `project` until it has `pages` pages; returns their paths
    (inside docs/) and the config with them in the nav."""
    docs = project / "docs"
    source = (docs / ARTICLE).read_text(encoding="utf-8")
    copies = max(0, pages - page_count(docs))
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    paths, sections = [], []
    for number in range(1, copies + 1):
        section = (number - 1) // section_size + 1
        # One folder deep, like docs/articles/, so the article's relative links still work.
        path = f"library-{section:02d}/page-{number:04d}.md"
        text = re.sub(r"^title: (.*)$", rf"title: \1 ({number})", source, count=1, flags=re.M)
        (docs / path).parent.mkdir(exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
        paths.append(path)
        if len(sections) < section:
            sections.append({f"Library {section:02d}": []})
        sections[-1][f"Library {section:02d}"].append({f"Back pain, copy {number}": path})
    config["nav"] = list(config["nav"]) + sections
    return paths, config


def without_hooks(project: Path, config: dict, search: bool = True) -> dict:
    """The config and pages of the hook-less build: what the hooks add to `extra:` precomputed,
    the shared clinic text and figures put in and citations turned into the same footnotes, as
    the hooks would, so both sites show the same pages; and (when the site's search comes from a
    hook) Material's own search plugin, so both sites have a search."""
    sys.path.insert(0, str(project / "hooks"))
    from mkdocs.config import load_config  # noqa: E402  (only the generator needs MkDocs)
    from clinic.bibliography import format_works, parse_entries  # noqa: E402
    from clinic.citation_syntax import render_citations  # noqa: E402
    from clinic.front_matter import body  # noqa: E402
    import jinja2  # noqa: E402
    from clinic.figure_templates import figure_environment, figure_html  # noqa: E402
    from clinic.figures import load_figures  # noqa: E402
    from clinic.html_policy import without_trust_marks  # noqa: E402
    from clinic.markers import find_markers, replace_lines  # noqa: E402

    cwd = os.getcwd()
    os.chdir(project)
    try:
        loaded = load_config(str(project / "mkdocs.yml"))
        loaded = loaded.plugins.on_config(loaded)  # every hook's on_config, once
        extra = _plain(loaded.extra)
        theme_dirs = list(loaded.theme.dirs)
    finally:
        os.chdir(cwd)
    clinic_text = jinja2.Environment(loader=jinja2.FileSystemLoader(str(project / "overrides/partials/clinic")),
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    figures = load_figures(project / "data" / "figures", "data/figures")
    drawings = figure_environment(theme_dirs)

    def with_markers_replaced(markdown: str) -> str:
        markers, _ = find_markers(markdown, "clinic")
        markdown, _ = replace_lines(markdown, {m.line: clinic_text.get_template(f"{m.name}.md").render(
            clinic=extra["clinic"]) for m in markers})
        markers, _ = find_markers(markdown, "figure")
        markdown, _ = replace_lines(markdown, {m.line: without_trust_marks(figure_html(drawings, figures[m.name]))
                                               for m in markers})
        return markdown

    settings = config["extra"]["citations"]
    bibliography = project / settings["bibliography"]
    works = format_works(parse_entries(bibliography.read_text(encoding="utf-8"), bibliography.name),
                         settings.get("style", "american-medical-association"))
    references = {key: work.reference for key, work in works.items()}
    heading = settings.get("heading", "References")
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        markdown = body(text)
        rendered = render_citations(with_markers_replaced(markdown), references, heading)
        page.write_text(text[:len(text) - len(markdown)] + rendered.markdown, encoding="utf-8")
    plain = dict(config)
    # Kept: the templates' words and dates in the page's language come from this hook, which
    # does no work on pages (without it the templates cannot render).
    plain["hooks"] = [hook for hook in config.get("hooks", []) if str(hook).endswith("/languages.py")]
    plain["extra"] = extra
    plugins = list(plain.get("plugins") or [])
    names = [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    if search and "search" not in names and any("search" in str(hook) for hook in config.get("hooks", [])):
        plain["plugins"] = ["search", *plugins]
    return plain


def write_config(project: Path, config: dict) -> None:
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                        encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Running MkDocs
# --------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild(project: Path, page: Path, edits: int, timeout: float) -> tuple[float | None, list[tuple[float, float | None]], str]:
    """(first build's seconds, [(seconds from the edit to the log's 'built', MkDocs' own seconds)], log tail)."""
    port = free_port()
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
                             cwd=project, env=BUILD_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    seen: list[str] = []

    def reader():
        for line in child.stdout:
            lines.put((time.perf_counter(), line))
        lines.put((time.perf_counter(), None))

    threading.Thread(target=reader, daemon=True).start()

    def wait_for(pattern: re.Pattern, deadline: float):
        while time.perf_counter() < deadline:
            try:
                stamp, line = lines.get(timeout=max(0.05, deadline - time.perf_counter()))
            except queue.Empty:
                break
            if line is None:
                return None, None
            seen.append(line)
            match = pattern.search(line)
            if match:
                return stamp, match
        return None, None

    first, results = None, []
    try:
        _, match = wait_for(BUILT, time.perf_counter() + timeout)
        if match:
            first = float(match[1])
            wait_for(re.compile(r"Serving on"), time.perf_counter() + 30)
            for number in range(edits):
                time.sleep(1.5)  # let the file watcher settle
                with open(page, "a", encoding="utf-8") as file:
                    file.write(f"\nOne more line of text, edit {number + 1}.\n")
                edited = time.perf_counter()
                stamp, done = wait_for(re.compile(r"Documentation built in ([0-9.]+) seconds|Aborted with"),
                                       edited + timeout)
                if stamp is None:
                    results.append((None, None))
                    break
                results.append((stamp - edited, float(done[1]) if done[1] else None))
    finally:
        child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return first, results, "".join(seen[-15:])


def hook_hotspots(stats: pstats.Stats, hooks_dir: Path, slow: list[str], limit: int = 10) -> str:
    """Where each slow hook's time goes: its own functions (in hooks/) by total time, and the
    library calls they make, timed on those call edges only (so time spent in the same library
    function on behalf of MkDocs is not counted)."""
    stats.calc_callees()
    hooks_dir = str(hooks_dir.resolve())

    def shown(func) -> str:
        file, line, name = func
        where = file.replace(hooks_dir + "/", "hooks/") if file.startswith(hooks_dir) else Path(file).name
        return f"{name} ({where}:{line})"

    lines = []
    for hook in slow:
        name = Path(hook.split()[0]).name
        roots = [f for f in stats.stats if f[0].endswith("/" + name) and f[2].startswith("on_")]
        ours, library, todo, seen = {}, {}, list(roots), set()
        while todo:
            func = todo.pop()
            if func in seen:
                continue
            seen.add(func)
            ours[func] = stats.stats[func][3]
            for callee, edge in stats.all_callees.get(func, {}).items():
                if callee[0].startswith(hooks_dir):
                    todo.append(callee)
                else:
                    library[callee] = library.get(callee, 0.0) + edge[3]
        total = sum(stats.stats[f][3] for f in roots)
        lines.append(f"\n  {hook} ({total:.2f} s under cProfile, which slows pure-Python code most)")
        lines.append("    its functions, by total time:")
        for func, seconds in sorted(ours.items(), key=lambda item: -item[1])[:limit]:
            lines.append(f"      {seconds:7.3f} s  {shown(func)}")
        lines.append("    library calls it makes, by time on those calls:")
        for func, seconds in sorted(library.items(), key=lambda item: -item[1])[:limit // 2]:
            lines.append(f"      {seconds:7.3f} s  {shown(func)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

def variants(work: Path, pages: int, section_size: int) -> tuple[dict[str, Path], list[str]]:
    """The four projects of one page count, and the generated pages' paths."""
    hooked = copy_project(work / "hooks")
    paths, config = generate(hooked, pages, section_size)
    write_config(hooked, config)
    projects = {"hooks": hooked}
    no_pagefind = work / "hooks-no-pagefind"
    shutil.copytree(hooked, no_pagefind)
    write_config(no_pagefind, {**config, "hooks": [h for h in config["hooks"] if h != PAGEFIND_HOOK]})
    projects["hooks, no Pagefind"] = no_pagefind
    for name, search in (("no hooks, Material search", True), ("no hooks, no search", False)):
        bare = work / name.replace(", ", "-").replace(" ", "-")
        shutil.copytree(hooked, bare)
        write_config(bare, without_hooks(bare, config, search=search))
        projects[name] = bare
    return projects, paths


def _verdict(ratio: float, budget: float) -> str:
    return "within" if ratio <= budget else "OVER"


def print_table(results: dict[int, dict[str, list[Timed]]]) -> None:
    """The medians of each variant's runs, the two ratios of issue 14 against their budgets, and
    what each search costs on its own."""
    def mid(pages: int, name: str, what: str) -> float:
        return median(getattr(r, what) for r in results[pages][name])

    runs = min(len(r) for by_variant in results.values() for r in by_variant.values())
    print(f"\nMedians of {runs} run{'s' if runs > 1 else ''} per configuration "
          "(CPU: MkDocs and its children, Pagefind among them):")
    print(f"{'pages':>6}  {'hooks':5s}  {'search':8s}  {'wall s':>7}  {'CPU s':>7}  {'peak MB':>7}")
    for pages in results:
        for name in VARIANTS:
            hooks, search = COLUMNS[name]
            print(f"{pages:6d}  {hooks:5s}  {search:8s}  {mid(pages, name, 'wall'):7.2f}  {mid(pages, name, 'cpu'):7.2f}  "
                  f"{mid(pages, name, 'peak_mb'):7.0f}")

    print(f"\nHooks / no hooks, same pages (budget {HOOKS_BUDGET}x):")
    print(f"{'pages':>6}  {'compared':44s}  {'wall':>6}  {'CPU':>6}")
    for pages in results:
        for hooked, bare in (("hooks", "no hooks, Material search"), ("hooks, no Pagefind", "no hooks, no search")):
            wall = mid(pages, hooked, "wall") / mid(pages, bare, "wall")
            cpu = mid(pages, hooked, "cpu") / mid(pages, bare, "cpu")
            label = f"{hooked} / {bare}"
            print(f"{pages:6d}  {label:44s}  {wall:5.2f}x  {cpu:5.2f}x  {_verdict(cpu, HOOKS_BUDGET)} (CPU), "
                  f"{_verdict(wall, HOOKS_BUDGET)} (wall)")

    print("\nWhat the searches cost on their own, and the hooks without them (median CPU seconds):")
    for pages in results:
        pagefind = mid(pages, "hooks", "cpu") - mid(pages, "hooks, no Pagefind", "cpu")
        material = mid(pages, "no hooks, Material search", "cpu") - mid(pages, "no hooks, no search", "cpu")
        hooks = mid(pages, "hooks, no Pagefind", "cpu") - mid(pages, "no hooks, no search", "cpu")
        bare = mid(pages, "no hooks, Material search", "cpu")
        print(f"  {pages:6d} pages: Pagefind {pagefind:6.2f} s, Material's search {material:6.2f} s, "
              f"the other hooks {hooks:6.2f} s (of a {bare:.2f} s build without hooks)")
        whole = mid(pages, "hooks", "cpu") / bare
        without_pagefind = (mid(pages, "hooks, no Pagefind", "cpu") + material) / bare
        if whole > HOOKS_BUDGET >= without_pagefind:
            print(f"          Pagefind alone breaks the budget: {whole:.2f}x with it, {without_pagefind:.2f}x "
                  "with Material's search's cost in its place")

    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        # The budget is for ten times the pages (100 and 1,000); other counts get no verdict.
        judged = large == 10 * small
        print(f"\n{large} pages / {small} pages ({large / small:.0f}x the pages"
              + (f"; budget {GROWTH_BUDGET:.0f}x):" if judged else "):"))
        for name in VARIANTS:
            hooks, search = COLUMNS[name]
            wall = mid(large, name, "wall") / mid(small, name, "wall")
            cpu = mid(large, name, "cpu") / mid(small, name, "cpu")
            verdict = f"  {_verdict(cpu, GROWTH_BUDGET)} (CPU), {_verdict(wall, GROWTH_BUDGET)} (wall)" if judged else ""
            print(f"  hooks {hooks:3s} search {search:8s}  {wall:6.2f}x wall  {cpu:6.2f}x CPU{verdict}")


def print_profile(project: Path, site_dir: Path, out: Path) -> None:
    print("\nProfiling one build with hooks (cProfile, which slows pure-Python code most) ...", flush=True)
    mkdocs_build(project, site_dir, profile=out)
    seconds = time_in_files(out, project / "hooks")
    stats = pstats.Stats(str(out))
    whole = stats.total_tt
    print(f"Time in each hook's events (share of the profiled build's {whole:.2f} s):")
    for name, value in sorted(seconds.items(), key=lambda item: -item[1]):
        note = "  (the wait for Pagefind, a child process cProfile does not see into)" if PAGEFIND_HOOK.endswith(name) else ""
        print(f"  hooks/{name:28s} {value:7.2f} s  {value / whole:6.1%}{note}")
    slow = [f"hooks/{name}" for name, _ in sorted(seconds.items(), key=lambda item: -item[1])[:2]]
    print(hook_hotspots(stats, project / "hooks", slow))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--section-size", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3, help="runs per configuration; the table shows "
                        "their medians (1 for a quick look)")
    parser.add_argument("--only", choices=VARIANTS, nargs="+", default=list(VARIANTS))
    parser.add_argument("--edits", type=int, default=0, help="one-line edits timed under mkdocs serve --dirty")
    parser.add_argument("--profile", action="store_true", help="profile the largest build with hooks")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args()

    import mkdocs
    if not mkdocs.__version__.startswith("1.6."):
        sys.exit(f"MkDocs {mkdocs.__version__} is installed; this benchmark is for MkDocs 1.6")

    work = Path(tempfile.mkdtemp(prefix="alban-bench-"))
    results: dict[int, dict[str, list[Timed]]] = {}
    try:
        projects: dict[int, dict[str, Path]] = {}
        for pages in sorted(args.pages):
            print(f"Generating {pages} pages in {work / str(pages)} ...", flush=True)
            projects[pages], _ = variants(work / str(pages), pages, args.section_size)
            results[pages] = {name: [] for name in args.only}
        # Each round builds every configuration once, in alternating order, so a change in the
        # machine's load during the benchmark falls on all of them alike (ratios included).
        builds = [(pages, name) for pages in sorted(args.pages) for name in args.only]
        for repeat in range(args.repeats):
            print(f"Round {repeat + 1} of {args.repeats}:", flush=True)
            for pages, name in builds if repeat % 2 == 0 else reversed(builds):
                run = mkdocs_build(projects[pages][name], work / "site" / str(pages) / name.replace(" ", "-"))
                results[pages][name].append(run)
                print(f"  {pages} pages, {name:27s}: {run.wall:7.2f} s wall {run.cpu:7.2f} s CPU "
                      f"{run.peak_mb:6.0f} MB", flush=True)
        if set(args.only) == set(VARIANTS):
            print_table(results)
        largest = max(results)
        if args.profile:
            print_profile(work / str(largest) / "hooks", work / "site" / "profiled", work / "build.prof")
        if args.edits:
            project = work / str(largest) / "hooks"
            print("\nEditing one page under `mkdocs serve --dirty` ...", flush=True)
            first, rebuilds, tail = serve_rebuild(project, project / "docs" / ARTICLE, args.edits, timeout=300)
            print(f"first build {first} s; " + ", ".join(f"edit {n}: {s:.2f} s" if s is not None else f"edit {n}: none seen"
                                                      for n, (s, _) in enumerate(rebuilds, 1)))
        if args.keep:
            print(f"\nThe generated sites are in {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
