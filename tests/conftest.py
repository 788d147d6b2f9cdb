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


def pytest_setup_options():
    """Chromium options for dash_duo: headless, and no background traffic of the browser's own."""
    from selenium.webdriver.chrome.options import Options

    from dashboard.headless import CHROMIUM_FLAGS

    options = Options()
    for arg in CHROMIUM_FLAGS:
        options.add_argument(arg)
    return options
