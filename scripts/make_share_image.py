"""Makes the default share image (docs/assets/images/share.png, 1200x630) from
docs/assets/images/share.svg with Debian's Chromium, so the picture a link preview shows is made
in this repository and the build downloads nothing. Run it again after changing the SVG."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import launch  # noqa: E402

with launch() as browser:
    page = browser.new_page(viewport={"width": 1200, "height": 630})
    page.goto((ROOT / "docs/assets/images/share.svg").as_uri())
    page.screenshot(path=str(ROOT / "docs/assets/images/share.png"))
