"""`make run`: embedded PostgreSQL + migrations + Quảng Ngãi demo data + web server + worker.

Ctrl-C stops the web server, the worker and the database cleanly.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from devdb import ROOT, database_url

PYTHON = sys.executable


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "manage.py", *args], env=env, cwd=ROOT, check=True)


stopping = False


def request_stop(signum: int, frame: object) -> None:
    global stopping
    stopping = True


def main() -> int:
    started = time.monotonic()
    port = os.environ.get("PORT", "8000")
    url, server = database_url("pgdata", "cpms")
    env = {
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "demo-only-" + "x" * 40),
        "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "*",
        **os.environ,
        "DATABASE_URL": url,
    }
    children: list[subprocess.Popen[bytes]] = []
    try:
        manage("migrate", "--noinput", "-v", "0", env=env)
        manage("seed_demo_data", env=env)
        manage("compile_translations", env=env)
        manage("collectstatic", "--noinput", "-v", "0", env=env)
        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        children.append(
            subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "--bind",
                    f"0.0.0.0:{port}",
                    "--workers",
                    "2",
                    "--threads",
                    "4",
                    "--log-level",
                    "warning",
                ],
                env=env,
                cwd=ROOT,
            )
        )
        children.append(
            subprocess.Popen([PYTHON, "manage.py", "procrastinate", "worker"], env=env, cwd=ROOT)
        )
        print(f"\ncpms đang chạy / is running: http://127.0.0.1:{port}/")
        print(f"Sẵn sàng sau / ready after {time.monotonic() - started:.1f} s")
        subprocess.run([PYTHON, "manage.py", "list_demo_users"], env=env, cwd=ROOT, check=False)
        print("Nhấn Ctrl-C để dừng / press Ctrl-C to stop.\n", flush=True)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.5)
        if stopping or any(
            child.returncode in (0, -signal.SIGINT, -signal.SIGTERM) for child in children
        ):
            print("\nĐang dừng / stopping…", flush=True)
            return 0
        print("\nMột tiến trình đã dừng bất thường / a process stopped unexpectedly.", flush=True)
        return 1
    except KeyboardInterrupt:
        print("\nĐang dừng / stopping…", flush=True)
        return 0
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        if server is not None:
            server.cleanup()  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
