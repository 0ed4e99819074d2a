#!/usr/bin/env python3
"""How long staff wait for the site to build when it grows: a benchmark, not a test.

In one run it

1. generates, in a temporary folder, a copy of the site with --pages pages (default 1,000):
   the real pages plus copies of the low-back-pain article (its citations, figure and booking
   boxes included), in nav sections of --section-size pages (default 50), with Material's
   `navigation.prune` on (--no-prune to leave it off);
2. builds it with our hooks, and the same pages without them (no `hooks:` in mkdocs.yml; the
   clinic settings the hooks would add precomputed into `extra:`; every `[@key]` turned, before
   the timer starts, into the exact footnotes the citation hook writes, so the Markdown stays
   valid and the pages keep their references; when the site's search comes from a hook, as
   Pagefind does, the hook-less site gets Material's search plugin instead, so both have one),
   --repeats times each, order alternating;
3. times each hook's events inside the build in CPU seconds, programs they run included (the
   machine may be shared: CPU time, not wall time, decides the ratio);
4. starts `mkdocs serve --dirty` on a free port, waits for the first build, edits one page and
   times until the log says the rebuild is done;
5. if a hook takes more than --hook-budget of the build (default 5%) or the hooks make the build
   slower than --ratio-goal (default 1.2x), profiles a build with cProfile and prints the
   hotspots inside the hooks.

    .venv/bin/python scripts/bench_build.py
    .venv/bin/python scripts/bench_build.py --pages 200 --repeats 1 --profile

Peak memory is the child process's own maximum resident size (os.wait4's rusage).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from project_files import copy_project  # noqa: E402

ARTICLE = "articles/acupuncture-for-low-back-pain.md"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONHASHSEED": "0"}
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")

# Runs `mkdocs` with every plugin event call timed (per plugin and event, in CPU seconds, so
# other programs on the machine do not count) and the garbage collector's time, in both builds.
TIMED_MKDOCS = r"""
import collections, gc, json, os, resource, sys, time
import mkdocs.plugins as plugins
totals = collections.defaultdict(float)
def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
def run_event(self, name, item=None, **kwargs):
    pass_item = item is not None
    for method in self.events[name]:
        origin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = origin
        start, start_children = time.process_time(), children_cpu()  # a hook may run a program
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        totals[origin + " " + name] += time.process_time() - start + children_cpu() - start_children
        if result is not None:
            item = result
    self._current_plugin = None
    return item
plugins.PluginCollection.run_event = run_event
gc_start = [0.0]
def gc_timer(phase, info):
    if phase == "start":
        gc_start[0] = time.process_time()
    else:
        totals["<gc> collections"] += time.process_time() - gc_start[0]
