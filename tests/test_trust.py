"""Trust and discoverability: review dates, structured data, search-engine files, old addresses,
over-strong claims and reading level."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from urllib.parse import urljoin

import extruct
import pytest
from bs4 import BeautifulSoup

from clinic import structured_data as schema
from clinic.claims import claim_problems
from clinic.hours import clock, day_range, days_problem, time_problem
from clinic.redirects import redirect_problems
from clinic.robots import robots_txt
from conftest import ROOT, built_path, copy_project, nav_files, run_build

SITE_URL = "https://alban-acupuncture.example.org/"
MEDICAL = ["articles/acupuncture-for-low-back-pain.md", "insurance.md", "treatments.md",
           "how-acupuncture-works/index.md", "how-acupuncture-works/pain-signals.md",
           "how-acupuncture-works/circulation-and-inflammation.md",
           "how-acupuncture-works/muscle-tension-and-trigger-points.md",
           "how-acupuncture-works/stress-response.md", "how-acupuncture-works/chinese-medicine-balance.md"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def json_ld(path: Path) -> dict[str, dict]:
    """The page's JSON-LD, read by extruct as a search engine would, by @type."""
    data = extruct.extract(path.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=True)["json-ld"]
    graph = [item for block in data for item in block.get("@graph", [block])]
    return {item["@type"]: item for item in graph}


# ---- unit tests of the pure functions -----------------------------------------------------------

def test_json_cannot_break_out_of_its_script_element():
    text = schema.script_json([{"name": "</script><script>alert(1)</script> & <!--"}])
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["@graph"][0]["name"] == "</script><script>alert(1)</script> & <!--"


def test_faq_is_made_from_the_page_questions_and_answers():
    html = ('<p>Intro.</p>\n<h2 id="a">Does it hurt?<a class="headerlink" href="#a">¶</a></h2>\n'
            '<p>Rarely<sup id="fnref:x"><a class="footnote-ref" href="#fn:x">1</a></sup>.</p>\n'
            '<aside data-booking-cta="after-intro"><p>Book</p></aside>\n'
            '<h2 id="b">Our office</h2>\n<p>Not a question.</p>\n'
            '<div class="footnote"><ol><li>Ref</li></ol></div>')
    faq = schema.faq_page(html)
    assert faq["mainEntity"] == [{"@type": "Question", "name": "Does it hurt?",
                                  "acceptedAnswer": {"@type": "Answer", "text": "Rarely."}}]


def test_clinic_geo_only_when_configured():
    details = {"name": "C", "phone": "+12125550142", "email": "a@example.org", "street_address": "S",
               "locality": "L", "region": "NY", "postal_code": "1", "country": "US",
               "hours": [{"days": ["Monday"], "opens": "09:00", "closes": "17:00"}],
               "geo": {"latitude": None, "longitude": None}}
    assert "geo" not in schema.clinic(details, SITE_URL)
    details["geo"] = {"latitude": 40.78, "longitude": -73.97}
    assert schema.clinic(details, SITE_URL)["geo"]["latitude"] == 40.78


def test_hours_read_the_way_patients_read_them():
    assert clock("09:00") == "9 AM" and clock("19:30") == "7:30 PM" and clock("12:00") == "12 PM"
    assert day_range(["Monday", "Tuesday", "Wednesday", "Thursday"]) == "Monday to Thursday"
    assert day_range(["Monday", "Wednesday"]) == "Monday and Wednesday"
    assert time_problem("9am") and time_problem("25:00") and not time_problem("09:30")
    assert days_problem(["Funday"]) and days_problem("Monday") and not days_problem(["Friday"])


def test_robots_points_at_the_sitemap():
    assert robots_txt(SITE_URL).endswith("Sitemap: https://alban-acupuncture.example.org/sitemap.xml\n")


REDIRECTS = """plugins:
  - search
  - redirects:
      redirect_maps:
        old.md: new.md
        old.md: other.md
        gone.md: missing.md
        chain.md: old.md
        new.md: other.md
"""


def test_redirect_problems_name_the_line():
    problems = redirect_problems(REDIRECTS, "mkdocs.yml", {"new.md", "other.md"})
    assert any(p.startswith("mkdocs.yml:6: the old address 'old.md' is listed twice (also on line 5)") for p in problems)
    assert any(p.startswith("mkdocs.yml:7: 'gone.md' redirects to 'missing.md', which is not a page") for p in problems)
    assert any(p.startswith("mkdocs.yml:8: 'chain.md' redirects to 'old.md', which is itself an old address") for p in problems)
    assert any(p.startswith("mkdocs.yml:9: 'new.md' is both a page and an old address") for p in problems)


@pytest.mark.parametrize("text, count", [
    ("Acupuncture is proven to work.", 1),
    ("It can cure back pain, guaranteed!", 2),
    ("Totally safe, with no side effects.", 2),
    ("He said it was a \"miracle\". <!-- claim-ok: miracle -->", 0),
    ("```\nproven\n```", 0),
    ("Use `cure` in code.", 0),
    ("Studies suggest it may help.", 0),
    ("A secure, procured curriculum.", 0),
])
def test_claims_check(text, count):
    assert len(claim_problems(text, "docs/x.md")) == count


def test_claim_message_names_file_line_and_fix():
    [problem] = claim_problems("One.\nIt is proven.", "docs/x.md", first_line=5)
    assert problem.startswith("docs/x.md:6: over-strong health claim 'proven' — say what the study found")


# ---- the built site -------------------------------------------------------------------------------

