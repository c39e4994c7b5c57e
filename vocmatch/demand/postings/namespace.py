"""Whose external ids a writer addresses: the identity of a posting is (source, namespace,
external_id).

The HR platform and administrators share one namespace (``""``): they write for every enterprise
and may move a posting from one enterprise to another. Each enterprise has its own
(``enterprise:<id>``), so the ids in its files and forms can only ever address its own postings —
``JOB-1`` of one firm's import is not ``JOB-1`` of another's.
"""

from __future__ import annotations

from vocmatch.kit.principal import Principal

SHARED = ""


def namespace_of(principal: Principal) -> str:
    """Return the namespace of the postings ``principal`` writes."""
    if principal.role == "enterprise":
        return f"enterprise:{principal.enterprise_id}"
    return SHARED
