"""In Chromium: hostile values that build (because they show as text) run nothing and load
nothing from another host; a script slipped into a built page is stopped by its policy; and the
local preview refreshes the open tab when a page or a figure's data changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ENV, copy_project, run_build
from project_files import refresh_translations
from site_server import serve
from test_bad_input import FIGURE, replace_line
from test_browser import page_paths
from test_mistakes import edit

pytestmark = pytest.mark.browser
PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"

HOSTILE = [
    replace_line("docs/privacy.md", "title:", f"title: 'Privacy {PAYLOAD}'"),
    replace_line("docs/privacy.md", "description:", """description: 'x" http-equiv="refresh" content="0;url=https://evil.example.net/' """),
    replace_line("docs/how-acupuncture-works/index.md", "title:", f"title: 'How {PAYLOAD}'"),
    edit("data/bibliography.yaml", "  title: 'Acupuncture for Chronic Low Back Pain in Older Adults: A Randomized Clinical Trial'",
         "  title: 'Acupuncture < 2 & \"quoted\" > 1 in Older Adults'"),
    edit(FIGURE, "label: Standard acupuncture", 'label: "<script>alert(3)</script>"'),
    edit("mkdocs.yml", "    name: Alban Acupuncture", "    name: 'Alban \"Acu\" & Co'"),
    edit("mkdocs.yml", "site_description: >-", f"site_description: >-\n  {PAYLOAD}"),
    replace_line("mkdocs.yml", "    text: Book online", """    text: 'Say "hi" & book online in a few minutes.'"""),
    # The Spanish edition's channels: a translated page's title, the template words file and a
    # figure's Spanish words.
    replace_line("docs/privacy.es.md", "title:", f"title: 'Privacidad {PAYLOAD}'"),
    edit("overrides/translations/es.yaml", '"Key points": "Puntos clave"', f'"Key points": "Puntos {PAYLOAD}"'),
    lambda project: (project / "overrides/translations/es.yaml").open("a", encoding="utf-8").write(
        f"'Say \"hi\" & book online in a few minutes.': '{PAYLOAD} \"x\" &amp;'\n"),
    edit(FIGURE, "    - label: Acupuntura estándar", '    - label: "<img src=x onerror=alert(4)>"'),
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for change in HOSTILE:
        change(project)
    refresh_translations(project)  # the Spanish pages follow the hostile English titles too
    site = project.parent / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_values_from_every_channel_run_nothing_and_load_nothing_elsewhere(browser, hostile_site):
    server, url = serve(hostile_site)
    dialogs, outside, violations = [], [], []
    try:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: outside.append(request.url)
                if urlsplit(request.url).hostname not in ("127.0.0.1", None) and not request.url.startswith("data:") else None)
        page.on("console", lambda message: violations.append(message.text)
                if "Content Security Policy" in message.text else None)
        pages = page_paths(hostile_site)
        for path in pages:
            page.goto(url + path, wait_until="load")
        page.goto(url + "privacy/", wait_until="load")
        assert PAYLOAD in page.locator("h1, .md-header__topic").first.inner_text() or \
            PAYLOAD in page.title(), "the title is not shown as text"
        page.goto(url + "articles/acupuncture-for-low-back-pain/", wait_until="load")
        assert "<script>alert(3)</script>" in page.locator(".clinic-figure").first.inner_text()
        assert 'Acupuncture < 2 & "quoted" > 1 in Older Adults' in page.locator(".footnote").inner_text()
        context.close()
    finally:
        server.shutdown()
    assert len(pages) > 15
    assert not dialogs, f"an injected script ran: {dialogs}"
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert not violations, violations


def test_a_script_slipped_into_a_built_page_is_stopped_by_its_policy(browser, site, tmp_path):
    copy = tmp_path / "site"
    subprocess.run(["cp", "-r", str(site), str(copy)], check=True)
    page_file = copy / "about" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(html.replace("</article>", "<script>alert('slipped')</script></article>", 1), encoding="utf-8")
    server, url = serve(copy)
    dialogs, violations = [], []
    try:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: violations.append(message.text))
        page.goto(url + "about/", wait_until="load")
        page.close()
    finally:
        server.shutdown()
    assert not dialogs, "the policy let a script from content run"
    assert any("Content Security Policy" in text for text in violations), violations


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_text(page, text: str, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if text in page.locator("article").first.inner_text(timeout=2000):
                return True
        except Exception:  # the tab is reloading
            pass
        time.sleep(0.5)
    return False


def test_the_preview_refreshes_the_open_tab_when_a_page_or_figure_data_changes(browser, tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--watch-theme", "--livereload"],
                              cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/articles/acupuncture-for-low-back-pain/"
        page = browser.new_page()
        violations = []
        page.on("console", lambda message: violations.append(message.text)
                if "Content Security Policy" in message.text else None)
        deadline = time.monotonic() + 120
        while True:
            try:
                page.goto(url, wait_until="load")
                break
            except Exception:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(1)
        navigations = []
        page.on("framenavigated", lambda frame: navigations.append(frame.url))
        article = project / "docs" / "articles" / "acupuncture-for-low-back-pain.md"
        article.write_text(article.read_text(encoding="utf-8").replace(
            "\n## ", "\nA sentence added while the preview runs.\n\n## ", 1), encoding="utf-8")
        assert _wait_for_text(page, "A sentence added while the preview runs."), "the page edit never showed"
        figure = project / FIGURE
        figure.write_text(figure.read_text(encoding="utf-8").replace("label: Standard acupuncture", "label: Standard care today"),
                          encoding="utf-8")
        assert _wait_for_text(page, "Standard care today"), "the figure data edit never showed"
        assert navigations, "the tab was not refreshed by the preview"
        assert not violations, violations
        page.close()
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output[-3000:]
