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


def test_units_with_their_own_wording_share_no_proofread_text(tmp_path):
    from generator.data import proofread
    from generator.data.loader import load
    from generator.data.schema import INDICATOR

    def texts(unit):
        loaded = load(unit / "indicators" / "01.yaml", "indicators/01.yaml", INDICATOR)
        return {text for _, text in proofread._texts(loaded.data, ()) if text != "-"}   # -- a blank cell --
    first, second = (make_unit(tmp_path / str(n) / "2564", n, own_wording=True) for n in (1, 2))
    assert texts(first) and not texts(first) & texts(second)
    assert commands.validate(second).indicators[0].responsible == commands.validate(DATA).indicators[0].responsible


def test_the_report_says_which_targets_are_met():
    from bench import report

    builds = {"cold": {"seconds": 0.9, "against": 0.6, "ratio": 1.4, "peak_mib": 117},
              "warm": {"seconds": 0.5, "against": 0.45, "ratio": 1.1, "peak_mib": 53},
              "unchanged": {"seconds": 0.3}, "validate": {"seconds": 0.25}}
    phase = {"imports": 0.16, "checks and proofreading": 0.03, "render": 0.12, "join": 0.09,
             "writing and the change report": 0.03}
    text = report.markdown({
        "when": "today", "machine": "here", "load": 0.5, "load_after": 0.7, "runs": 5, "floor_mib": 23,
        "builds": builds, "phases": {"cold": phase, "warm": phase},
        "editor": {"check": 0.02, "render": 0.006, "preview": 1.5},
        "batch": {"units": 100, "seconds": 22.0, "per_unit": 0.22, "workers": 2, "total_mib": 330},
        "pdf": None, "join": {30: 0.009, 90: 0.0095}})
    rows = {line.split(" | ")[0]: line.split(" | ")[-1].rstrip(" |") for line in text.splitlines()
            if line.startswith("| ")}
    assert rows["| 1. build, empty cache (a new machine), as a process"] == "yes"
    assert rows["| 2. build, warm cache, as a process"] == "**no**"
    assert rows["| 4. 100 units with their own wording, one batch, empty cache"] == "yes"
    assert "not measured: no LibreOffice" in text
