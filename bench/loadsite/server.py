"""A gunicorn server of bench.loadsite on 127.0.0.1, and wrk runs against it.

The server runs with the production settings (DEBUG off, manifest static files collected into
var/bench/static) and the environment of the calling process (DATABASE_URL, SECRET_KEY), and
writes an access log of "<status> <path>" lines: after a run the bench counts exactly what the
server answered, including requests wrk cut off at the end of its duration.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import OUT_DIR, ROOT

LUA = ROOT / "bench" / "wrk" / "rotate.lua"
SETTINGS = "bench.loadsite.settings"


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(
            "wrk is not installed. On Debian or Ubuntu: `sudo apt-get update && sudo apt-get"
            " install -y wrk` (macOS: `brew install wrk`), then run the benchmark again."
        )
    return path


def use_bench_secret_key() -> None:
    """SECRET_KEY of this process and of the server (call before Django starts): the
    environment's, or one kept in var/bench/secret-key. It must outlive a run: sessions are
    signed with it and, without CPMS_FIELD_KEYS, the generated data's protected fields are
    encrypted with a key derived from it."""
    if os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE"):
        return
    path = OUT_DIR / "secret-key"
    if not path.exists():
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    os.environ["SECRET_KEY_FILE"] = str(path)


def server_env() -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DEBUG": "false"}
    if not (env.get("SECRET_KEY") or env.get("SECRET_KEY_FILE")):
        raise SystemExit("SECRET_KEY is not set: call use_bench_secret_key() first")
    return env


def collectstatic(*, force: bool = False) -> None:
    """Static files for the manifest storage (the pages look their hashed names up), again
    only when a source file is newer than the manifest."""
    manifest = OUT_DIR / "static" / "staticfiles.json"
    if manifest.exists() and not force:
        sources = [ROOT / "static", *ROOT.glob("cpms/*/static")]
        newest = max(
            (f.stat().st_mtime for d in sources for f in d.rglob("*") if f.is_file()), default=0
        )
        if newest < manifest.stat().st_mtime:
            return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=server_env(),
        cwd=ROOT,
        check=True,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    base_url: str
    access_log: Path
    process: subprocess.Popen[bytes]
    _offset: int = 0

    def settle(self, quiet: float) -> int:
        """Wait until the access log has not grown for `quiet` seconds (requests in flight
        when wrk stopped still finish); its size."""
        size = -1
        while size != self.access_log.stat().st_size:
            size = self.access_log.stat().st_size
            time.sleep(quiet)
        return size

    def mark(self, quiet: float = 1.0) -> None:
        """Start counting access-log lines from here, once earlier requests are answered."""
        self._offset = self.settle(quiet)

    def answered_since_mark(self, quiet: float = 1.0) -> Counter[tuple[str, str]]:
        """(status, first path segment) → count of requests answered since mark()."""
        size = self.settle(quiet)
        with self.access_log.open("rb") as log:
            log.seek(self._offset)
            text = log.read(size - self._offset).decode("utf-8", "replace")
        counts: Counter[tuple[str, str]] = Counter()
        for line in text.splitlines():
            status, _, path = line.partition(" ")
            counts[(status, path.strip("/").split("/")[0])] += 1
        return counts


@contextmanager
def gunicorn(*, workers: int, threads: int, name: str) -> Iterator[Server]:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    access_log = OUT_DIR / f"{name}-access.log"
    error_log = OUT_DIR / f"{name}-gunicorn.log"
    access_log.write_text("")
    port = _free_port()
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
        "--access-logfile", str(access_log), "--access-logformat", "%(s)s %(U)s",
        "--error-logfile", str(error_log), "--capture-output", "--log-level", "warning",
        "--timeout", "120",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=server_env(), cwd=ROOT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base_url, process, error_log)
        yield Server(base_url=base_url, access_log=access_log, process=process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(base_url: str, process: subprocess.Popen[bytes], error_log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited ({process.returncode}); see {error_log}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz/", timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers (503 only means the worker heartbeat is stale)
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer within 90 s; see {error_log}")


def run_wrk(
    base_url: str, targets: Path, *, duration: float, connections: int, threads: int
) -> dict[str, Any]:
    """One wrk run over the request lines in `targets`; the figures of rotate.lua's done()."""
    command = [
        require_wrk(), "-t", str(threads), "-c", str(connections), "-d", f"{duration:g}s",
        "--timeout", "10s", "--latency", "-s", str(LUA), base_url, "--", str(targets),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [x for x in result.stdout.splitlines() if x.startswith("WRK_JSON ")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"wrk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    figures: dict[str, Any] = json.loads(lines[-1].removeprefix("WRK_JSON "))
    seconds = figures["duration_us"] / 1e6
    figures["rps"] = round(figures["requests"] / seconds, 1) if seconds else 0.0
    figures["non_2xx"] = sum(n for s, n in figures["statuses"].items() if not s.startswith("2"))
    return figures
