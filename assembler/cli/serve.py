"""`assembler serve`: the local web workspace on 127.0.0.1, opened in the browser."""

from __future__ import annotations

import argparse
import contextlib
import sys
import webbrowser
from typing import Any

from assembler.errors import AssemblerError
from assembler.paths import PROJECT_ROOT
from assembler.web import server
from assembler.web.app import create_app
from assembler.web.context import WebContext

DEFAULT_PORT = 8765


def register(sub: Any, help_line: str) -> None:
    p = sub.add_parser(
        "serve",
        help=help_line,
        description=(
            "Start the local web workspace over this project's corpus, glossary and packs, and "
            "open it in the browser. It listens on 127.0.0.1 only; Ctrl-C stops it."
        ),
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    p.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (this machine only)")
    p.add_argument("--no-browser", action="store_true", help="print the address, open nothing")
    p.add_argument(
        "--allow-remote",
        action="store_true",
        help="needed with a --host other machines can reach (anyone there can change files)",
    )
    p.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise AssemblerError(f"--port {args.port} is not a port", hint="use 1024-65535")
    if not server.is_loopback(args.host):
        if not args.allow_remote:
            raise AssemblerError(
                f"--host {args.host} would let other machines change your files",
                hint="serve on 127.0.0.1 (the default), or add --allow-remote if you mean it",
            )
        print(
            f"warning: serving on {args.host}: anyone who can reach it can read and change the "
            "corpus, glossary and packs",
            file=sys.stderr,
        )
    server.check_port(args.host, args.port)
    ctx = WebContext.create(
        PROJECT_ROOT,
        corpus=args.corpus,
        glossary=args.glossary,
        allowed_hosts=server.allowed_hosts(args.host),
    )
    app = create_app(ctx, port=args.port)
    url = f"http://{server.url_host(args.host)}:{args.port}/"
    print(f"assembler workspace: {url}  (Ctrl-C stops it)", flush=True)

    def ready() -> None:
        if not args.no_browser:
            webbrowser.open(url)

    # uvicorn shuts down on Ctrl-C, then raises the signal again for the caller: stopping the
    # workspace is what the user asked for, not a failure.
    with contextlib.suppress(KeyboardInterrupt):
        server.run(app, args.host, args.port, ready)
    print("stopped")
    return 0
