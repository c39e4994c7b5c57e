"""Operator commands for users and API keys."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from vocmatch.accounts import service
from vocmatch.kit.db import transaction

users_app = typer.Typer(
    help="Create, list and revoke users (people and machine clients).", no_args_is_help=True
)
keys_app = typer.Typer(
    help="Create, list and revoke API keys (the secret is shown once).", no_args_is_help=True
)


@users_app.command("create")
def create_user(
    username: str,
    role: Annotated[str, typer.Option(help="admin | planner | enterprise | platform")],
    school: Annotated[
        list[str] | None, typer.Option(help="School code a planner may see (repeat)")
    ] = None,
    enterprise: Annotated[
        str | None, typer.Option(help="Enterprise name for an enterprise user")
    ] = None,
    display_name: Annotated[str, typer.Option(help="Name shown in the UI")] = "",
    password: Annotated[
        str | None, typer.Option(help="Login password (prompted when omitted for people)")
    ] = None,
    no_password: Annotated[
        bool, typer.Option(help="Machine client: API keys only, no browser login")
    ] = False,
) -> None:
    """Create a user."""
    if password is None and not no_password:
        password = getpass.getpass("Password (10+ characters): ")
    with transaction() as session:
        user = service.create_user(
            session,
            username=username,
            role=role,
            password=None if no_password else password,
            display_name=display_name,
            school_codes=school,
            enterprise_name=enterprise,
            actor="cli",
        )
        typer.echo(f"created user {user.username} ({user.role})")


@users_app.command("list")
def list_users() -> None:
    """List users."""
    with transaction(write=False) as session:
        for u in service.list_users(session):
            state = "active" if u.active else "revoked"
            typer.echo(f"{u.username:24} {u.role:10} {state:8} {u.display_name}")


@users_app.command("revoke")
def revoke_user(username: str) -> None:
    """Deactivate a user (their keys and sessions stop working)."""
    with transaction() as session:
        service.revoke_user(session, username=username, actor="cli")
    typer.echo(f"revoked user {username}")


@keys_app.command("create")
def create_key(
    username: str,
    name: Annotated[
        str, typer.Option(help="What the key is for, e.g. 'HR platform prod'")
    ] = "default",
    expires_in_days: Annotated[int, typer.Option(help="Days until expiry (0 = never)")] = 365,
    rate_limit: Annotated[
        int | None, typer.Option(help="Requests per minute (default: settings)")
    ] = None,
) -> None:
    """Create an API key for a user and print it once."""
    with transaction() as session:
        issued = service.create_key(
            session,
            username=username,
            name=name,
            expires_in_days=expires_in_days or None,
            rate_limit_per_minute=rate_limit,
            actor="cli",
        )
        typer.echo(issued.secret)
        typer.echo(f"(prefix {issued.key.prefix}; store it now — it is not shown again)", err=True)


@keys_app.command("list")
def list_keys() -> None:
    """List API keys (prefix, owner, state; never the secret)."""
    with transaction(write=False) as session:
        for key, user in service.list_keys(session):
            state = "revoked" if key.revoked_at else "active"
            expires = key.expires_at.date().isoformat() if key.expires_at else "never"
            typer.echo(
                f"{key.prefix}  {user.username:20} {key.name:24} {state:8} expires {expires}"
            )


@keys_app.command("revoke")
def revoke_key(prefix: str) -> None:
    """Revoke an API key by its prefix."""
    with transaction() as session:
        service.revoke_key(session, prefix=prefix, actor="cli")
    typer.echo(f"revoked key {prefix}")
