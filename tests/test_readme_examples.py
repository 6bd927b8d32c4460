"""The README's worked examples are checked against the data: every `juesuan sql … --csv` console
block in README.md is run on the sample warehouse and must print exactly what the README shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from loaders.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"


def csv_examples() -> list[tuple[str, list[str]]]:
    found = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        lines = block.splitlines()
        if not lines or not lines[0].startswith("$ .venv/bin/juesuan sql "):
            continue
        command, i = lines[0][2:], 1
        while not command.rstrip().endswith("--csv") and i < len(lines):
            command += "\n" + lines[i]
            i += 1
        if command.rstrip().endswith("--csv"):
            found.append((command, lines[i:]))
    return found


def test_the_readme_has_csv_examples():
    assert len(csv_examples()) >= 1


def test_every_csv_example_prints_what_the_readme_shows(sample_warehouse_build):
    runner = CliRunner()
    for command, expected in csv_examples():
        args = shlex.split(command)[1:]  # drop .venv/bin/juesuan
        r = runner.invoke(app, [*args, "--db", str(sample_warehouse_build.path)])
        assert r.exit_code == 0, r.output
        assert r.stdout.splitlines() == expected, f"README example is stale:\n{command}\n{r.stdout}"
