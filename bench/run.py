"""`make bench`: the site under load, served as in production, on a large made-up data set.

1. Fills a database of its own (var/bench.sqlite3, or BENCH_DATABASE_URL) with
   `manage.py bench_data` the first time (BENCH_REGENERATE=1 starts again).
2. Serves it with gunicorn (2 sync workers, DEBUG off, static files collected
   and served by whitenoise) on 127.0.0.1 only.
3. Loads each page with wrk, first with the page cache off (PAGE_CACHE=0:
   "cold", every request renders) then on ("warm"), and a static file of
   5-20 KB through the same stack as the ceiling: before the first page and
   after each one, so that each page is compared with the ceiling measured
   next to it (the mean of the loads just before and just after), not with
   one taken minutes apart on a machine whose speed drifts.
4. Prints requests/s, p50, p99 and errors (socket errors, including requests
   slower than 30 s, and responses other than 2xx/3xx) per page, each page's
   share of its ceiling, the ceiling's own figures (mean requests/s and p50,
   worst p99, all errors), and the resident memory of one worker after the
   run.

BENCH_SECONDS (5) is how long wrk loads each address, BENCH_CONNECTIONS (16)
and BENCH_THREADS (2) its connections and threads, BENCH_PORT (8199) the port.
"""

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "8199"))
HOST = "127.0.0.1"
# As gunicorn's own default: a request that takes longer loses its worker.
TIMEOUT = 30
# A page that takes longer than this once, alone, is reported, not loaded.
SLOW = 5
SQLITE = ROOT / "var" / "bench.sqlite3"
STATIC_ROOT = ROOT / "var" / "bench-static"


def say(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def django_env(page_cache=True):
    database = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{SQLITE}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": database,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(STATIC_ROOT),
        "MEDIA_ROOT": str(ROOT / "var" / "bench-media"),
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE": "1" if page_cache else "0",
    }
    return env


def manage(*args, capture=False):
    command = [PYTHON, str(ROOT / "manage.py"), *args]
    result = subprocess.run(
        command, cwd=ROOT, env=django_env(), check=True, text=True, capture_output=capture
    )
    return result.stdout


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing wrk (Debian package) with apt-get")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        return shutil.which("wrk")
    sys.exit("bench: wrk is needed. Install it with: sudo apt-get install -y wrk")


def prepare():
    SQLITE.parent.mkdir(exist_ok=True)
    if os.environ.get("BENCH_REGENERATE") == "1":
        if "BENCH_DATABASE_URL" in os.environ:
            manage("flush", "--noinput")
        else:
            SQLITE.unlink(missing_ok=True)
    manage("migrate", "--noinput", "-v0")
    manage("bench_data")
    manage("collectstatic", "--noinput", "-v0")
    return json.loads(manage("bench_data", "--addresses", capture=True))


def static_file():
    """A collected (hashed) file of 5-20 KB, the site's stylesheet if it is that size."""
    manifest = json.loads((STATIC_ROOT / "staticfiles.json").read_text())["paths"]
    candidates = ["css/site.css", "css/print.css", *sorted(manifest)]
    for name in candidates:
        hashed = manifest.get(name)
        if hashed and 5_000 <= (STATIC_ROOT / hashed).stat().st_size <= 20_000:
            return "/static/" + hashed
    sys.exit("bench: no collected static file of 5-20 KB")


class Server:
    def __init__(self, page_cache):
        self.page_cache = page_cache
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--bind",
                f"{HOST}:{PORT}",
                "--workers",
                "2",
                "--timeout",
                str(TIMEOUT),
                "--graceful-timeout",
                "5",
                "--worker-tmp-dir",
                "/dev/shm",
                "--no-control-socket",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=django_env(self.page_cache),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if status("/healthz") == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                sys.exit("bench: gunicorn did not start")
            time.sleep(0.3)
        sys.exit("bench: gunicorn did not answer /healthz within 60 s")

    def worker_rss(self):
        """VmRSS of one worker, in MiB (read from /proc)."""
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return None

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def __exit__(self, *exc):
        workers = self.workers()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        # A worker still busy with a long request would keep the port.
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                status("/healthz")
            except OSError:
                return
            time.sleep(0.5)


def status(path):
    connection = http.client.HTTPConnection(HOST, PORT, timeout=TIMEOUT)
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * UNITS[unit]


def load(wrk, path):
    """wrk's figures for one address: requests/s, p50 and p99 in ms, errors."""
    settle()
    output = subprocess.run(
        [
            wrk,
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            f"--timeout={TIMEOUT}s",
            "--latency",
            f"http://{HOST}:{PORT}{path}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+(\S+)\s*$", output, re.MULTILINE))
    if not {"50", "99"} <= latency.keys():
        sys.exit(f"bench: wrk gave no latency distribution for {path}:\n{output}")
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(int(n) for n in socket.groups()) if socket else 0
    errors += int(non_2xx[1]) if non_2xx else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": milliseconds(latency["50"]),
        "p99": milliseconds(latency["99"]),
        "errors": errors,
    }