@pytest.mark.parametrize("src", MEDICAL)
def test_medical_pages_show_their_review_block_and_structured_data(site, src):
    path = built_path(site, src)
    html = soup(path)
    block = html.select_one("article .clinic-review")
    assert block is not None, src
    text = " ".join(block.get_text(" ").split())
    assert "Page last reviewed:" in text and "Next review due:" in text and "Reviewed by:" in text
    times = [t["datetime"] for t in block.select("time")]
    page = json_ld(path)["MedicalWebPage"]
    assert page["lastReviewed"] == times[0]
    assert page["reviewedBy"]["name"] in text
    assert page["url"] == html.find("link", rel="canonical")["href"]
    assert page["about"]["name"]
    cited = len(html.select("div.footnote > ol > li"))
    assert len(page.get("citation", [])) == len({li.get_text() for li in html.select("div.footnote > ol > li")}) or cited == 0


def test_non_medical_pages_have_no_review_block(site):
    for src in ["index.md", "book.md", "about.md", "privacy.md", "disclaimer.md"]:
        assert not soup(built_path(site, src)).select(".clinic-review"), src


def test_every_page_describes_the_clinic_as_shown_on_the_page(site, config):
    clinic = config["extra"]["clinic"]
    for src in nav_files(config["nav"]):
        path = built_path(site, src)
        data = json_ld(path)["MedicalClinic"]
        html = soup(path)
        assert data["name"] == clinic["name"]
        assert html.select_one(f".clinic-footer a[href='tel:{data['telephone']}']"), src
        assert data["address"]["streetAddress"] == clinic["street_address"]
        assert data["address"]["streetAddress"] in html.select_one(".clinic-footer address").get_text()
        assert [spec["opens"] for spec in data["openingHoursSpecification"]] == [h["opens"] for h in clinic["hours"]]


def test_faq_structured_data_is_the_faq_itself(site):
    path = built_path(site, "insurance.md")
    html = soup(path)
    questions = [" ".join(h.get_text().replace("¶", "").split()) for h in html.select("article > h2")
                 if h.get_text().strip().rstrip("¶").endswith("?")]
    faq = json_ld(path)["FAQPage"]
    assert [q["name"] for q in faq["mainEntity"]] == questions
    assert len(questions) >= 10
    for question in faq["mainEntity"]:
        assert len(question["acceptedAnswer"]["text"]) > 40


def test_breadcrumbs_follow_the_navigation(site):
    crumbs = json_ld(built_path(site, "how-acupuncture-works/pain-signals.md"))["BreadcrumbList"]["itemListElement"]
    title = soup(built_path(site, "how-acupuncture-works/pain-signals.md")).select_one("article h1").get_text()
    assert [c["name"] for c in crumbs][:2] == ["Home", "How it works"]  # the navigation's own words
    assert crumbs[2]["name"] in title
    assert [c["item"] for c in crumbs][:2] == [SITE_URL, SITE_URL + "how-acupuncture-works/"]
    assert crumbs[-1]["item"] == SITE_URL + "how-acupuncture-works/pain-signals/"
    assert "BreadcrumbList" not in json_ld(site / "index.html")


def test_canonical_links_sitemap_and_robots(site, config):
    sitemap = (site / "sitemap.xml").read_text()
    for src in nav_files(config["nav"]):
        html = soup(built_path(site, src))
        canonical = html.find("link", rel="canonical")["href"]
        assert canonical.startswith(SITE_URL)
        assert f"<loc>{canonical}</loc>" in sitemap, src
    assert (site / "robots.txt").read_text() == robots_txt(config["site_url"])


def test_social_tags_on_every_page(site, config):
    for src in nav_files(config["nav"]):
        html = soup(built_path(site, src))
        tags = {m.get("property") or m.get("name"): m["content"] for m in html.find_all("meta", content=True)}
        assert tags["og:title"] and tags["og:description"] == tags["description"]
        assert tags["twitter:card"] == "summary_large_image"
        image = tags["og:image"]
        assert image == SITE_URL + "assets/images/share.png"
        assert (site / "assets/images/share.png").is_file()


def test_old_addresses_lead_straight_to_real_pages(site, config):
    redirects = next(p["redirects"]["redirect_maps"] for p in config["plugins"] if isinstance(p, dict) and "redirects" in p)
    assert len(redirects) >= 10
    for old, new in redirects.items():
        page = site / old[:-3] / "index.html"
        target = soup(page).find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
        landed = urljoin(SITE_URL + old[:-3] + "/", target)
        assert landed.split("#")[0] == urljoin(SITE_URL, new.split("#")[0].removesuffix(".md").removesuffix("index") + "/").replace("//index/", "/")
        file = site / landed.removeprefix(SITE_URL).split("#")[0] / "index.html"
        assert file.is_file() and "http-equiv=\"refresh\"" not in file.read_text(), old


def test_overdue_reviews_fail_the_build_on_the_day_they_fall_due(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_build(project, tmp_path / "site", env={"SITE_TODAY": "2027-11-28"})
    assert result.returncode != 0
    assert "the review was due on 2027-11-27" in result.stderr


def test_reading_level_meets_the_targets():
    sys.path.insert(0, str(ROOT / "scripts"))
    from readability import report
    rows = report()
    assert len(rows) >= 14
    too_hard = [f"{name}: grade {grade:.1f} (target {goal:.0f})" for name, grade, _, goal in rows if grade > goal]
    assert not too_hard, "\n".join(too_hard)
