"""Hostile and careless input through every channel staff can write to: page text, front matter,
the bibliography, figure data, the settings under `extra:`, the old-address map and the menu.

Each row copies the site, makes one bad change and runs a real `mkdocs build --strict`. It must
either fail with `<file>:<line>: <what> — <fix>` and no traceback, or build a site in which the
value shows only as text: no script from it runs, no attribute or tag comes from it. The staff
mistakes of tests/test_mistakes.py belong to the same table (`ROWS`).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import copy_project, run_build
from project_files import refresh_translations
from test_mistakes import ARTICLE, CASES as MISTAKES, edit, nav_and_page, write

PAGE = "docs/about.md"
FIGURE = "data/figures/trial-results.yaml"
BIB = "data/bibliography.yaml"


def append(path: str, text: str):
    def apply(project: Path):
        file = project / path
        file.write_text(file.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return apply


def write_bytes(path: str, convert):
    def apply(project: Path):
        file = project / path
        file.write_bytes(convert(file.read_bytes()))
    return apply


def replace_line(path: str, start: str, line: str):
    """The line of `path` that starts with `start` replaced by `line`."""
    def apply(project: Path):
        file = project / path
        lines = file.read_text(encoding="utf-8").split("\n")
        index = next(i for i, text in enumerate(lines) if text.startswith(start))
        lines[index] = line
        file.write_text("\n".join(lines), encoding="utf-8")
    return apply


def both(*changes):
    def apply(project: Path):
        for change in changes:
            change(project)
    return apply


def body(text: str):
    """`text` added at the end of the about page, as staff would type it in GitHub's editor."""
    return append(PAGE, text)


def fails(pattern: str):
    return ("fails", pattern)


def shows_as_text(path: str, visible: str):
    """Builds, and the page at `path` in the site shows `visible` as text."""
    return ("text", (path, visible))


def content(what: str) -> str:
    return rf"docs/about\.md:\d+: {what} — "


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9))

