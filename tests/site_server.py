"""Serves a built site on 127.0.0.1 the way a production static host does: gzip for text,
index.html for folders, 404.html for what is missing. Used by the browser tests and scripts."""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import threading
from functools import partial
from pathlib import Path

COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
                "image/svg+xml", "application/xml", "text/xml", "text/plain"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirect to the slash form, as static hosts do
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        body = path.read_bytes()
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        compress = ctype in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, 6)
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        import io
        return io.BytesIO(body)


def page_paths(site: Path) -> list[str]:
    """Every built page but the redirects, as addresses relative to the site's root ("/" for the
    home page, "404.html" for the not-found page). The redirects are left out: each starts a
    second navigation that can race the next page.goto. The refresh tag sits after the CSP tag."""
    return sorted(p.parent.relative_to(site).as_posix().replace(".", "") + "/" if p.name == "index.html" else p.name
                  for p in site.rglob("*.html") if "<meta http-equiv=\"refresh\"" not in p.read_text()[:2000])


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
