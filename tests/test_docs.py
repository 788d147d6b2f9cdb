"""The README documents every command and every option the command line has."""

from __future__ import annotations

import argparse

import pytest

from corridormap.cli import parser
from tests.common import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_command_and_option_is_in_the_readme(command: str) -> None:
    assert f"corridormap {command}" in README
    options = [
        s for a in _subcommands()[command]._actions if a.help != argparse.SUPPRESS for s in a.option_strings
    ]
    missing = [o for o in options if o.startswith("--") and o != "--help" and o not in README]
    assert missing == [], f"{command}: {missing} not in README.md"