NEW_ROWS = {
    # ---- page text: HTML that must never be published ----------------------------------------
    "script in the page": (body("<script>alert(1)</script>"), fails(content("a <script> element"))),
    "image with an event handler": (body('<img src="x.png" onerror="alert(1)">'),
                                    fails(content("an event-handler attribute 'onerror' on <img>"))),
    "javascript: link in Markdown": (body("[Click](javascript:alert(1))"), fails(content("a link to a 'javascript:' address"))),
    "javascript: link in mixed case": (body('<a href="JaVaScRiPt:alert(1)">x</a>'), fails(content("a link to a 'javascript:' address"))),
    "javascript: link hidden by a tab entity": (body('<a href="java&#x09;script:alert(1)">x</a>'),
                                               fails(content("a link to a 'javascript:' address"))),
    "vbscript: link": (body("[x](vbscript:msgbox)"), fails(content("a link to a 'vbscript:' address"))),
    "data: link": (body('<a href="data:text/html,hello">x</a>'), fails(content("a link to a 'data:' address"))),
    "meta refresh to another site": (body('<meta http-equiv="refresh" content="0;url=https://evil.example.net/">'),
                                     fails(content("a <meta> element"))),
    "image from another site in Markdown": (body("![x](https://evil.example.net/x.png)"),
                                            fails(content(r"an image from another site \(evil\.example\.net\)"))),
    "image from another site without a scheme": (body('<img src="//evil.example.net/x.png" alt="">'),
                                                 fails(content(r"an image from another site \(evil\.example\.net\)"))),
    "image as a data: address": (body("![x](data:image/png;base64,AAAA)"), fails(content("an image written into the page as a data: address"))),
    "iframe": (body('<iframe src="https://evil.example.net/"></iframe>'), fails(content("a <iframe> element"))),
    "object": (body('<object data="x.swf"></object>'), fails(content("a <object> element"))),
    "embed": (body('<embed src="x.swf">'), fails(content("a <embed> element"))),
    "form": (body('<form action="https://evil.example.net/"><input name="a"></form>'), fails(content("a <form> element"))),
    "base": (body('<base href="https://evil.example.net/">'), fails(content("a <base> element"))),
    "stylesheet link": (body('<link rel="stylesheet" href="https://evil.example.net/x.css">'), fails(content("a <link> element"))),
    "style element": (body("<style>body { display: none }</style>"), fails(content("a <style> element"))),
    "style attribute": (body('<p style="background: url(https://evil.example.net/x)">x</p>'),
                        fails(content("a style attribute on <p>"))),
    "script inside an SVG": (body("<svg><script>alert(1)</script></svg>"), fails(content("a <svg> element"))),
    "video from another site": (body('<video src="https://evil.example.net/v.mp4"></video>'), fails(content("a <video> element"))),
    "audio": (body('<audio src="a.mp3"></audio>'), fails(content("a <audio> element"))),
    "event handler on a Markdown block": (body('<div markdown="1" onclick="alert(1)">\n\nText.\n\n</div>'),
                                          fails(content("an event-handler attribute 'onclick' on <div>"))),
    "event handler on details": (body('<details ontoggle="alert(1)" open><summary>x</summary>y</details>'),
                                 fails(content("an event-handler attribute 'ontoggle' on <details>"))),
    "noscript trick": (body('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'),
                       fails(content("a <noscript> element|the <p> tag is never closed"))),
    "template element": (body("<template><script>alert(1)</script></template>"), fails(content("a <template> element"))),
    "textarea": (body("<textarea>x</textarea>"), fails(content("a <textarea> element"))),
    # ---- citations -------------------------------------------------------------------------
    "empty citation": (body("Acupuncture may help [@]."), fails(content(r"the citation '\[@\]' cannot be read"))),
    "citation never closed": (body("Acupuncture may help [@debar2025backinaction."),
                              fails(content(r"the citation '\[@debar2025backinaction\.' is never closed with '\]'"))),
    "citation key with an accent": (body("See [@müller2020]."), fails(content("unknown citation key 'müller2020'"))),
    "citation inside a footnote": (body("Text.[^1]\n\n[^1]: As shown by [@debar2025backinaction]."),
                                   fails(content("a citation inside a footnote's text"))),
    # ---- front matter ----------------------------------------------------------------------
    "date that does not exist": (edit("docs/insurance.md", "next_review: 2027-11-27", "next_review: 2026-13-01"),
                                 fails(r"docs/insurance\.md:7: the front matter: '2026-13-01' is not a date that exists — ")),
    "page not saved as UTF-8": (write_bytes("docs/privacy.md", lambda b: b.decode("utf-8").encode("utf-16")),
                                fails(r"docs/privacy\.md:1: the file is not saved as UTF-8 text — ")),
    "unknown template": (edit("docs/privacy.md", "kind: legal", "kind: legal\ntemplate: nope.html"),
                         fails(r"docs/privacy\.md:\d+: there is no page template 'nope\.html' — use one of: .*contact\.html")),
    "front matter never closed": (write("docs/privacy.md", "---\ntitle: Privacy\ndescription: x\nkind: legal\n\n# Privacy\n"),
                                  fails(r"docs/privacy\.md:1: the front matter that starts on line 1 is never closed — ")),
    "title that YAML reads as yes": (edit("docs/privacy.md", "title: Privacy", "title: yes"),
                                     fails(r"docs/privacy\.md:2: title is 'yes', which YAML reads as a bool, not as text — put the text in quotes")),
    "description that YAML reads as a number": (replace_line("docs/privacy.md", "description:", "description: 12"),
                                                fails(r"docs/privacy\.md:3: description is '12', which YAML reads as a int")),
    "blank reviewer": (replace_line("docs/insurance.md", "reviewed_by:", 'reviewed_by: " "'),
                       fails(r"docs/insurance\.md:\d+: reviewed_by is ' ', which is not a name — ")),
    "reviewer that is a number": (replace_line("docs/insurance.md", "reviewed_by:", "reviewed_by: 42"),
                                  fails(r"docs/insurance\.md:\d+: reviewed_by is '42', which YAML reads as a int")),
    "next review before the last one": (edit("docs/insurance.md", "next_review: 2027-11-27", "next_review: 2026-11-27"),
                                        fails(r"docs/insurance\.md:7: the next review \(2026-11-27\) is not after the last one")),
    "front-matter key written twice": (edit("docs/privacy.md", "kind: legal", "kind: legal\nhide: [toc]\nhide: [footer]"),
                                       fails(r"docs/privacy\.md:\d+: 'hide' is written twice \(also on line \d+\) — keep one line for it")),
    "YAML alias in front matter": (edit("docs/privacy.md", "title: Privacy", "title: &t Privacy\nabout: *t"),
                                   fails(r"docs/privacy\.md:2: the front matter: YAML anchors and aliases .* are not allowed")),
    "booking box setting with its line": (edit("docs/treatments.md", "kind: treatment", "kind: treatment\nbooking_cta:\n  headline: Hi"),
                                          fails(r"docs/treatments\.md:\d+: booking_cta has unknown setting 'headline' — use only heading and text")),
    "hide something that cannot be hidden": (edit("docs/privacy.md", "hide:\n  - toc", "hide: [everything]"),
                                             fails(r"docs/privacy\.md:\d+: hide is '\['everything'\]' — ")),
    "script in a title": (edit("docs/privacy.md", "title: Privacy", 'title: "Privacy <script>alert(1)</script>"'),
                          shows_as_text("privacy/index.html", "Privacy <script>alert(1)</script>")),
    "quotes breaking out of the description": (
        replace_line("docs/privacy.md", "description:", """description: 'x" http-equiv="refresh" content="0;url=https://evil.example.net/'"""),
        shows_as_text("privacy/index.html", "")),
    # ---- bibliography ----------------------------------------------------------------------
    "YAML alias bomb in the bibliography": (append(BIB, ALIAS_BOMB.replace("a: ", "- id: bomb\n  a: ", 1)),
                                            fails(r"data/bibliography\.yaml:\d+: the bibliography: YAML anchors and aliases")),
    "bibliography not saved as UTF-8": (write_bytes(BIB, lambda b: b.replace(b"Acupuncture", "Acupuncture\u00e9".encode("latin-1"), 1)),
                                        fails(r"data/bibliography\.yaml:\d+: the file is not saved as UTF-8 text — ")),
    "script in a bibliography title": (
        edit(BIB, "  title: 'Acupuncture for Chronic Low Back Pain in Older Adults: A Randomized Clinical Trial'",
             "  title: 'Acupuncture <script>alert(1)</script> for Chronic Low Back Pain'"),
        fails(r"data/bibliography\.yaml:\d+: a <script> element — remove it: pages may not run scripts")),
    "bibliography title with an ampersand and quotes": (
        edit(BIB, "  title: 'Acupuncture for Chronic Low Back Pain in Older Adults: A Randomized Clinical Trial'",
             "  title: 'Acupuncture & \"Usual Care\" for Chronic Low Back Pain'"),
        shows_as_text("articles/acupuncture-for-low-back-pain/index.html", 'Acupuncture & "Usual Care" for Chronic')),
    "PubMed number that is not a number": (edit(BIB, "  PMID: '40938602'", "  PMID: '1) [x](javascript:alert(1)'"),
                                           fails(r"data/bibliography\.yaml:\d+: entry '\w+' has PMID .* which is not a PubMed number")),
    "bibliography address that runs a script": (edit(BIB, "  URL: https://pubmed.ncbi.nlm.nih.gov/40938602/", "  URL: 'javascript:alert(1)'"),
                                                fails(r"data/bibliography\.yaml:\d+: entry '\w+' has URL 'javascript:alert\(1\)'")),
    # ---- figure data -----------------------------------------------------------------------
    "script in a figure caption": (edit(FIGURE, "caption: >-\n  ", "caption: >-\n  <script>alert(1)</script> "),
                                   fails(r"data/figures/trial-results\.yaml:\d+: a <script> element — ")),
    "event handler in a figure caption": (edit(FIGURE, "caption: >-\n  ", "caption: >-\n  <img src=x.png onerror=alert(1)> "),
                                          fails(r"data/figures/trial-results\.yaml:\d+: an event-handler attribute 'onerror'")),
    "script in a bar label": (edit(FIGURE, "label: Standard acupuncture", 'label: "<script>alert(1)</script>"'),
                              shows_as_text("articles/acupuncture-for-low-back-pain/index.html", "<script>alert(1)</script>")),
    "YAML alias in a figure file": (append(FIGURE, "extra: &x [1]\nmore: *x"),
                                    fails(r"data/figures/trial-results\.yaml:\d+: the figure file: YAML anchors and aliases")),
    "figure file not saved as UTF-8": (write_bytes(FIGURE, lambda b: b.decode("utf-8").encode("utf-16")),
                                       fails(r"data/figures/trial-results\.yaml:1: the file is not saved as UTF-8 text — ")),
    # ---- settings under extra: -------------------------------------------------------------
    "booking URL with a quote": (edit("mkdocs.yml", "url: https://booking.example.org/alban-acupuncture", "url: 'https://booking.example.org/a\" onclick=\"alert(1)'"),
                                 fails(r"mkdocs\.yml:\d+: extra\.booking\.url: .* holds a space, a quote or another character")),
    "booking URL with a space": (edit("mkdocs.yml", "url: https://booking.example.org/alban-acupuncture", "url: https://booking.example.org/a b"),
                                 fails(r"mkdocs\.yml:\d+: extra\.booking\.url: ")),
    "e-mail address that is not one": (edit("mkdocs.yml", "email: hello@example.org", "email: hello at example.org"),
                                       fails(r"mkdocs\.yml:\d+: extra\.clinic\.email: 'hello at example\.org' is not an e-mail address — ")),
    "e-mail address with a quote": (edit("mkdocs.yml", "email: hello@example.org", "email: 'hello@example.org\" onmouseover=\"alert(1)'"),
                                    fails(r"mkdocs\.yml:\d+: extra\.clinic\.email: .* is not an e-mail address")),
    "clinic name with a script": (edit("mkdocs.yml", "    name: Alban Acupuncture", "    name: '<script>alert(1)</script>'"),
                                  fails(r"mkdocs\.yml:\d+: extra\.clinic\.name: .* holds '<' or '>' — write plain words")),
    "booking label with HTML": (edit("mkdocs.yml", "label: Book an appointment", "label: <b>Book</b>"),
                                fails(r"mkdocs\.yml:\d+: extra\.booking\.label: .* holds '<' or '>'")),
    "map link with a quote": (edit("mkdocs.yml", "map_url: https://maps.example.org/alban-acupuncture", "map_url: 'https://maps.example.org/\"x'"),
                              fails(r"mkdocs\.yml:\d+: extra\.clinic\.map_url: ")),
    "misspelt map setting": (edit("mkdocs.yml", "    map_url:", "    mapurl:"),
                             fails(r"mkdocs\.yml:\d+: unknown setting 'extra\.clinic\.mapurl' — did you mean 'map_url'\?")),
    "misspelt booking setting": (edit("mkdocs.yml", "label: Book an appointment", "lable: Book an appointment"),
                                 fails(r"mkdocs\.yml:\d+: extra\.booking\.label: ")),
    "unknown booking setting": (edit("mkdocs.yml", "label: Book an appointment", "label: Book an appointment\n    colour: red"),
                                fails(r"mkdocs\.yml:\d+: unknown setting 'extra\.booking\.colour' — ")),
    "misspelt citation setting": (edit("mkdocs.yml", "style: american-medical-association", "style: american-medical-association\n    headng: Sources"),
                                  fails(r"mkdocs\.yml:\d+: unknown setting 'extra\.citations\.headng' — did you mean 'heading'\?")),
    "misspelt hours setting": (edit("mkdocs.yml", 'closes: "15:00"', 'closes: "15:00"\n        close: "16:00"'),
                               fails(r"mkdocs\.yml:\d+: unknown setting 'extra\.clinic\.hours\.1\.close' — did you mean 'closes'\?")),
    "hours that close before they open": (edit("mkdocs.yml", 'closes: "15:00"', 'closes: "08:00"'),
                                          fails(r"mkdocs\.yml:\d+: extra\.clinic\.hours: .*closes at 08:00, which is not after it opens at 09:00")),
    "analytics switched on under extra": (edit("mkdocs.yml", "  generator: false", "  generator: false\n  analytics:\n    provider: google\n    property: G-XXXX"),
                                          fails(r"mkdocs\.yml:\d+: unknown setting 'extra\.analytics' — ")),
    "misspelt settings block": (edit("mkdocs.yml", "  booking:\n", "  bookings:\n"),
                                fails(r"mkdocs\.yml:\d+: unknown setting 'extra\.bookings' — did you mean 'booking'\?")),
    "map position off the globe": (edit("mkdocs.yml", "latitude: null", "latitude: 140"),
                                   fails(r"mkdocs\.yml:\d+: extra\.clinic\.geo: .*'140' must be a number from -90 to 90")),
    "site description with a script": (edit("mkdocs.yml", "site_description: >-", "site_description: >-\n  <script>alert(1)</script>"),
                                       shows_as_text("404.html", "")),
    "clinic name with quotes and an ampersand": (edit("mkdocs.yml", "    name: Alban Acupuncture", "    name: 'Alban \"Acu\" & Co'"),
                                                 shows_as_text("book/index.html", 'Alban "Acu" & Co')),
    # ---- old addresses (redirects) ---------------------------------------------------------
    "old address pointing at itself": (edit("mkdocs.yml", "services.md: treatments.md", "services.md: services.md"),
                                       fails(r"mkdocs\.yml:\d+: 'services\.md' redirects to itself — point it at the page")),
    "old address pointing at a missing heading": (edit("mkdocs.yml", "treatments.md#cupping", "treatments.md#cuping"),
                                                  fails(r"mkdocs\.yml:\d+: 'cupping-therapy\.md' redirects to 'treatments\.md#cuping', but treatments\.md has no heading 'cuping' — did you mean 'treatments\.md#cupping'\?")),
    "old address pointing at another site": (edit("mkdocs.yml", "faq.md: insurance.md", "faq.md: https://evil.example.net/"),
                                             fails(r"mkdocs\.yml:\d+: 'faq\.md' redirects to 'https://evil\.example\.net/', another website — ")),
    "old addresses in a circle": (both(edit("mkdocs.yml", "services.md: treatments.md", "services.md: about-us.md"),
                                       edit("mkdocs.yml", "about-us.md: about.md", "about-us.md: services.md")),
                                  fails(r"mkdocs\.yml:\d+: 'services\.md' redirects to 'about-us\.md', which is itself an old address — these old addresses lead to each other in a circle")),
    # ---- menu ------------------------------------------------------------------------------
    "menu title with quotes and an ampersand": (
        edit("mkdocs.yml", "  - Treatments: treatments.md", "  - 'Treatments \"& prices\"': treatments.md"),
        shows_as_text("index.html", 'Treatments "& prices"')),
    "menu title with HTML": (edit("mkdocs.yml", "  - Treatments: treatments.md", "  - '<img src=x onerror=alert(1)>': treatments.md"),
                             fails(r"mkdocs\.yml:\d+: the menu title '<img src=x onerror=alert\(1\)>' holds HTML — ")),
    "menu title with HTML codes": (edit("mkdocs.yml", "  - Treatments: treatments.md", "  - 'Treatments &lt;b&gt;': treatments.md"),
                                   fails(r"mkdocs\.yml:\d+: the menu title 'Treatments &lt;b&gt;' holds HTML — ")),
    "menu link that runs a script": (edit("mkdocs.yml", "  - Book: book.md", "  - Book: book.md\n  - Evil: 'javascript:alert(1)'"),
                                     fails(r"mkdocs\.yml:\d+: the menu links to 'javascript:alert\(1\)' — ")),
    # ---- found by a review that tried to break the above (red team) ---------------------------
    "redirect heading that closes the redirect's script": (
        both(append("docs/treatments.md", '<span id="x</script><script>alert(1)</script>">Hi</span>'),
             edit("mkdocs.yml", "services.md: treatments.md", "services.md: treatments.md#x</script><script>alert(1)</script>")),
        fails(r"'services\.md' redirects to .*whose '#' part is not a heading name|the id 'x</script>")),
    "old address outside the site": (edit("mkdocs.yml", "services.md: treatments.md", "../../escaped.md: treatments.md"),
                                     fails(r"mkdocs\.yml:\d+: '\.\./\.\./escaped\.md' is not an old page address — ")),
    "old address over a real page": (edit("mkdocs.yml", "services.md: treatments.md", "how-acupuncture-works.md: treatments.md"),
                                     fails(r"mkdocs\.yml:\d+: the old address 'how-acupuncture-works\.md' would be written over 'how-acupuncture-works/index\.html'")),
    "old address inside a picture's path": (edit("mkdocs.yml", "services.md: treatments.md", "assets/images/logo.svg.md: treatments.md"),
                                            fails(r"mkdocs\.yml:\d+: the old address 'assets/images/logo\.svg\.md' would be written over 'assets/images/logo\.svg'")),
    "figure caption that closes the caption": (
        replace_line("data/figures/first-visit.yaml", "caption:",
                     """caption: 'A visit.</figcaption><meta http-equiv="refresh" content="0;url=https://evil.example.net/"><figcaption>'"""),
        fails(r"data/figures/first-visit\.yaml:\d+: a <meta> element — ")),
    "image path a browser reads as another site": (body('<img src="\\\\evil.example.net/a.png" alt="x">'),
                                                   fails(r"docs/about\.md:\d+: an image from another site")),
    "image address without slashes": (body('<img src="https:evil.example.net/a.png" alt="x">'),
                                      fails(r"docs/about\.md:\d+: an image from another site \(https:evil")),
    "id that could close a script": (body('<span id="x</script><script>alert(1)</script>">Hi</span>'),
                                     fails(content(r"the id 'x</script><script>alert\(1\)</script>' on <span>"))),
    "details never closed": (body("<details><summary>More</summary>\n\nHidden text."),
                             fails(content(r"the <details> tag is never closed"))),
    "closing the page's layout": (body("</article></div></main><p>outside</p>"),
                                  fails(content(r"a closing </article> tag that was never opened"))),
    "heading with thousands of spaces": (body("# a" + " " * 3000 + "x"), shows_as_text("about/index.html", "a")),
    "Markdown link in a clinic setting": (edit("mkdocs.yml", 'practitioner: "[Acupuncturist name], L.Ac."', 'practitioner: "[Dr](javascript:alert(1))"'),
                                          shows_as_text("book/index.html", "[Dr](javascript:alert(1))")),
}