gc.callbacks.append(gc_timer)
import atexit
atexit.register(lambda: open(os.environ["BENCH_EVENT_TIMES"], "w").write(json.dumps(totals)))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", *sys.argv[1:]]
cli()
"""


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


def generate(project: Path, pages: int, section_size: int, prune: bool) -> tuple[list[str], dict]:
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
    features = config["theme"].setdefault("features", [])
    if prune and "navigation.prune" not in features:
        features.append("navigation.prune")
    return paths, config


def without_hooks(project: Path, config: dict, search: bool = True) -> dict:
    """The config and pages of the hook-less build: what the hooks add to `extra:` precomputed,
    citations turned into the same footnotes the citation hook would write, and (when the site's
    search comes from a hook) Material's own search plugin, so both sites have a search."""
    sys.path.insert(0, str(project / "hooks"))
    from mkdocs.config import load_config  # noqa: E402  (only the generator needs MkDocs)
    from clinic.bibliography import format_works, parse_entries  # noqa: E402
    from clinic.citation_syntax import render_citations  # noqa: E402

    cwd = os.getcwd()
    os.chdir(project)
    try:
        loaded = load_config(str(project / "mkdocs.yml"))
        loaded = loaded.plugins.on_config(loaded)  # every hook's on_config, once
        extra = _plain(loaded.extra)
    finally:
        os.chdir(cwd)
    settings = config["extra"]["citations"]
    bibliography = project / settings["bibliography"]
    works = format_works(parse_entries(bibliography.read_text(encoding="utf-8"), bibliography.name),
                         settings.get("style", "american-medical-association"))
    references = {key: work.reference for key, work in works.items()}
    heading = settings.get("heading", "References")
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        front, body = _split_front_matter(text)
        rendered = render_citations(body, references, heading)
        if rendered.cited_keys:
            page.write_text(front + rendered.markdown, encoding="utf-8")
    plain = dict(config)
    plain.pop("hooks", None)
    plain["extra"] = extra
    plugins = list(plain.get("plugins") or [])
    names = [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    if search and "search" not in names and any("search" in str(hook) for hook in config.get("hooks", [])):
        plain["plugins"] = ["search", *plugins]
    return plain


def _split_front_matter(text: str) -> tuple[str, str]:
    match = re.match(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", text, re.S)
    return (text[:match.end()], text[match.end():]) if match else ("", text)


def write_config(project: Path, config: dict) -> None:
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                        encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Running MkDocs
# --------------------------------------------------------------------------------------------

@dataclass
class Run:
    wall: float
    cpu: float
    built: float | None
    peak_mb: float
    events: dict = field(default_factory=dict)


def timed_build(project: Path, site_dir: Path, log_dir: Path) -> Run:
    times_file = log_dir / "events.json"
    log_file = log_dir / "build.log"
    env = {**ENV, "BENCH_EVENT_TIMES": str(times_file)}
    with open(log_file, "w") as log:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", TIMED_MKDOCS, "build", "--site-dir", str(site_dir)],
                                 cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    output = log_file.read_text()
    if child.returncode != 0:
        sys.exit(f"the build in {project} failed:\n{output[-3000:]}")
    built = BUILT.search(output)
    events = json.loads(times_file.read_text()) if times_file.exists() else {}
    return Run(wall, usage.ru_utime + usage.ru_stime, float(built[1]) if built else None, usage.ru_maxrss / 1024,
               events)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild(project: Path, page: Path, edits: int, timeout: float) -> tuple[float | None, list[tuple[float, float | None]], str]:
    """(first build's seconds, [(seconds from the edit to the log's 'built', MkDocs' own seconds)], log tail)."""
    port = free_port()
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
                             cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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


def profile_build(project: Path, site_dir: Path, out: Path) -> pstats.Stats:
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "--site-dir",
                    str(site_dir)], cwd=project, env=ENV, check=True, capture_output=True)
    return pstats.Stats(str(out))


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

def hook_names(config: dict) -> list[str]:
    return [str(h) for h in config.get("hooks", [])]


