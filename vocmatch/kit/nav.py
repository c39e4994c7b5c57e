"""The navigation bar: one list, filtered by role and by which pages the app actually serves."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import Request


@dataclass(frozen=True)
class NavItem:
    """A top-level page; ``roles`` None means everyone, including anonymous visitors."""

    key: str  # UI string key
    href: str
    roles: tuple[str, ...] | None = None


NAV: tuple[NavItem, ...] = (
    NavItem("nav.home", "/"),
    NavItem("nav.catalogue", "/programmes"),
    NavItem("nav.occupations", "/occupations"),
    NavItem("nav.match", "/match"),
    NavItem("nav.planner", "/planner", ("admin", "planner")),
    NavItem("nav.teachers", "/teachers", ("admin", "planner")),
    NavItem("nav.partnerships", "/partnerships", ("admin", "planner")),
    NavItem("nav.destinations", "/destinations", ("admin", "planner")),
    NavItem("nav.portal", "/portal", ("enterprise",)),
    NavItem("nav.postings", "/postings", ("admin", "planner", "platform")),
    NavItem("nav.admin", "/admin", ("admin",)),
)


def _paths(routes: Iterable[Any]) -> Iterator[str]:
    for route in routes:
        path = getattr(route, "path", None)
        if path is not None:
            yield path
        # FastAPI keeps included routers as wrappers around the original router.
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _paths(inner.routes)


def served_paths(app: Any) -> frozenset[str]:
    """Return every route path the app serves (computed once per app)."""
    cached = getattr(app.state, "served_paths", None)
    if cached is None:
        cached = frozenset(_paths(app.routes))
        app.state.served_paths = cached
    return cached


def visible_nav(request: Request) -> list[NavItem]:
    """Return the items this caller may open whose page is served by this app."""
    served = served_paths(request.app)
    principal = getattr(request.state, "principal", None)
    role = getattr(principal, "role", "anonymous")
    return [i for i in NAV if i.href in served and (i.roles is None or role in i.roles)]