ROWS = {name: (change, fails(pattern)) for name, (change, pattern) in MISTAKES.items()} | NEW_ROWS


def _strings(function) -> list[str]:
    """The text a change closes over (the file it edits, what it writes), through `both`."""
    found = []
    for cell in function.__closure__ or ():
        value = cell.cell_contents
        if isinstance(value, str):
            found.append(value)
        elif callable(value):
            found += _strings(value)
        elif isinstance(value, tuple):
            found += [s for item in value if callable(item) for s in _strings(item)]
    return found


def test_the_table_covers_every_channel_with_at_least_60_rows():
    assert len(ROWS) >= 60
    channels = {"page text": "docs/", "bibliography": "data/bibliography.yaml", "figure data": "data/figures/",
                "settings": "mkdocs.yml", "redirects": ".md: ", "menu": "  - "}
    counts = {name: 0 for name in channels}
    for name, (change, _) in ROWS.items():
        text = " ".join(_strings(change)) + " " + name
        for channel, needle in channels.items():
            counts[channel] += needle in text or channel.split()[0] in name.lower()
    assert all(count >= 3 for count in counts.values()), counts


def _no_injection(site: Path) -> list[str]:
    """What in the built site came from a value instead of being shown as text."""
    found = []
    for page in site.rglob("*.html"):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for node in tree.css("script"):
            if "alert(" in node.text() and (node.attributes.get("type") or "") != "application/ld+json":
                found.append(f"{page}: a script with alert(")
        for node in tree.css("*"):
            for name, value in node.attributes.items():
                if name.startswith("on") or (value and "alert(" in value and name in ("href", "src")):
                    found.append(f"{page}: <{node.tag} {name}={value!r}>")
            if node.tag == "meta" and (node.attributes.get("http-equiv") or "").lower() == "refresh" \
                    and "evil" in (node.attributes.get("content") or ""):
                found.append(f"{page}: a refresh to another site")
    return found


