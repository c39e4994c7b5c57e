"""Template rendering shared by every page: language, the caller and the CSRF token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from vocmatch.kit.i18n import LANGS, translate
from vocmatch.kit.messages import LANG_COOKIE, request_lang
from vocmatch.kit.nav import visible_nav

# Templates, static files and UI strings are assets of the whole app, kept in vocmatch/web/.
WEB_DIR = Path(__file__).parent.parent / "web"
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
templates = Jinja2Templates(directory=str(TEMPLATE_DIR))


def current_lang(request: Request) -> str:
    """Return the page language: ``?lang=`` first, then the cookie, else Chinese."""
    return request_lang(request, default="zh")


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render ``template`` with the language helpers and the current principal."""
    lang = current_lang(request)
    principal = getattr(request.state, "principal", None)

    def t(key: str, **kwargs: object) -> str:
        return translate(key, lang, **kwargs)

    response = templates.TemplateResponse(
        request,
        template,
        {
            "lang": lang,
            "t": t,
            "principal": principal,
            "nav": visible_nav(request),
            "csrf_token": getattr(principal, "csrf_token", ""),
            **context,
        },
        status_code=status_code,
    )
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    return response
