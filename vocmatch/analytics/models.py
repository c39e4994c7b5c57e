"""The analytics' own index on the demand domain's table.

Entered indicator values live in ``vocmatch.indicators.models`` (partnerships read them too).
"""

from __future__ import annotations

from sqlalchemy import Index

from vocmatch.demand.models import Posting

# The analytics cache asks "what is the newest posting change?" on every request; this index makes
# that O(log n) instead of a scan of every posting (see analytics/cache.py). It lives here, on the
# demand domain's table, because only the analytics need it.
posting_updated_at = Index("ix_posting_analytics_updated_at", Posting.__table__.c.updated_at)
