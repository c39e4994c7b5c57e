"""The old home of ``vocmatch.kit.db``, kept only because landed migrations name its column type.

Migrations are never edited once landed, and they say ``vocmatch.db.UTCDateTime()``. New code and
new revisions use ``vocmatch.kit.db`` (import-linter forbids importing this module in the package).
"""

from vocmatch.kit.db import UTCDateTime

__all__ = ["UTCDateTime"]
