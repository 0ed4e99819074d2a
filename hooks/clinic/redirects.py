"""Checks of the old-address map (`redirect_maps`): each old address once, each target a real
page, no redirect that leads to another redirect or back to itself."""

from __future__ import annotations

import difflib
import re

import yaml

from clinic.messages import content_problem


def _redirect_map_node(root):
    """The `redirect_maps` mapping node inside `plugins: - redirects:`, if any."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "plugins" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode):
                    for name, options in item.value:
                        if name.value == "redirects" and isinstance(options, yaml.MappingNode):
                            for option, mapping in options.value:
                                if option.value == "redirect_maps" and isinstance(mapping, yaml.MappingNode):
                                    return mapping
    return None


def _final_target(start: str, targets: dict[str, tuple[str, int]]) -> str | None:
    """Where a chain of old addresses ends, or None when it goes round in a circle."""
    seen, current = {start}, targets[start][0]
    while current.split("#")[0] in targets:
        page = current.split("#")[0]
        if page in seen:
            return None
        seen.add(page)
        current = targets[page][0]
    return current


_OLD_ADDRESS = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.(?:md|html?)")
_HEADING_ID = re.compile(r"[A-Za-z0-9_-]+")


def _overwrites(old: str, html_path, taken: set[str]) -> str | None:
    """The site file that the redirect page for `old` would replace or stand in the way of."""
    target = html_path(old)
    if target in taken:
        return target
    parts = target.split("/")
    return next(("/".join(parts[:i]) for i in range(1, len(parts)) if "/".join(parts[:i]) in taken), None)


def redirect_problems(config_text: str, config_name: str, pages: set[str],
                      anchors: dict[str, set[str]] | None = None, html_path=None,
                      taken: set[str] | None = None) -> list[str]:
    """Problems in the redirect map. `pages` are the site's Markdown files (paths in docs/);
    `anchors`, each page's heading ids, for targets with a #heading; `html_path` gives the file
    a redirect page is written to, `taken` the files the site already has."""
    try:
        node = _redirect_map_node(yaml.compose(config_text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return []  # MkDocs itself reports a broken mkdocs.yml
    if node is None:
        return []
    problems, seen, targets = [], {}, {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        old, new = str(key.value), str(getattr(value, "value", ""))
        if old in seen:
            problems.append(content_problem(config_name, line, f"the old address '{old}' is listed twice "
                                            f"(also on line {seen[old]})", "keep one line for it"))
        seen[old] = line
        targets[old] = (new, line)
    example = next(iter(sorted(pages)), "treatments.md")
    for old, (new, line) in targets.items():
        page, _, heading = new.partition("#")
        if not _OLD_ADDRESS.fullmatch(old) or ".." in old.split("/"):
            problems.append(content_problem(config_name, line, f"'{old}' is not an old page address",
                                            "write it as the old page's path, such as old-page.md or blog/old-post.md"))
            continue
        clash = _overwrites(old, html_path, taken) if html_path and taken is not None else None
        if clash:
            problems.append(content_problem(config_name, line, f"the old address '{old}' would be written over "
                                            f"'{clash}', a file of the site", "remove the line, or use another old address"))
            continue
        if "://" in new or new.startswith("//"):
            problems.append(content_problem(config_name, line, f"'{old}' redirects to '{new}', another website",
                                            f"old addresses may only lead to a page of this site, such as {example}"))
            continue
        if page == old:
            problems.append(content_problem(config_name, line, f"'{old}' redirects to itself",
                                            f"point it at the page that replaced it, such as {example}, or remove the line"))
        elif page in targets:
            final = _final_target(old, targets)
            fix = (f"point it straight at '{final}'" if final and final.split("#")[0] != old
                   else "these old addresses lead to each other in a circle: point each at a page in docs/")
            problems.append(content_problem(config_name, line, f"'{old}' redirects to '{page}', which is itself "
                                            "an old address", fix))
        elif page not in pages:
            problems.append(content_problem(config_name, line, f"'{old}' redirects to '{new}', which is not a page",
                                            f"use the path of a page in docs/, such as {example}"))
        elif heading and not _HEADING_ID.fullmatch(heading):
            problems.append(content_problem(config_name, line, f"'{old}' redirects to '{new}', whose '#' part is not "
                                            "a heading name", f"use a heading of {page} (letters, digits and dashes), or no '#' part"))
        elif heading and anchors is not None and heading not in anchors.get(page, set()):
            known = sorted(anchors.get(page, set()))
            close = difflib.get_close_matches(heading, known, n=1)
            fix = f"did you mean '{page}#{close[0]}'?" if close else f"use a heading of {page}, or no '#' part"
            problems.append(content_problem(config_name, line, f"'{old}' redirects to '{new}', but {page} has no "
                                            f"heading '{heading}'", fix))
        if old in pages:
            problems.append(content_problem(config_name, line, f"'{old}' is both a page and an old address",
                                            "remove the redirect, or rename the page"))
    return problems
