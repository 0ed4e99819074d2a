"""Checks of the old-address map (`redirect_maps`): each old address once, each target a real
page, no redirect that leads to another redirect or back to itself."""

from __future__ import annotations

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


def redirect_problems(config_text: str, config_name: str, pages: set[str]) -> list[str]:
    """Problems in the redirect map. `pages` are the site's Markdown files (paths in docs/)."""
    try:
        node = _redirect_map_node(yaml.compose(config_text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return []  # MkDocs itself reports a broken mkdocs.yml
    if node is None:
        return []
    problems, seen, targets = [], {}, {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        old, new = str(key.value), str(value.value)
        if old in seen:
            problems.append(content_problem(config_name, line, f"the old address '{old}' is listed twice "
                                            f"(also on line {seen[old]})", "keep one line for it"))
        seen[old] = line
        targets[old] = (new, line)
    for old, (new, line) in targets.items():
        page = new.split("#")[0]
        if "://" in new:
            continue
        if page in targets:
            problems.append(content_problem(config_name, line, f"'{old}' redirects to '{page}', which is itself "
                                            "an old address", f"point it straight at '{targets[page][0]}'"))
        elif page not in pages:
            problems.append(content_problem(config_name, line, f"'{old}' redirects to '{new}', which is not a page",
                                            "use the path of a page in docs/, such as treatments.md"))
        if old in pages:
            problems.append(content_problem(config_name, line, f"'{old}' is both a page and an old address",
                                            "remove the redirect, or rename the page"))
    return problems
