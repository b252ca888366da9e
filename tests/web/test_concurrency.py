"""A glossary edit waiting for the folder's lock (held by a command-line edit) does not hold up
the server: pages keep answering, and the edit is made once the lock is free."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx2
import pytest

from assembler.glossary.store import load_glossary
from assembler.locking import folder_lock
from assembler.web.app import create_app
from assembler.web.context import WebContext
from assembler.web.server import serve_in_background


@pytest.fixture
def base(ctx: WebContext) -> Iterator[str]:
    served = serve_in_background(lambda port: create_app(ctx, port=port))
    yield served.url
    served.stop()


def test_pages_answer_while_an_edit_waits_for_the_lock(ctx: WebContext, base: str) -> None:
    headers = {"Origin": base, "X-CSRF-Token": ctx.csrf_token}
    answers: list[httpx2.Response] = []

    def edit() -> None:
        answers.append(
            httpx2.patch(
                f"{base}/api/glossary/concepts/unodc",
                json={"note": "edited while the lock was held"},
                headers=headers,
                timeout=60,
            )
        )

    with folder_lock(ctx.glossary):
        waiting = threading.Thread(target=edit)
        waiting.start()
        time.sleep(0.5)
        assert not answers  # the edit waits for the lock
        started = time.monotonic()
        for url in ("/corpus", "/glossary?q=UNODC", "/api/glossary/lookup?q=UNODC"):
            assert httpx2.get(base + url, timeout=10).status_code == 200, url
        assert time.monotonic() - started < 10
        assert not answers
    waiting.join(timeout=60)
    assert answers and answers[0].status_code == 200, answers
    concept = load_glossary(ctx.glossary).get("unodc")
    assert concept is not None and concept.note == "edited while the lock was held"
