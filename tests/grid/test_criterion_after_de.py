"""A criterion id after « de » in a French message follows the one rule for « de »
(:func:`isgrid.i18n.de_name`): elided before a vowel, « le plancher 5 d'ALS-1 », as
« de B1 » before a consonant.  The floor's message read « le plancher 5 de 'ALS-1' »
(the id quoted, « de » never elided), and the provenance's « la provenance de ALS-1 ».
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli

NBSP = "\u00a0"


def _grid(floor_id: str, sourced_id: str) -> str:
    return "\n".join([
        "id: g", 'version: "1"', "title: Grille", "mode: scored",
        "scales:", "  s04:", "    levels:",
        "      - {value: 0, label: Insuffisant}", "      - {value: 2, label: Moyen}",
        "      - {value: 4, label: Bon}",
        "sections:", "  - id: besoin", "    label: Besoin", "    criteria:",
        f"      - {{id: {floor_id}, label: Besoin social, scale: s04, floor: 5, "
        "dimension: D1, provenance: {status: inferred}}",
        f"      - {{id: {sourced_id}, label: Public, scale: s04, dimension: D1, "
        "provenance: {status: sourced}}",
        "parameters:",
        f"  criteria.{floor_id}.floor: {{status: inferred}}", ""])


def _messages(tmp_path: Path, floor_id: str, sourced_id: str) -> list[str]:
    path = tmp_path / "g.yaml"
    path.write_text(_grid(floor_id, sourced_id), encoding="utf-8")
    res = CliRunner().invoke(cli, ["--lang", "fr", "grids", "check", str(path)])
    assert res.exit_code == 2, res.output
    return sorted(line.split(f"){NBSP}: ", 1)[1] for line in res.stderr.splitlines()
            if line.startswith(("Erreur", "Avertissement")) and f"){NBSP}: " in line)


def test_a_criterion_id_after_de_is_elided_before_a_vowel(tmp_path: Path) -> None:
    assert _messages(tmp_path, "ALS-1", "AV-2") == [
        "la provenance d'AV-2 est dite sourcée sans nommer de source "
        "[sourced-without-source]",
        "le plancher 5 d'ALS-1 est hors de son échelle (0..4) [floor-out-of-scale]"]


def test_a_criterion_id_after_de_is_not_elided_before_a_consonant(tmp_path: Path) -> None:
    assert _messages(tmp_path, "B1", "S2") == [
        "la provenance de S2 est dite sourcée sans nommer de source "
        "[sourced-without-source]",
        "le plancher 5 de B1 est hors de son échelle (0..4) [floor-out-of-scale]"]
