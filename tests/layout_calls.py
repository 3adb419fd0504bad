"""The reviewer's call of 30 dossiers (tests/fixtures/pv30: a séance with a consensus, a
jury's decision, a withdrawal and a vote) made as wide as a real one prints: long French
titles and amounts of six digits, for the layout tests of the printed documents."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import yaml

from testpaths import FIXTURES

#: Long French words: the titles a secretariat pastes from Démarche Numérique.
TITLES = (
    "Plateforme intercommunale d'accompagnement socioprofessionnel et de remobilisation "
    "des demandeurs d'emploi de longue durée",
    "Épicerie solidaire itinérante et conciergerie intergénérationnelle",
    "Expérimentation d'une ressourcerie-recyclerie départementale",
)


def wide_call(tmp_path: Path, name: str = "pv30") -> Path:
    """A copy of tests/fixtures/pv30 whose titles are long and whose amounts (requested,
    proposed by the jurors, the cap and the envelope) are ten times the reviewer's: six
    digits, « 270 000 € »."""
    folder = tmp_path / name
    shutil.copytree(FIXTURES / "pv30", folder)
    call = folder / "call.yaml"
    text = call.read_text(encoding="utf-8")
    text = text.replace("budget: 150 000", "budget: 1 500 000")
    text = text.replace('cap: "27 000 €"', 'cap: "270 000 €"')
    call.write_text(text, encoding="utf-8")
    for i, path in enumerate(sorted((folder / "dossiers").glob("*.yaml"))):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["title"] = f"{data['title']} – {TITLES[i % len(TITLES)]}"
        for key in ("amount_requested", "eligible_costs"):
            data[key] = data[key] * 10
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for path in (folder / "opinions").glob("*.csv"):
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        for row in rows:
            if re.fullmatch(r"\d+", row["amount"] or ""):
                row["amount"] = str(int(row["amount"]) * 10)
        with path.open("w", encoding="utf-8", newline="") as f:
            out = csv.DictWriter(f, fieldnames=list(rows[0]))
            out.writeheader()
            out.writerows(rows)
    return folder
