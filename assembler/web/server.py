"""Running the workspace: check the address, then serve the app with uvicorn until Ctrl-C.
Kept out of the command line module so that a test can replace the blocking part."""

from __future__ import annotations

import errno
import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import uvicorn
from starlette.applications import Starlette

from assembler.errors import AssemblerError

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """The host as a URL writes it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def allowed_hosts(host: str) -> tuple[str, ...]:
    """The Host header names a browser may send: the loopback names, and the host served."""
    names = ("127.0.0.1", "localhost", "[::1]")
    own = url_host(host).lower()
    return names if own in names else (*names, own)


def check_port(host: str, port: int) -> None:
    """Refuse a port that is taken, with what to do, before uvicorn logs a traceback-like
    message and exits."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise AssemblerError(
                    f"port {port} is in use on {host}",
                    hint=f"stop the other server, or choose another port: --port {port + 1}",
                ) from exc
            raise AssemblerError(
                f"cannot listen on {host}:{port}: {exc.strerror}",
                hint="check --host and --port",
            ) from exc


def run(app: Starlette, host: str, port: int, on_ready: Callable[[], None]) -> None:
    """Serve until Ctrl-C (uvicorn handles the signal and shuts down cleanly); `on_ready` is
    called once the socket listens, from another thread."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))

    def when_started() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            on_ready()

    threading.Thread(target=when_started, daemon=True).start()
    server.run()


@dataclass(frozen=True)
class Background:
    """A workspace served from a thread of this process (screenshots, browser tests)."""

    url: str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def free_port() -> int:
    """A loopback port no one listens on now (the system's pick)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_in_background(app_for: Callable[[int], Starlette], timeout: float = 30) -> Background:
    """Serve the app `app_for(port)` makes on a free loopback port (the port is part of its
    Host allow-list) and return once the socket listens."""
    port = free_port()
    config = uvicorn.Config(app_for(port), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the workspace server did not start on port {port}")
        time.sleep(0.05)
    return Background(f"http://127.0.0.1:{port}", server, thread)
