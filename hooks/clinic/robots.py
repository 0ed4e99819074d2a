"""robots.txt: everything may be crawled, and here is the sitemap (from the one `site_url`)."""


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
