"""Unit tests of the booking call-to-action: where it goes, the link it carries, the page options."""

import pytest

from clinic.booking import MARKER, booking_link, insert_ctas, page_options

INTRO = f'<aside {MARKER}="after-intro">BOOK-1</aside>'
END = f'<aside {MARKER}="end-of-page">BOOK-2</aside>'

PAGE = """<h1 id="t">Title</h1>
<p>Introduction.</p>
<h2 id="one">One</h2>
<p>Text.</p>
<div class="admonition note">
<h2 id="inside">Not a section</h2>
</div>
<pre><code>&lt;h2&gt;code&lt;/h2&gt;</code></pre>
<ul><li><p>a list</p></li></ul>
<h2 id="two">Two</h2>
<p>More.</p>
<h2 id="references">References</h2>
<div class="footnote"><ol><li>Ref</li></ol></div>"""


def test_after_intro_goes_before_the_first_section_and_end_before_the_references():
    out = insert_ctas(PAGE, INTRO, END)
    assert out.index("<p>Introduction.</p>") < out.index("BOOK-1") < out.index('<h2 id="one">')
    assert out.index("<p>More.</p>") < out.index("BOOK-2") < out.index('<h2 id="references">')
    assert out.count("BOOK-1") == out.count("BOOK-2") == 1


def test_never_inside_admonitions_code_or_lists():
    out = insert_ctas(PAGE, INTRO, END)
    admonition = out[out.index('<div class="admonition'):out.index("</div>")]
    assert "BOOK" not in admonition
    assert "BOOK" not in out[out.index("<pre>"):out.index("</pre>")]
    assert "BOOK" not in out[out.index("<ul>"):out.index("</ul>")]


def test_without_references_the_end_one_goes_last():
    out = insert_ctas("<p>Intro</p>\n<h2 id='a'>A</h2>\n<p>x</p>", INTRO, END)
    assert out.rstrip().endswith(END)


def test_page_without_sections_gets_only_the_end_one():
    out = insert_ctas("<p>Just a paragraph.</p>", INTRO, END)
    assert "BOOK-1" not in out and "BOOK-2" in out


def test_running_twice_adds_nothing():
    once = insert_ctas(PAGE, INTRO, END)
    assert insert_ctas(once, INTRO, END) == once


def test_link_names_the_placement_and_nothing_about_the_page():
    link = booking_link("https://booking.example.org/clinic?ref=site", "after-intro")
    assert link == ("https://booking.example.org/clinic?ref=site&utm_source=website"
                    "&utm_medium=cta&utm_content=after-intro")


def test_link_replaces_old_utm_parameters():
    link = booking_link("https://b.example.org/?utm_content=old", "end-of-page")
    assert link.count("utm_content") == 1 and link.endswith("utm_content=end-of-page")


@pytest.mark.parametrize("value, expected", [
    (None, {}), (True, {}), (False, None),
    ({"heading": "Questions?"}, {"heading": "Questions?"}),
    ({"heading": "H", "text": "T"}, {"heading": "H", "text": "T"}),
])
def test_page_options(value, expected):
    assert page_options(value) == expected


@pytest.mark.parametrize("value, message", [
    ("no", "booking_cta is 'no'"),
    ({"headline": "x"}, "unknown setting 'headline'"),
    ({"text": ""}, "booking_cta text must be some text"),
])
def test_bad_page_options_say_what_to_write(value, message):
    with pytest.raises(ValueError, match=message):
        page_options(value)
