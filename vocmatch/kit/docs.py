"""The interactive API docs and the favicon, served by the app itself: no CDN, works offline.

Swagger UI's files come from the ``swagger-ui-bundle-v2`` package (Swagger UI 5, which reads
OpenAPI 3.1) and are mounted under ``/static/swagger-ui``; the page starts it from
``/static/docs.js``, so the docs page keeps the
same Content-Security-Policy as every page (``kit.headers.PAGE_CSP``: no inline script).
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from vocmatch.kit.render import STATIC_DIR

SWAGGER_PREFIX = "/static/swagger-ui"
FAVICON = STATIC_DIR / "favicon.ico"

router = APIRouter(include_in_schema=False)

_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vocmatch API</title>
<link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="{SWAGGER_PREFIX}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi-url="/openapi.json"></div>
<script src="{SWAGGER_PREFIX}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui() -> HTMLResponse:
    """Swagger UI on this app's OpenAPI, from local files."""
    return HTMLResponse(_PAGE)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    """The site icon (browsers ask for it on every page)."""
    return FileResponse(
        FAVICON, media_type="image/x-icon", headers={"Cache-Control": "max-age=86400"}
    )


def mount_swagger_assets(app: FastAPI) -> None:
    """Serve Swagger UI's files; call before the ``/static`` mount (the first match wins)."""
    app.mount(SWAGGER_PREFIX, StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")
