"""``isgrid score`` imports and builds only what its path takes (docs/performance.md,
« Session 21 »): the other commands' module (``cli.jury``, for ``--sensitivity`` and
``--record``), the documents' tables (``--format table`` and ``csv``), the validator of a
raw ``constraints`` list and the tables of click's and PyYAML's messages are left until
something needs them.  Each is checked in a fresh interpreter, as a user's run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from testpaths import ROOT

#: an example call with neither a journal nor portfolio constraints
PLAIN = ROOT / "examples" / "alsace-2016"
#: what a JSON score of PLAIN must not have imported
LAZY = ("isgrid.cli.jury", "isgrid.documents.score_outputs", "isgrid.documents.text",
        "isgrid.documents.portfolio", "isgrid.documents.stage")

_RUN = """
import json, sys
from click.testing import CliRunner
from isgrid.cli import cli
res = CliRunner().invoke(cli, sys.argv[1:])
assert res.exit_code == 0, res.output
c = sys.modules.get("isgrid.call.constraints")
print(json.dumps({
    "modules": sorted(m for m in sys.modules if m.startswith("isgrid.")),
    "adapter": c is not None and c._adapter is not None,
    "click_words": sys.modules["isgrid.cli.clickwords"].CLICK_WORDS._compiled is not None,
    "yaml_words": sys.modules["isgrid.io.yamlio"].YAML_WORDS._compiled is not None,
    "numpy_ma": "numpy.ma" in sys.modules,
}))
"""


def _score(*args: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", _RUN, "score", *args], capture_output=True,
                          text=True, timeout=120, check=True)
    found: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return found


def test_json_score_of_a_plain_call_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    assert not (PLAIN / "journal.jsonl").exists()
    assert "constraints:" not in (PLAIN / "call.yaml").read_text(encoding="utf-8")
    found = _score(str(PLAIN), "--format", "json", "-o", str(tmp_path / "r.json"))
    modules = found["modules"]
    assert isinstance(modules, list) and "isgrid.engine" in modules  # it did score
    assert [m for m in LAZY if m in modules] == []
    assert found == {"modules": modules, "adapter": False, "click_words": False,
                     "yaml_words": False, "numpy_ma": False}


def test_assignments_and_a_deport_do_not_import_numpy_ma(tmp_path: Path) -> None:
    """numpy 2's ``np.unique`` imports ``numpy.ma`` at its first call (6 ms): the rows of
    ``assignments.csv``, a juror's recusal and the cells owed are counted without it
    (``call.ratings.first_rows``)."""
    import shutil

    call = tmp_path / "call"
    shutil.copytree(PLAIN, call)
    yaml = (call / "call.yaml").read_text(encoding="utf-8")
    assert "conflicts:" in yaml  # j2 on AL16-01
    # the jurors' own lists of dossiers taken out: assignments.csv says who reads what
    lists = [line for line in yaml.splitlines() if line.startswith("    dossiers: [")]
    assert len(lists) == 3
    (call / "call.yaml").write_text("\n".join(line for line in yaml.splitlines()
                                              if line not in lists) + "\n", encoding="utf-8")
    ids = sorted(p.stem for p in (call / "dossiers").glob("*.yaml"))
    rows = [f"{d},{j}" for d in ids for j in ("j1", "j2", "j3")]
    (call / "assignments.csv").write_text("dossier,assessor\n" + "\n".join(rows + rows[:2])
                                          + "\n", encoding="utf-8")  # two rows twice
    found = _score(str(call), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert found["numpy_ma"] is False
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert "conflict-excluded:j2" in next(d for d in result["dossiers"]
                                         if d["id"] == "AL16-01")["flags"]


def test_the_paths_that_need_them_still_import_them(tmp_path: Path) -> None:
    table = _score(str(PLAIN))  # the table: the documents' words
    assert "isgrid.documents.score_outputs" in table["modules"]  # type: ignore[operator]
    assert "isgrid.cli.jury" not in table["modules"]  # type: ignore[operator]
    record = _score(str(PLAIN), "--format", "csv", "-o", str(tmp_path / "r.csv"),
                    "--record", str(tmp_path / "record.json"))
    assert "isgrid.cli.jury" in record["modules"]  # type: ignore[operator]
    assert (tmp_path / "record.json").is_file()


def test_constraints_validated_when_a_call_has_some(tmp_path: Path) -> None:
    """The adapter is built on the first raw list it validates, and says the same."""
    from isgrid.call.constraints import parse_constraints

    raw = [{"id": "rural", "kind": "min", "fact": "territory", "value": "rural", "count": 2}]
    first = parse_constraints(raw)
    assert [(c.id, c.kind, c.count) for c in first] == [("rural", "min", 2)]  # type: ignore[union-attr]
    assert parse_constraints(first) == first  # models are returned as they are


def test_the_ratings_are_read_before_the_writing_modules_are_imported(tmp_path: Path) -> None:
    """What runs before the reading thread starts (the command's module, the check of an
    existing output, :mod:`isgrid.call.early`) does not import :mod:`isgrid.io.write`
    (its temporary files, its thread, its CSV cells): each millisecond there is one the
    thread waits (docs/performance.md, « Session 21 »)."""
    code = ("import sys\n"
            "import isgrid.cli.score\n"
            "from isgrid.call.early import start_reading\n"
            "from isgrid.io.outputs import refuse_existing_output\n"
            f"refuse_existing_output(__import__('pathlib').Path({str(tmp_path / 'r.json')!r}),"
            " False, [])\n"
            f"with start_reading({str(PLAIN)!r}) as reading:\n"
            "    assert reading.futures\n"
            "    print('isgrid.io.write' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert out.strip() == "False"


def test_the_model_modules_give_pydantic_their_annotations_as_objects() -> None:
    """The pydantic models of grids, calls and the journal are written without ``from
    __future__ import annotations``: pydantic then reads each annotation as the object
    it is instead of evaluating its text (4 ms of every command's imports)."""
    import importlib

    for name in ("isgrid.grid.base", "isgrid.grid.rules", "isgrid.grid.model",
                 "isgrid.call.blocks", "isgrid.call.meeting_models", "isgrid.call.model",
                 "isgrid.call.journal"):
        module = importlib.import_module(name)
        assert "annotations" not in vars(module), name  # the __future__ import's name