def settle():
    """Wait until the requests wrk left queued are answered: a slow page's would
    otherwise be counted against whatever is loaded next."""
    deadline = time.monotonic() + TIMEOUT * 2
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        started = time.monotonic()
        status("/healthz")
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0


def run_mode(wrk, pages, ceiling, page_cache):
    """Each page's figures, with the ceiling measured around it ("ceiling"), and the
    ceiling's over the whole run under `ceiling`'s name."""
    ceiling_name, ceiling_path = ceiling
    results = {}
    with Server(page_cache) as server:
        for _ in range(5):
            status(ceiling_path)
        say(f"{'warm' if page_cache else 'cold'} {ceiling_name}: {ceiling_path}")
        ceilings = [load(wrk, ceiling_path)]
        for name, path in pages:
            # Every address answers 200 before it is loaded: a redirect or an
            # error page would measure something else. Then both workers see it
            # once or twice, so that "warm" is warm.
            started = time.monotonic()
            try:
                code = status(path)
            except TimeoutError:
                code = None
            took = time.monotonic() - started
            if code is None or took > SLOW:
                # Loading it would only queue requests behind each other.
                say(f"{path} took {took:.0f} s: not loaded")
                results[name] = {"slow": took}
                continue
            if code != 200:
                sys.exit(f"bench: {path} answered {code}, not 200")
            for _ in range(4):
                status(path)
            say(f"{'warm' if page_cache else 'cold'} {name}: {path}")
            results[name] = load(wrk, path)
            ceilings.append(load(wrk, ceiling_path))
            results[name]["ceiling"] = (ceilings[-2]["rps"] + ceilings[-1]["rps"]) / 2
        rss = server.worker_rss()
    results[ceiling_name] = {
        "rps": sum(c["rps"] for c in ceilings) / len(ceilings),
        "p50": sum(c["p50"] for c in ceilings) / len(ceilings),
        "p99": max(c["p99"] for c in ceilings),
        "errors": sum(c["errors"] for c in ceilings),
    }
    results[ceiling_name]["ceiling"] = results[ceiling_name]["rps"]
    return results, rss


def table(pages, cold, warm):
    header = (
        f"{'page':<22} | {'cold req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'err':>4} {'ratio':>6}"
        f" | {'warm req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'err':>4} {'ratio':>6}"
    )
    lines = [header, "-" * len(header)]
    for name, _path in pages:
        cells = []
        for results in (cold, warm):
            row = results[name]
            if "slow" in row:
                cells.append(f"{f'one request: {row["slow"]:.0f} s, not loaded':>41}")
                continue
            cells.append(
                f"{row['rps']:>10.0f} {row['p50']:>8.2f} {row['p99']:>8.2f} {row['errors']:>4}"
                f" {row['rps'] / row['ceiling']:>6.1%}"
            )
        lines.append(f"{name:<22} | {cells[0]} | {cells[1]}")
    return "\n".join(lines)


def main():
    started = time.monotonic()
    wrk = ensure_wrk()
    addresses = prepare()
    ceiling = ("static file (ceiling)", static_file())
    pages = [
        ("home", "/be/"),
        ("today", "/be/today/"),
        ("archive page 1", "/be/digests/"),
        ("archive page 400", "/be/digests/page/400/"),
        ("longest digest", addresses["longest_digest"]),
        ("campaign", addresses["campaign"]),
        ("digest feed", "/be/feeds/digests.rss"),
        # Last: on SQLite it reads every text, and may outlast the timeout.
        ("search", "/be/search/?q=" + urllib.parse.quote("палітвязняў")),
    ]
    cold, rss_cold = run_mode(wrk, pages, ceiling, page_cache=False)
    warm, rss_warm = run_mode(wrk, pages, ceiling, page_cache=True)
    print()
    print(
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s on {HOST}, gunicorn 2 sync workers, "
        f"database {django_env()['DATABASE_URL'].split('://')[0]}; "
        f"{addresses['digests']} digests, {addresses['sections']} sections"
    )
    for name, path in [*pages, ceiling]:
        print(f"  {name}: {path}")
    print()
    print(table([*pages, ceiling], cold, warm))
    print("ratio: a page's requests/s against the ceiling's loaded just before and after it")
    print(
        "cold: the page cache off, every request rendered; a digest's article as kept "
        "by the write path or its first reader (digests/rendering.py); each worker's "
        "SQL of the pages' queries (newsroom/prepared.py), site settings while unchanged "
        "and site-wide header and footer ({% sitewide %}) as made by its first request"
    )
    print()
    print(
        f"one worker's resident memory (VmRSS): {rss_cold:.0f} MiB after the cold run, "
        f"{rss_warm:.0f} MiB after the warm run"
    )
    print(f"make bench took {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
