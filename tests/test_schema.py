"""The JSON Schemas: printed by `agreement schema`, saved in schema/, named by every data file."""

from __future__ import annotations

import json

import pytest

from generator.cli import cli
from generator.data import schema
from tests.conftest import DATA, ROOT


@pytest.mark.parametrize("kind", sorted(schema.KINDS))
def test_saved_schema_matches_the_code(runner, kind):
    result = runner.invoke(cli, ["schema", kind])
    assert result.exit_code == 0
    saved = (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.output) == json.loads(saved), (
        f"schema/{kind}.schema.json is stale: agreement schema {kind} > schema/{kind}.schema.json")


def test_full_schema_defines_every_kind(runner):
    document = json.loads(runner.invoke(cli, ["schema"]).output)
    assert set(document["$defs"]) == set(schema.KINDS)
    assert document["$schema"].endswith("2020-12/schema")


def test_every_data_file_names_its_schema_on_its_first_line():
    files = [DATA / "agreement.yaml", DATA / "staff.yaml", DATA / "linkage.yaml",
             *sorted((DATA / "indicators").glob("*.yaml")), *sorted((DATA / "results").glob("*.yaml"))]
    assert DATA / "results" / "12.yaml" in files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = {"indicators": "indicator", "results": "results"}.get(path.parent.name, path.stem)
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == (ROOT / "schema" / f"{kind}.schema.json").resolve(), path
