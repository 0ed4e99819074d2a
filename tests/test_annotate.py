"""scripts/annotate.py: build output passes through unchanged, and each mistake that names a file
also becomes a GitHub Actions annotation on that file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, run_build

sys.path.insert(0, str(ROOT / "scripts"))
import annotate  # noqa: E402

ANNOTATE = str(ROOT / "scripts" / "annotate.py")


def run(text: str, cwd: Path = ROOT, *args: str) -> str:
    stdout = io.BytesIO()
    previous = Path.cwd()
    try:
        os.chdir(cwd)
        assert annotate.main(list(args), io.BytesIO(text.encode("utf-8")), stdout) == 0
    finally:
        os.chdir(previous)
    return stdout.getvalue().decode("utf-8")


def annotations(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("::error ")]


def passed_through(output: str) -> str:
    return "".join(line for line in output.splitlines(keepends=True) if not line.startswith("::error "))


@pytest.mark.parametrize("line, expected", [
    ("ERROR   -  docs/privacy.md:3: unknown front-matter key 'descripton' — did you mean 'description'?",
     "::error file=docs/privacy.md,line=3::unknown front-matter key 'descripton' — did you mean 'description'?"),
    ("docs/articles/x.md:41: unknown citation key 'smith2024' — add the work to the bibliography, or fix the key",
     "::error file=docs/articles/x.md,line=41::unknown citation key 'smith2024' — add the work to the bibliography, "
     "or fix the key"),
    ("data/bibliography.yaml:12: entry 'a2020' has no title — add 'title: ...'",
     "::error file=data/bibliography.yaml,line=12::entry 'a2020' has no title — add 'title: ...'"),
    ("ERROR   -  mkdocs.yml: extra.clinic.phone: '212-555-0142' is not a phone number in international form",
     "::error file=mkdocs.yml::extra.clinic.phone: '212-555-0142' is not a phone number in international form"),
    ("docs/treatments.md: booking_cta has unknown setting 'headline' — use only heading and text",
     "::error file=docs/treatments.md::booking_cta has unknown setting 'headline' — use only heading and text"),
    ("docs/a.md:2: 100% sure — say it more gently",
     "::error file=docs/a.md,line=2::100%25 sure — say it more gently"),
])
def test_our_messages_become_annotations(line, expected):
    assert annotations(run(line + "\n")) == [expected]


@pytest.mark.parametrize("line", [
    "INFO    -  Building documentation to directory: /tmp/site",
    "INFO    -  Documentation built in 0.94 seconds",
    "ERROR   -  Error reading page 'privacy.md':",
    "Aborted with a BuildError!",
    "tests/test_site.py:12: AssertionError",
    "/usr/lib/python3.11/site-packages/x.yml:3: not ours",
    "WARNING -  the bibliography has works no page cites: a2020 — cite them or remove them",
    "",
])
def test_other_lines_make_no_annotation(line):
    assert annotations(run(line + "\n")) == []


def test_mkdocs_link_warnings_point_at_the_line_with_the_link(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n\nSee [booking](booking.md) and [us](book.md#nope).\n")
    output = run("WARNING -  Doc file 'about.md' contains a link 'booking.md', but the target is not found among "
                 "documentation files.\n"
                 "WARNING -  Doc file 'about.md' contains a link 'book.md#nope', but the doc 'book.md' does not "
                 "contain an anchor '#nope'.\n"
                 "WARNING -  Doc file 'about.md' contains an unrecognized relative link 'gone/', it was left as is.\n",
                 tmp_path)
    found = annotations(output)
    assert found[0].startswith("::error file=docs/about.md,line=3::Doc file 'about.md' contains a link 'booking.md'")
    assert found[0].endswith("— check the address: it names a page in docs/, like book.md")
    assert found[1].startswith("::error file=docs/about.md,line=3::") and "heading" in found[1]
    assert found[2].startswith("::error file=docs/about.md::Doc file 'about.md' contains an unrecognized relative")


def test_nav_problems_point_at_mkdocs_yml_and_the_page(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav:\n  - Home: index.md\n  - Prices: prices.md\n")
    output = run("WARNING -  A reference to 'prices.md' is included in the 'nav' configuration, which is not "
                 "found in the documentation files.\n"
                 "WARNING -  The following pages exist in the docs directory, but are not included in the \"nav\" "
                 "configuration:\n  - orphan.md\n  - more/other.md\nINFO    -  Documentation built\n", tmp_path)
    assert annotations(output) == [
        "::error file=mkdocs.yml,line=4::A reference to 'prices.md' is included in the 'nav' configuration, which is "
        "not found in the documentation files — check the file name under nav:, or create the page in docs/",
        "::error file=docs/orphan.md::the page is not in the navigation — add it under nav: in mkdocs.yml, "
        "or delete the page",
        "::error file=docs/more/other.md::the page is not in the navigation — add it under nav: in mkdocs.yml, "
        "or delete the page",
    ]


def test_output_passes_through_unchanged_and_each_annotation_is_said_once():
    text = ("INFO    -  start\r\nERROR   -  docs/a.md:3: wrong — fix\ndocs/a.md:3: wrong — fix\n"
            "colour \x1b[33mcodes\x1b[0m and ünïcödé\nno newline at the end: docs/b.md:1: x")
    output = run(text)
    assert passed_through(output) == text
    assert annotations(output) == ["::error file=docs/a.md,line=3::wrong — fix"]


def test_annotations_need_no_line_number_when_the_file_is_gone(tmp_path):
    output = run("WARNING -  Doc file 'gone.md' contains a link 'x.md', but the target is not found.\n", tmp_path)
    assert annotations(output)[0].startswith("::error file=docs/gone.md::")


def test_a_failing_build_still_fails_through_the_pipe():
    for status in (0, 1):
        done = subprocess.run(["bash", "-c", f"set -o pipefail; (echo 'docs/a.md:1: x — y'; exit {status}) "
                                             f"| {sys.executable} {ANNOTATE}"], capture_output=True, text=True)
        assert done.returncode == status
        assert done.stdout == "docs/a.md:1: x — y\n::error file=docs/a.md,line=1::x — y\n"


def test_a_real_broken_build_is_annotated(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text().replace("description:", "descripton:", 1))
    about = project / "docs" / "about.md"
    about.write_text(about.read_text().replace("(book.md)", "(booking.md)", 1))
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    done = subprocess.run([sys.executable, ANNOTATE], input=result.stdout + result.stderr, cwd=project,
                          capture_output=True, text=True)
    found = annotations(done.stdout)
    # Front matter is checked for every page before any page is built, so that mistake comes first.
    key_line = next(n for n, line in enumerate(page.read_text().splitlines(), 1) if line.startswith("descripton:"))
    assert any(a.startswith(f"::error file=docs/privacy.md,line={key_line}::unknown front-matter key 'descripton'")
               for a in found), done.stdout
    about.write_text(about.read_text())  # the link mistake is reported once the front matter is fixed


def test_workflows_pipe_the_build_through_annotate_with_pipefail():
    for name in ("check.yml", "publish.yml"):
        workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
        steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])
                 if "annotate.py" in str(s.get("run", ""))]
        assert steps, f"{name}: no build step pipes through scripts/annotate.py"
        for step in steps:
            assert "set -o pipefail" in step["run"] and step.get("shell") == "bash", name
            assert "mkdocs build --strict" in step["run"] and "2>&1 |" in step["run"], name
