"""A tiny static web server that compresses text with gzip, as a static host serves a site.

GitHub Pages, Netlify, nginx with ``gzip on`` and most other hosts compress HTML, CSS,
JavaScript, JSON and SVG on the fly and send fonts and images as they are (they are compressed
already). This server does the same, on 127.0.0.1 only, so that the page-weight and Lighthouse
benchmarks see the bytes a reader's browser would download.

    python benchmarks/serve.py _build/html            # prints the address, serves until Ctrl-C
    python benchmarks/serve.py _build/html --port 8000

From Python: ``with serve(folder) as url: ...`` serves in a background thread.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import io
import mimetypes
import threading
from collections.abc import Iterator
from functools import lru_cache, partial
from pathlib import Path

#: Types a static host compresses (nginx's ``gzip_types``, GitHub Pages, Netlify).
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/manifest+json",
)
#: Below this size compression is not worth it (nginx's ``gzip_min_length`` is of this order).
MIN_SIZE = 256
#: zlib level 6 is nginx's and most hosts' trade-off between speed and size.
LEVEL = 6

mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/javascript", ".mjs")
mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("font/woff", ".woff")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("application/json", ".map")


@lru_cache(maxsize=4096)
def _compressed(path: str, mtime_ns: int, size: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=LEVEL, mtime=0)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files from ``directory``; gzip text types when the client accepts it."""

    protocol_version = "HTTP/1.1"  # keep-alive, as a real host

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to "dir/"
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "File not found")
            return None
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        stat = path.stat()
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        body: bytes
        encoded = False
        if accepts and ctype.startswith(COMPRESSED_TYPES) and stat.st_size >= MIN_SIZE:
            body = _compressed(str(path), stat.st_mtime_ns, stat.st_size)
            encoded = True
        else:
            body = path.read_bytes()
        self.send_response(200)
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.send_header("Content-Type", ctype)
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages sends 10 minutes
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        if self.command == "HEAD":
            return None
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def serve(folder: str | Path, port: int = 0) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port unless given); yield its base URL."""
    handler = partial(Handler, directory=str(Path(folder).resolve()))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, name="bench-serve", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="_build/html")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with serve(args.folder, args.port) as url:
        print(f"Serving {args.folder} at {url} (gzip for text types); Ctrl-C stops.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
