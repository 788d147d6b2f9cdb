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

    options = Options()
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1500,1000",
    ):
        options.add_argument(arg)
    return options
