from __future__ import annotations

import pytest

from geo.gazetteer import load_gazetteer
from geo.pipeline import Extractor


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="session")
def extractor(gazetteer):
    return Extractor(gazetteer)
