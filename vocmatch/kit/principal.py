"""Who is calling, and what they may see: the one object every scope check reads."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Principal:
    """An authenticated caller (or the anonymous one)."""

    user_id: int | None
    username: str
    role: str  # admin | planner | enterprise | platform | anonymous
    school_ids: frozenset[int] = field(default_factory=frozenset)
    enterprise_id: int | None = None
    via: str = "anonymous"  # key | session | anonymous | cli
    key_id: int | None = None
    csrf_token: str = ""
    # An enterprise user whose enterprise awaits an administrator's approval: every page says so.
    pending: bool = False

    @property
    def authenticated(self) -> bool:
        """True for any logged-in person or keyed client."""
        return self.user_id is not None or self.via == "cli"

    @property
    def is_admin(self) -> bool:
        """True for administrators."""
        return self.role == "admin"

    def can_see_school(self, school_id: int) -> bool:
        """Admins and the platform see every school; planners only theirs."""
        if self.role in ("admin", "platform"):
            return True
        return self.role == "planner" and school_id in self.school_ids

    def can_see_enterprise(self, enterprise_id: int) -> bool:
        """Enterprise users see only their own enterprise; staff roles see all."""
        if self.role == "enterprise":
            return enterprise_id == self.enterprise_id
        return self.role in ("admin", "platform", "planner")

    def audit_name(self) -> str:
        """Return the name written into the audit log."""
        return self.username if self.via != "cli" else f"cli:{self.username}"


ANONYMOUS = Principal(user_id=None, username="anonymous", role="anonymous")
SYSTEM = Principal(user_id=None, username="system", role="admin", via="cli")
