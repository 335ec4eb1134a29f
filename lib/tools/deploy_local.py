"""Several app servers behind nginx on this machine: render the config, start, stop.

A team runs N ``streamlit run app.py`` replicas on one PostgreSQL + PostGIS store
behind nginx, with sticky sessions (a cookie nginx sets), the WebSocket proxied
and the map's static assets served by nginx (``deploy/nginx/``, ``deploy/README.md``).
This module renders that configuration and, for a local run or a test, starts the
replicas and a foreground nginx as child processes and stops them again::

    python -m lib.tools.deploy_local run --replicas 2 --port 8080 --db postgresql://...
    python -m lib.tools.deploy_local render --replica 127.0.0.1:8501 \\
        --replica 127.0.0.1:8502 --listen 80 > /etc/nginx/conf.d/zagros-brief.conf

Everything nginx writes (pid, logs, temporary files) stays in a runtime folder;
no system nginx service is used or touched.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from lib.data.paths import PROJECT_ROOT, STATIC_DIR

TEMPLATES = PROJECT_ROOT / "deploy" / "nginx"
#: The cookie nginx sets to pin a browser to one replica.
COOKIE_NAME = "zb_route"
MIME_TYPES = Path("/etc/nginx/mime.types")
_NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")


def find_nginx() -> Path | None:
    """The nginx binary (Debian's ``/usr/sbin/nginx`` first), or None."""
    for candidate in (os.environ.get("ZB_NGINX", ""), *_NGINX_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    found = shutil.which("nginx")
    return Path(found) if found else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment() -> jinja2.Environment:
    # Not HTML: nginx syntax, so no autoescaping; undefined variables are errors.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )


def render_site(
    replicas: list[str],
    *,
    listen: str = "80",
    server_name: str = "_",
    static_dir: Path = STATIC_DIR,
    cookie_secure: bool = False,
    expose_upstream: bool = False,
    max_fails: int = 2,
    fail_timeout: int = 10,
) -> str:
    """The ``http``-context configuration for a system nginx (``/etc/nginx/conf.d/``).

    Parameters
    ----------
    replicas : list of str
        The replicas' ``host:port``.
    listen : str
        nginx's ``listen`` argument (``"80"``, ``"127.0.0.1:8080"``).
    server_name : str
        nginx's ``server_name`` (``_``: any).
    static_dir : Path
        The project's ``static/`` folder (served at ``/app/static/``).
    cookie_secure : bool
        Mark the sticky cookie ``Secure`` (behind TLS).
    expose_upstream : bool
        Add ``X-Upstream`` (the replica's address) to responses: tests and load runs.
    max_fails, fail_timeout : int
        Passive health check: failures before a replica is left out, for how many seconds.

    Returns
    -------
    str
        The configuration text.
    """
    if not replicas:
        raise ValueError("at least one replica is needed")
    return _environment().get_template("zagros-brief.conf.j2").render(**_site_vars(**locals()))


def _site_vars(**given: object) -> dict[str, object]:
    return {**given, "static_dir": str(Path(str(given["static_dir"])).resolve()),
            "cookie_name": COOKIE_NAME}  # fmt: skip


def streamlit_command(script: Path | str, port: int, *extra: str) -> list[str]:
    """The command that runs one app server on ``127.0.0.1:port`` (headless, no file watcher).

    One place for it: the replicas here, the step-latency benchmark and the test
    servers all start Streamlit the same way. The app itself (``app.py``) is started
    through :mod:`lib.ui.serve` (its modules imported before it listens); any other
    script with ``streamlit run``.
    """
    start = (
        ["-m", "lib.ui.serve"]
        if Path(script).resolve() == (PROJECT_ROOT / "app.py").resolve()
        else ["-m", "streamlit", "run", str(script)]
    )
    return [
        sys.executable, *start,
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false", *extra,
    ]  # fmt: skip


def render_local(replicas: list[str], port: int, runtime_dir: Path) -> str:
    """A whole nginx configuration for a local run listening on ``127.0.0.1:port``.

    Replicas' addresses are shown in ``X-Upstream`` (a local run is for testing and
    measuring). Run as root, the workers run as Debian's ``www-data``.
    """
    variables = _site_vars(
        replicas=replicas, listen=f"127.0.0.1:{port}", server_name="_", static_dir=STATIC_DIR,
        cookie_secure=False, expose_upstream=True, max_fails=2, fail_timeout=10,
    )  # fmt: skip
    user = "www-data" if os.geteuid() == 0 else ""
    return (
        _environment()
        .get_template("nginx-local.conf.j2")
        .render(**variables, runtime_dir=str(runtime_dir), mime_types=str(MIME_TYPES), user=user)
    )


@dataclass
class Process:
    """A child process started by :class:`LocalDeployment`, with its log file."""

    name: str
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def address(self) -> str:
        """``127.0.0.1:port``, as nginx names it in ``$upstream_addr``."""
        return f"127.0.0.1:{self.port}"

    def running(self) -> bool:
        """Whether the process is still alive."""
        return self.proc.poll() is None

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the process has used so far (Linux ``/proc``)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def log_tail(self, lines: int = 30) -> str:
        """The end of its log, for an error message."""
        try:
            text = self.log.read_text("utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM the process group; SIGKILL it after 10 s."""
        if self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


@dataclass
class LocalDeployment:
    """N app replicas and nginx in front, all on 127.0.0.1, as child processes.

    Parameters
    ----------
    replicas : int
        How many ``streamlit run app.py`` processes.
    port : int
        nginx's port (0: a free one).
    db_url : str, optional
        ``ZAGROS_BRIEF_DB`` for every replica (a team's PostgreSQL); else the environment's.
    runtime_dir : Path, optional
        Where the config, logs and nginx's files go (default: a new temporary folder).
    env : dict, optional
        Variables added to (or, with an empty value, removed from) the replicas' environment.
    timeout : float
        Seconds to wait for each replica's and nginx's health check.
    """

    replicas: int = 2
    port: int = 0
    db_url: str | None = None
    runtime_dir: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    timeout: float = 180.0
    apps: list[Process] = field(default_factory=list)
    nginx: Process | None = None

    @property
    def url(self) -> str:
        """nginx's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LocalDeployment:
        """Start the replicas (together), wait until each is healthy, then nginx."""
        nginx_bin = find_nginx()
        if nginx_bin is None:
            raise FileNotFoundError("nginx not found: apt-get install nginx")
        if self.runtime_dir is None:
            self.runtime_dir = Path(tempfile.mkdtemp(prefix="zb-deploy-"))
        # nginx's workers (www-data when started as root) create and use tmp/ here.
        self.runtime_dir.chmod(0o755)
        self.port = self.port or free_port()
        try:
            env = self._replica_env()
            for index in range(self.replicas):
                self.apps.append(self._start_replica(index, env))
            for app in self.apps:
                wait_healthy(f"http://{app.address}/_stcore/health", app, self.timeout)
            self._start_nginx(nginx_bin)
        except BaseException:
            self.stop()
            raise
        return self

    def _replica_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.db_url:
            env["ZAGROS_BRIEF_DB"] = self.db_url
        # One cookie secret for all replicas: Streamlit signs its XSRF cookie (and
        # st.login's identity cookie) with it, so a session that fails over to another
        # replica keeps a valid cookie. Made per run, never written to a file or log.
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_urlsafe(32))
        for key, value in self.env.items():
            if value:
                env[key] = value
            else:
                env.pop(key, None)
        env.update(PYTHONPATH=str(PROJECT_ROOT), PYTHONUNBUFFERED="1")
        return env

    def _start_replica(self, index: int, env: dict[str, str]) -> Process:
        assert self.runtime_dir is not None
        port = free_port()
        cmd = streamlit_command(PROJECT_ROOT / "app.py", port)
        log = self.runtime_dir / f"replica-{index + 1}-{port}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                cmd, cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        return Process(f"replica {index + 1}", port, proc, log)

    def _start_nginx(self, nginx_bin: Path) -> None:
        assert self.runtime_dir is not None
        conf = self.runtime_dir / "nginx.conf"
        (self.runtime_dir / "tmp").mkdir(exist_ok=True)
        conf.write_text(render_local([a.address for a in self.apps], self.port, self.runtime_dir))
        base = [str(nginx_bin), "-p", str(self.runtime_dir), "-c", str(conf)]
        base += ["-e", str(self.runtime_dir / "error.log")]
        check = subprocess.run([*base, "-t"], capture_output=True, text=True, check=False)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected {conf}:\n{check.stderr}")
        log = self.runtime_dir / "nginx.out"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                base, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.nginx = Process("nginx", self.port, proc, self.runtime_dir / "error.log")
        wait_healthy(f"{self.url}/healthz", self.nginx, self.timeout)

    def stop_replica(self, index: int) -> None:
        """Stop one replica (0-based); nginx and the others keep running."""
        self.apps[index].stop()

    def stop(self) -> None:
        """Stop nginx, then every replica."""
        if self.nginx is not None:
            self.nginx.stop()
        for app in self.apps:
            app.stop()

    def __enter__(self) -> LocalDeployment:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_healthy(url: str, process: Process, timeout: float) -> None:
    """Poll ``url`` until it answers 200; fail early if ``process`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process.running():
            raise RuntimeError(
                f"{process.name} exited with {process.proc.returncode}; log:\n{process.log_tail()}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not up yet (or nginx has no healthy replica yet): poll again
        time.sleep(0.25)
    raise TimeoutError(f"{url} not healthy after {timeout:.0f} s; log:\n{process.log_tail()}")


def main(argv: list[str] | None = None) -> int:
    """Command line: ``render`` a system nginx config, or ``run`` a local deployment."""
    parser = argparse.ArgumentParser(
        prog="python -m lib.tools.deploy_local", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    render = sub.add_parser("render", help="print the http-context config for a system nginx")
    render.add_argument("--replica", action="append", required=True, help="host:port (repeat)")
    render.add_argument("--listen", default="80")
    render.add_argument("--server-name", default="_")
    render.add_argument("--static-dir", type=Path, default=STATIC_DIR)
    render.add_argument("--secure-cookie", action="store_true", help="behind TLS")
    run = sub.add_parser("run", help="start N replicas and nginx here until Ctrl-C")
    run.add_argument("--replicas", type=int, default=2)
    run.add_argument("--port", type=int, default=8080)
    run.add_argument("--db", help="ZAGROS_BRIEF_DB for every replica (PostgreSQL for a team)")
    args = parser.parse_args(argv)

    if args.command == "render":
        print(render_site(args.replica, listen=args.listen, server_name=args.server_name,
                          static_dir=args.static_dir, cookie_secure=args.secure_cookie), end="")  # fmt: skip
        return 0
    if not 1 <= args.replicas <= 16:
        parser.error("--replicas: 1 to 16")
    deployment = LocalDeployment(replicas=args.replicas, port=args.port, db_url=args.db)
    with deployment:
        for app in deployment.apps:
            print(f"{app.name}: http://{app.address} (log {app.log})")
        print(
            f"nginx: {deployment.url} (config and logs in {deployment.runtime_dir}); Ctrl-C stops"
        )
        try:
            while deployment.nginx is not None and deployment.nginx.running():
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
