"""Takes screenshots of the built site's pages at phone and desktop size, in both colour schemes,
with Debian's Chromium: the main pages, or the pages named (as addresses, such as
/articles/acupuncture-for-low-back-pain/; the pull-request workflow names the changed ones).
Usage: python scripts/screenshots.py SITE_DIR OUT_DIR [ADDRESS ...]"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import launch  # noqa: E402
from site_server import serve  # noqa: E402

PAGES = ["", "articles/acupuncture-for-low-back-pain/", "insurance/", "treatments/",
         "how-acupuncture-works/", "how-acupuncture-works/pain-signals/", "book/", "missing-page/",
         "es/", "es/articles/acupuncture-for-low-back-pain/", "es/insurance/", "es/book/"]
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}


def main(site: str, out: str, addresses: list[str]) -> None:
    paths = [address.lstrip("/") for address in addresses] or PAGES
    server, base = serve(Path(site))
    Path(out).mkdir(parents=True, exist_ok=True)
    with launch() as browser:
        for size, (width, height) in SIZES.items():
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                for path in paths:
                    page.goto(base + path)
                    name = (path.strip("/").replace("/", "_") or "home") + f"-{size}-{scheme}"
                    page.screenshot(path=f"{out}/{name}.png", full_page=size == "desktop")
                    page.screenshot(path=f"{out}/{name}-full.png", full_page=True) if size == "phone" else None
                page.close()
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
