"""No silent drift from Material: each Material template we had to copy into overrides/ is
Material's installed file plus a patch in patches/material/. After a Material upgrade this test
fails if the patch no longer applies, or if the copy differs from "Material's file + our patch",
so the copy is rebuilt from the new original instead of drifting unseen."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import material
import pytest

from conftest import ROOT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
PATCHES = ROOT / "patches" / "material"


def patched_templates() -> list[str]:
    return sorted(p.relative_to(PATCHES).as_posix().removesuffix(".patch") for p in PATCHES.rglob("*.patch"))


@pytest.mark.parametrize("template", patched_templates())
def test_copied_material_template_is_material_plus_our_patch(template, tmp_path):
    if not shutil.which("patch"):
        pytest.skip("the 'patch' program is not installed (Debian package 'patch')")
    original = MATERIAL_TEMPLATES / template
    assert original.exists(), f"Material no longer has {template}: rebuild overrides/{template} from its replacement"
    patched = tmp_path / Path(template).name
    result = subprocess.run(["patch", "--silent", "--force", "--no-backup-if-mismatch", "-o", str(patched),
                             str(original), str(PATCHES / f"{template}.patch")], capture_output=True, text=True)
    assert result.returncode == 0, (
        f"patches/material/{template}.patch no longer applies to Material's {template} "
        f"(Material was upgraded?): {result.stdout}{result.stderr} — copy Material's new file to "
        f"overrides/{template}, make our changes again, and write the patch with "
        f"'diff -u --label material/{template} --label overrides/{template} <Material's file> overrides/{template}'")
    assert patched.read_text(encoding="utf-8") == (ROOT / "overrides" / template).read_text(encoding="utf-8"), (
        f"overrides/{template} differs from Material's file plus patches/material/{template}.patch: "
        "a change was made to one and not the other — regenerate the patch with the diff command above")


def test_every_copied_material_template_has_a_patch():
    # A template in overrides/ with the same path as one of Material's, which is not a small partial
    # of our own, must be kept as a patch; the others replace Material's on purpose and say why.
    replaced_on_purpose = {
        "main.html": "extends Material's main.html through its blocks",
        "404.html": "the clinic's own not-found page, extending main.html",
        "partials/logo.html": "the clinic's logo with an empty alt, one line",
        "partials/copyright.html": "the clinic's footer text, written from its settings",
        "partials/search.html": "the clinic's search form to the Pagefind search page",
        "partials/actions.html": "empty: the edit link moved to the footer (partials/copyright.html)",
    }
    copies = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html")
              if (MATERIAL_TEMPLATES / p.relative_to(ROOT / "overrides")).exists()}
    unexplained = copies - set(replaced_on_purpose) - set(patched_templates())
    assert not unexplained, f"these templates shadow Material's without a patch in patches/material/: {unexplained}"
