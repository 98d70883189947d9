"""Servers in front of gunicorn for the benchmark (bench/run_wrk.py): Varnish
with the shipped VCL (deploy/varnish/), and nginx serving a page's bytes from
disk, the ceiling any cache in front of Python can aim at."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def find(name):
    return shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name,) if p.exists()), None
    )


def wait_for(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def stop(process, timeout=20):
    """End a server started with Popen: SIGTERM, then SIGKILL after `timeout`
    seconds; waits for it either way (nothing if it never started or ended)."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Varnish:
    """varnishd -F with deploy/varnish/newsroom.vcl in front of `backend_port`,
    in a working directory of its own (the benchmark's and the tests' one way
    of running the shipped VCL). `probe_interval` overrides the site VCL's
    health probe interval (tests want the backend healthy sooner); `settle`
    is how long start() waits for the first probes to pass."""

    def __init__(self, port, backend_port, workdir, *, probe_interval=None, storage="256m"):
        self.port, self.name = port, "varnish"
        self.base = f"http://127.0.0.1:{port}"
        self.storage = storage
        self.workdir = Path(workdir) / "varnish"
        self.workdir.mkdir(exist_ok=True)
        site = (ROOT / "deploy/varnish/site.vcl").read_text()
        site = site.replace('"8000"', f'"{backend_port}"').replace('"6081"', f'"{port}"')
        if probe_interval:
            site = site.replace(".interval = 2s;", f".interval = {probe_interval};")
        (self.workdir / "site.vcl").write_text(site)
        self.log = open(self.workdir / "varnishd.log", "w")
        self.process = None

    def start(self, settle=2.5):
        self.process = subprocess.Popen(
            [
                find("varnishd"),
                "-F",
                "-j",
                "none",
                "-n",
                str(self.workdir / "instance"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(ROOT / "deploy/varnish/newsroom.vcl"),
                "-p",
                f"vcl_path={self.workdir}:{ROOT / 'deploy/varnish'}",
                "-s",
                f"malloc,{self.storage}",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self.port)
        time.sleep(settle)  # the backend's first probes: healthy

    def stop(self):
        stop(self.process)
        self.log.close()


class Nginx:
    """nginx (one worker per core, as shipped) serving `files` {name: bytes}."""

    def __init__(self, port, workdir, files):
        self.port, self.name = port, "nginx"
        self.workdir = Path(workdir) / "nginx"
        (self.workdir / "html").mkdir(parents=True, exist_ok=True)
        # nginx's workers drop to an unprivileged user: the page must be
        # readable by them (mkdtemp made the bench's directory ours alone).
        for path in (Path(workdir), self.workdir, self.workdir / "html"):
            path.chmod(0o755)
        for name, body in files.items():
            (self.workdir / "html" / name).write_bytes(body)
        (self.workdir / "nginx.conf").write_text(
            f"""
daemon off;
worker_processes auto;
pid {self.workdir}/nginx.pid;
error_log {self.workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    default_type text/html;
    client_body_temp_path {self.workdir}/tmp;
    proxy_temp_path {self.workdir}/tmp;
    fastcgi_temp_path {self.workdir}/tmp;
    uwsgi_temp_path {self.workdir}/tmp;
    scgi_temp_path {self.workdir}/tmp;
    server {{
        listen 127.0.0.1:{self.port};
        root {self.workdir}/html;
    }}
}}
"""
        )
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [find("nginx"), "-c", str(self.workdir / "nginx.conf"), "-p", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self.port)

    def stop(self):
        stop(self.process)
