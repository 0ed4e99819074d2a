"""Outside validators on the built site: the Nu HTML Checker (vnu.jar from the npm package
vnu-jar, run by Java, offline) and LinkChecker on the site served from 127.0.0.1 (internal links
only: no request leaves the machine). Anchors inside pages are checked by test_site.py."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from site_server import serve

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKCHECKER = Path(sys.executable).parent / "linkchecker"
ALLOWLIST = Path(__file__).with_name("html_validator_allowlist.txt")
QUOTES = re.compile("[\"'\u201c\u201d\u2018\u2019]")


def load_allowlist() -> list[tuple[re.Pattern, re.Pattern]]:
    entries = []
    for number, line in enumerate(ALLOWLIST.read_text().splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            message, separator, markup = line.partition(" :: ")
            assert separator, f"{ALLOWLIST.name}:{number}: write 'message regex :: markup regex'"
            entries.append((re.compile(message), re.compile(markup)))
    return entries


def validator_errors(site: Path) -> list[dict]:
    assert shutil.which("java"), "the Nu HTML Checker needs Java: run `bash scripts/setup.sh --test`"
    assert VNU.is_file(), "the Nu HTML Checker is missing: run `npm install` (or `bash scripts/setup.sh --test`)"
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
                             "--skip-non-html", str(site)], capture_output=True, text=True, timeout=600)
    assert result.stdout.startswith("{"), f"vnu.jar failed:\n{result.stdout}\n{result.stderr}"
    messages = json.loads(result.stdout)["messages"]
    assert all(m["type"] == "error" for m in messages), [m for m in messages if m["type"] != "error"]
    for m in messages:
        m["message"] = QUOTES.sub('"', m["message"])
        extract, start = m.get("extract", ""), m.get("hiliteStart", 0)
        m["markup"] = extract[start:start + m.get("hiliteLength", len(extract))]
        m["file"] = m["url"].split(str(site), 1)[-1].lstrip("/")
    return messages


def test_html_passes_the_nu_html_checker(site):
    allowlist = load_allowlist()
    used = set()
    problems = []
    for error in validator_errors(site):
        index = next((i for i, (message, markup) in enumerate(allowlist)
                      if message.search(error["message"]) and markup.search(error["markup"])), None)
        if index is None:
            problems.append(f"{error['file']}:{error.get('lastLine')}: {error['message']}\n    {error['markup']}")
        else:
            used.add(index)
    assert not problems, ("the Nu HTML Checker finds errors (fix the markup, or for Material's own markup "
                          f"explain it in {ALLOWLIST.name}):\n" + "\n".join(problems))
    stale = [allowlist[i][0].pattern for i in range(len(allowlist)) if i not in used]
    assert not stale, f"{ALLOWLIST.name}: these entries match nothing any more, delete them: {stale}"


LINKCHECKER_CONFIG = """\
[filtering]
checkextern=0
ignore=
  ^mailto:
  ^tel:
[output]
log=csv
verbose=1
status=0
"""


def page_urls(site: Path, base: str) -> list[str]:
    """Every built page, so pages no menu links to (redirects, 404) are checked too."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        urls.append(base + (relative[:-len("index.html")] if relative.endswith("index.html") else relative))
    return urls


def test_internal_links_pass_linkchecker(site, tmp_path):
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG)
    server, base = serve(site)
    try:
        result = subprocess.run([str(LINKCHECKER), "--config", str(config), *page_urls(site, base)],
                                capture_output=True, text=True, timeout=600)
    finally:
        server.shutdown()
    rows = list(csv.DictReader(io.StringIO("\n".join(
        line for line in result.stdout.splitlines() if not line.startswith("#"))), delimiter=";"))
    checked = [row for row in rows if row["url"].startswith(base)]
    external = [row["url"] for row in rows if not row["url"].startswith(base)
                and row["result"] not in ("filtered", "ignored")
                and not row["url"].startswith(("mailto:", "tel:", "data:"))]
    assert not external, f"LinkChecker went outside 127.0.0.1: {external}"
    assert len({row["url"] for row in checked}) >= len(page_urls(site, base)), result.stdout + result.stderr
    bad = [f"{row['parentname'] or '(start)'} line {row['line']}: {row['urlname']} -> {row['result']} "
           f"{row['warningstring']}".strip() for row in checked if row["valid"] != "True" or row["warningstring"]]
    assert not bad, "LinkChecker finds broken internal links:\n" + "\n".join(bad)
    assert result.returncode == 0, result.stdout + result.stderr