def per_hook(events: dict, hooks: list[str]) -> dict[str, float]:
    """Seconds each hook spent in its events (the plugin name MkDocs gives a hook is its path)."""
    totals = {hook: 0.0 for hook in hooks}
    for key, seconds in events.items():
        origin = key.split(" ")[0]
        for hook in hooks:
            if origin == hook or origin.endswith(Path(hook).name):
                totals[hook] += seconds
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--section-size", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-prune", action="store_true", help="leave Material's navigation.prune off")
    parser.add_argument("--edits", type=int, default=2, help="one-line edits timed under mkdocs serve --dirty")
    parser.add_argument("--hook-budget", type=float, default=0.05, help="largest share of the build one hook may take")
    parser.add_argument("--ratio-goal", type=float, default=1.2, help="hooks build / hook-less build")
    parser.add_argument("--profile", action="store_true", help="profile the hooks build even when within goals")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--bare-search", choices=["material", "none"], default="material",
                        help="the hook-less site's search when the real site's comes from a hook "
                             "(default: Material's search plugin)")
    args = parser.parse_args()

    import mkdocs
    if not mkdocs.__version__.startswith("1.6."):
        sys.exit(f"MkDocs {mkdocs.__version__} is installed; this benchmark is for MkDocs 1.6")

    work = Path(tempfile.mkdtemp(prefix="alban-bench-"))
    try:
        print(f"Generating {args.pages} pages in {work} ...", flush=True)
        hooked = copy_project(work / "with-hooks")
        paths, config = generate(hooked, args.pages, args.section_size, not args.no_prune)
        write_config(hooked, config)
        bare = work / "without-hooks"
        shutil.copytree(hooked, bare)
        write_config(bare, without_hooks(bare, config, search=args.bare_search == "material"))
        hooks = hook_names(config)
        sections = -(-len(paths) // args.section_size)
        print(f"  {page_count(hooked / 'docs')} pages ({len(paths)} copies of {ARTICLE} in {sections} nav sections "
              f"of {args.section_size}), navigation.prune {'off' if args.no_prune else 'on'}, {len(hooks)} hooks")

        runs: dict[str, list[Run]] = {"with hooks": [], "without hooks": []}
        projects = {"with hooks": hooked, "without hooks": bare}
        for repeat in range(args.repeats):
            order = list(runs) if repeat % 2 == 0 else list(reversed(runs))
            for name in order:
                log_dir = work / "logs" / f"{name.replace(' ', '-')}-{repeat}"
                log_dir.mkdir(parents=True)
                run = timed_build(projects[name], work / "site" / name.replace(" ", "-"), log_dir)
                runs[name].append(run)
                print(f"  build {repeat + 1}/{args.repeats} {name:13s}: {run.wall:6.2f} s wall, {run.cpu:6.2f} s CPU, "
                      f"MkDocs says {run.built:6.2f} s, peak {run.peak_mb:6.0f} MB", flush=True)

        def median(name, attr):
            return statistics.median(getattr(r, attr) for r in runs[name])

        with_wall, bare_wall = median("with hooks", "wall"), median("without hooks", "wall")
        with_cpu, bare_cpu = median("with hooks", "cpu"), median("without hooks", "cpu")
        with_built, bare_built = median("with hooks", "built"), median("without hooks", "built")
        # CPU time decides: on a shared machine wall time also counts other programs' work.
        ratio = with_cpu / bare_cpu
        gc_with = statistics.median(r.events.get("<gc> collections", 0.0) for r in runs["with hooks"])
        gc_bare = statistics.median(r.events.get("<gc> collections", 0.0) for r in runs["without hooks"])
        hook_seconds = {hook: statistics.median(per_hook(r.events, hooks)[hook] for r in runs["with hooks"])
                        for hook in hooks}

        print(f"\nEditing one page under `mkdocs serve --dirty` ...", flush=True)
        first, rebuilds, tail = serve_rebuild(hooked, hooked / "docs" / paths[len(paths) // 2] if paths
                                              else hooked / "docs" / ARTICLE, args.edits, timeout=300)

        print("\n" + "=" * 78)
        print(f"{page_count(hooked / 'docs')} pages, median of {args.repeats} builds each")
        print("=" * 78)
        print(f"Full build with our hooks     {with_cpu:7.2f} s CPU   {with_wall:7.2f} s wall   "
              f"({with_built:6.2f} s by MkDocs' clock)")
        print(f"Full build without hooks      {bare_cpu:7.2f} s CPU   {bare_wall:7.2f} s wall   "
              f"({bare_built:6.2f} s by MkDocs' clock)")
        verdict = "within" if ratio <= args.ratio_goal else "OVER"
        print(f"Ratio, hooks / no hooks       {ratio:7.3f}x CPU   {with_wall / bare_wall:7.3f}x wall"
              f"  — goal {args.ratio_goal}x: {verdict}")
        print(f"Garbage collection            {gc_with:7.2f} s CPU with hooks, {gc_bare:.2f} s without")
        print(f"Peak memory with hooks        {median('with hooks', 'peak_mb'):7.0f} MB")
        print(f"Peak memory without hooks     {median('without hooks', 'peak_mb'):7.0f} MB")
        print(f"\nCPU time in each hook's events (share of the {with_cpu:.2f} s CPU of the build; budget "
              f"{args.hook_budget:.0%} each):")
        slow = []
        for hook, seconds in sorted(hook_seconds.items(), key=lambda item: -item[1]):
            share = seconds / with_cpu
            flag = "OVER" if share > args.hook_budget else "ok"
            slow += [hook] if share > args.hook_budget else []
            print(f"  {hook:34s} {seconds:7.3f} s  {share:6.1%}  {flag}")
        print(f"  {'all hooks':34s} {sum(hook_seconds.values()):7.3f} s  "
              f"{sum(hook_seconds.values()) / with_cpu:6.1%}   (the hook-less build: 100% = {bare_cpu:.2f} s)")
        print(f"\n`mkdocs serve --dirty`: first build {first if first is not None else '?'} s")
        for number, (seconds, own) in enumerate(rebuilds, 1):
            if seconds is None:
                print(f"  edit {number}: no rebuild seen in the log within the time limit")
            else:
                print(f"  edit {number}: rebuilt {seconds:.2f} s after the edit"
                      + (f" (MkDocs says {own:.2f} s)" if own is not None else " (the rebuild failed)"))
        if not rebuilds or any(s is None or o is None for s, o in rebuilds):
            print("  serve log, last lines:\n    " + tail.replace("\n", "\n    "))

        if slow or ratio > args.ratio_goal or args.profile:
            print("\nProfiling one build with hooks (cProfile) ...", flush=True)
            stats = profile_build(hooked, work / "site" / "profiled", work / "build.prof")
            print(hook_hotspots(stats, hooked / "hooks", slow or sorted(hook_seconds, key=lambda h: -hook_seconds[h])[:2]))
        if args.keep:
            print(f"\nThe generated sites are in {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
