"""`assembler serve`: prints its address, opens the browser unless told not to, refuses a
reachable host without --allow-remote and a taken port, and stops on Ctrl-C with exit 0."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2
import pytest
from support import Cli

from assembler.web import server


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the command opened in a browser; the server returns as soon as it is ready."""
    urls: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: urls.append(url) or True)
    monkeypatch.setattr(server, "run", lambda app, host, port, on_ready: on_ready())
    return urls


def test_serve_prints_the_address_and_opens_the_browser(cli: Cli, opened: list[str]) -> None:
    port = server.free_port()
    code, out, _ = cli("serve", "--port", str(port))
    assert code == 0
    assert f"http://127.0.0.1:{port}/" in out
    assert opened == [f"http://127.0.0.1:{port}/"]


def test_no_browser_opens_nothing(cli: Cli, opened: list[str]) -> None:
    code, out, _ = cli("serve", "--port", str(server.free_port()), "--no-browser")
    assert code == 0 and "http://127.0.0.1:" in out
    assert opened == []


def test_a_reachable_host_needs_allow_remote(cli: Cli, opened: list[str]) -> None:
    code, _, err = cli("serve", "--host", "0.0.0.0", "--no-browser")
    assert code == 1
    assert "--allow-remote" in err
    code, _, err = cli(
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        str(server.free_port()),
        "--no-browser",
        "--allow-remote",
    )
    assert code == 0
    assert "warning" in err


def test_a_taken_port_is_refused(cli: Cli, opened: list[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = cli("serve", "--port", str(port), "--no-browser")
    assert code == 1
    assert f"port {port} is in use" in err and "--port" in err


def test_loopback_and_hosts() -> None:
    assert server.is_loopback("127.0.0.1") and server.is_loopback("::1")
    assert server.is_loopback("127.0.0.2") and server.is_loopback("localhost")
    assert not server.is_loopback("0.0.0.0") and not server.is_loopback("example.org")
    assert server.allowed_hosts("127.0.0.1") == ("127.0.0.1", "localhost", "[::1]")
    assert server.allowed_hosts("192.168.1.5")[-1] == "192.168.1.5"
    assert server.url_host("::1") == "[::1]"


def test_the_real_server_answers_and_stops_on_ctrl_c(
    corpus_copy: Path, glossary_copy: Path
) -> None:
    port = server.free_port()
    command = [sys.executable, "-m", "assembler", "--corpus", str(corpus_copy)]
    command += ["--glossary", str(glossary_copy), "serve", "--port", str(port), "--no-browser"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                answer = httpx2.get(f"{base}/corpus", timeout=5)
                break
            except httpx2.ConnectError:
                time.sleep(0.1)
        assert answer.status_code == 200
        assert "E/CN.15/2007/9" in answer.text
        rebinding = httpx2.get(f"{base}/corpus", headers={"Host": f"evil.example:{port}"})
        assert rebinding.status_code == 400
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
