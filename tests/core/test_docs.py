"""/docs and the favicon are served from the app's own files, under the pages' strict CSP."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_docs_page_loads_only_local_files(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200
    assert "cdn" not in r.text.lower() and "http" not in r.text.replace("http-equiv", "")
    csp = r.headers["content-security-policy"]
    assert (
        "script-src 'self';" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    for asset in (
        "/static/swagger-ui/swagger-ui-bundle.js",
        "/static/swagger-ui/swagger-ui.css",
        "/static/docs.js",
    ):
        assert asset in r.text
        assert client.get(asset).status_code == 200
    assert client.get("/redoc").status_code == 404  # no ReDoc: it would need a CDN


def test_favicon_is_an_icon(client: TestClient) -> None:
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"] == "image/x-icon"
    assert r.content[:4] == b"\x00\x00\x01\x00"  # an ICO file (one PNG image inside)
    assert b"\x89PNG" in r.content
    assert '<link rel="icon" href="/favicon.ico">' in client.get("/").text
    assert "/favicon.ico" not in client.get("/openapi.json").json()["paths"]
