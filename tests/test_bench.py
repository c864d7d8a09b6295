"""The benchmark compares like with like: the stock way makes the same packet text."""

from __future__ import annotations

from bench import stock
from bench.synthetic import make_unit, split
from generator import commands
from generator.documents import packet
from tests.conftest import DATA
from tests.docxtext import paragraphs


def test_stock_way_makes_the_same_text_as_the_project(built, tmp_path):
    agreement = commands.validate(DATA)
    parts = [(commands.default_templates() / p.template, p.context) for p in packet.parts(agreement)]
    (tmp_path / "stock.docx").write_bytes(stock.render_and_join(parts))
    # -- the project adds empty paragraphs that carry each part's section (page setup) --
    def shown(path):
        return [p for p in paragraphs(path) if p]
    assert shown(tmp_path / "stock.docx") == shown(built / "packet.docx")


def test_synthetic_units_are_valid_at_any_size(tmp_path):
    for count in (1, 30):
        unit = commands.validate(make_unit(tmp_path / str(count) / "2564", 5, count))
        assert len(unit.indicators) == count and unit.unit.code == "unit-005"
        assert sum(i.weight for i in unit.indicators) == 100
    assert split(60, 7) == [9, 9, 9, 9, 8, 8, 8]
