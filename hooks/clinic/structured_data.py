"""schema.org JSON-LD for the clinic and its pages, built from the same values the pages show
(the clinic's settings, a page's front matter, the works it cites, the FAQ's own headings)."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

DAY_URL = "https://schema.org/"


def clinic(details: dict, site_url: str) -> dict:
    data = {
        "@type": "MedicalClinic",
        "@id": site_url + "#clinic",
        "name": details["name"],
        "url": site_url,
        "telephone": details["phone"],
        "email": details["email"],
        "address": {
            "@type": "PostalAddress",
            "streetAddress": details["street_address"],
            "addressLocality": details["locality"],
            "addressRegion": details["region"],
            "postalCode": details["postal_code"],
            "addressCountry": details["country"],
        },
        "openingHoursSpecification": [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": [DAY_URL + d for d in entry["days"]],
             "opens": entry["opens"], "closes": entry["closes"]}
            for entry in details.get("hours", [])
        ],
    }
    geo = details.get("geo") or {}
    if geo.get("latitude") is not None and geo.get("longitude") is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": geo["latitude"], "longitude": geo["longitude"]}
    return data


def cited_work(work) -> dict:
    data = {"@type": "CreativeWork", "name": work.title}
    if work.doi:
        data["@type"] = "ScholarlyArticle"
        data["identifier"] = f"doi:{work.doi}"
        data["url"] = f"https://doi.org/{work.doi}"
    elif work.url:
        data["url"] = work.url
    return data


def medical_web_page(url: str, site_url: str, title: str, description: str, meta: dict, works: list) -> dict:
    data = {
        "@type": "MedicalWebPage",
        "url": url,
        "name": title,
        "description": description,
        "about": {"@type": "Thing", "name": meta.get("about") or title},
        "lastReviewed": str(meta["last_reviewed"]),
        "reviewedBy": {"@type": "Person", "name": str(meta["reviewed_by"])},
        "publisher": {"@id": site_url + "#clinic"},
    }
    if works:
        data["citation"] = [cited_work(work) for work in works]
    return data


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """`trail` is (name, absolute url) from the home page down to the page itself."""
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": n, "name": name, "item": url}
        for n, (name, url) in enumerate(trail, 1)]}


class _Questions(HTMLParser):
    """Top-level h2 headings that end in '?' and the text up to the next h2."""

    def __init__(self):
        super().__init__()
        self.depth, self.items, self.in_heading, self.skip = 0, [], False, 0

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if self.skip or "headerlink" in classes or "footnote-ref" in classes or tag == "sup" or "data-booking-cta" in dict(attrs):
            self.skip += 1
        elif self.depth == 0 and tag == "h2":
            self.in_heading = True
            self.items.append(["", ""])
        if tag not in ("br", "hr", "img", "input", "meta", "link", "wbr"):
            self.depth += 1

    def handle_endtag(self, tag):
        self.depth -= 1
        if self.skip:
            self.skip -= 1
        elif tag == "h2" and self.depth == 0:
            self.in_heading = False

    def handle_data(self, data):
        if self.skip or not self.items:
            return
        self.items[-1][0 if self.in_heading else 1] += data


def faq_page(html: str) -> dict | None:
    """FAQPage from the page's own questions (h2 ending in '?') and the answers under them."""
    parser = _Questions()
    parser.feed(html.split('<div class="footnote">')[0])
    entries = []
    for question, answer in parser.items:
        question, answer = " ".join(unescape(question).split()), " ".join(unescape(answer).split())
        if question.endswith("?") and answer:
            entries.append({"@type": "Question", "name": question,
                            "acceptedAnswer": {"@type": "Answer", "text": answer}})
    return {"@type": "FAQPage", "mainEntity": entries} if entries else None


PAGE_TYPES = ("MedicalWebPage", "FAQPage", "WebPage")


def in_language(graph: list[dict], language: str) -> list[dict]:
    """The graph with each page node saying the language it is written in ('en', 'es')."""
    return [dict(node, inLanguage=language) if node.get("@type") in PAGE_TYPES else node for node in graph]


def script_json(graph: list[dict]) -> str:
    """JSON for a <script type="application/ld+json">: '<', '>' and '&' are escaped as \\u
    sequences, so no value can close the script element or open a comment."""
    text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, indent=None)
    return re.sub(r"[<>&\u2028\u2029]", lambda m: f"\\u{ord(m.group(0)):04x}", text)
