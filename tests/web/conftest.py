"""An app over temporary copies of the corpus, the glossary and the example specs, and a test
client that talks to it as a browser on this machine would (Host 127.0.0.1:8765, our Origin
and CSRF token on changes)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from assembler.paths import PROJECT_ROOT
from assembler.web.app import create_app
from assembler.web.context import WebContext

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def web_root(tmp_path: Path, corpus_copy: Path, glossary_copy: Path) -> Path:
    """tmp_path with corpus/, glossary/ and examples/ as the project has them."""
    shutil.copytree(PROJECT_ROOT / "examples", tmp_path / "examples")
    return tmp_path


@pytest.fixture
def ctx(web_root: Path) -> WebContext:
    return WebContext.create(web_root, max_upload=2 * 1024 * 1024)


@pytest.fixture
def client(ctx: WebContext) -> Iterator[TestClient]:
    """A client whose changes carry the Origin and token a page of ours would send."""
    with TestClient(
        create_app(ctx, port=8765),
        base_url=BASE,
        headers={"Origin": BASE, "X-CSRF-Token": ctx.csrf_token},
    ) as test_client:
        yield test_client


@pytest.fixture
def bare(ctx: WebContext) -> Iterator[TestClient]:
    """A client that sends no Origin and no token (a forged or scripted request)."""
    with TestClient(create_app(ctx, port=8765), base_url=BASE) as test_client:
        yield test_client