@pytest.mark.parametrize("name", NEW_ROWS)
def test_bad_input_fails_clearly_or_shows_as_text(name, tmp_path):
    change, (outcome, expected) = NEW_ROWS[name]
    project = copy_project(tmp_path / "project")
    change(project)
    if outcome != "fails":
        # What must show as text is read in both languages: the Spanish pages are brought up to
        # date with the edit, as a translator would (else the build fails on purpose).
        refresh_translations(project)
    started = time.monotonic()
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert "Traceback" not in output, f"{name}: staff would see a Python traceback\n{output[-3000:]}"
    assert time.monotonic() - started < 60, f"{name}: the build took more than a minute"
    if outcome == "fails":
        assert result.returncode != 0, f"{name}: the build passed\n{output[-2000:]}"
        assert re.search(expected, output), f"{name}: message not found\n{output[-2000:]}"
        return
    assert result.returncode == 0, f"{name}: the build failed\n{output[-2000:]}"
    assert not _no_injection(tmp_path / "site"), _no_injection(tmp_path / "site")
    path, visible = expected
    text = LexborHTMLParser((tmp_path / "site" / path).read_text(encoding="utf-8")).body.text()
    assert visible in text, f"{name}: '{visible}' is not shown as text on {path}"


def test_lines_are_those_of_the_file_even_after_shared_text_is_put_in(tmp_path):
    # The article shows "See a doctor first" (many lines) near its top; a mistake below it is
    # still reported at the line staff see in the file.
    project = copy_project(tmp_path / "project")
    article = project / ARTICLE
    lines = article.read_text(encoding="utf-8").split("\n")
    marker = next(i for i, line in enumerate(lines) if "<!-- clinic: see-a-doctor-first -->" in line)
    target = next(i for i, line in enumerate(lines) if i > marker + 5 and "[@" in line)
    lines[target] = lines[target].replace("[@", "[@nosuchwork2020; @", 1)
    article.write_text("\n".join(lines), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert f"{ARTICLE}:{target + 1}: unknown citation key 'nosuchwork2020'" in result.stdout + result.stderr
