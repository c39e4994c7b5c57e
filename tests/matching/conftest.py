"""Fixtures of the matcher's tests: a matcher fitted on tests/data (once per session)."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_DATA
from vocmatch.matching.fitting.estimator import Matcher
from vocmatch.matching.fitting.reference import ReferenceData, read_reference


@pytest.fixture(scope="session")
def reference() -> ReferenceData:
    """The small reference fixtures as the matcher reads them."""
    return read_reference(TEST_DATA)


@pytest.fixture(scope="session")
def matcher(reference: ReferenceData) -> Matcher:
    """A matcher fitted on the fixtures with the default weights."""
    return Matcher().fit(reference)
