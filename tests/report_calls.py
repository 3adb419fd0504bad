"""Small call folders for the report tests (scored, checklist, profile, hostile text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from callfactory import make_call
from gridtexts import (
    NPM,
    S04_HALF,
    SOURCES,
    YESNO,
    YESNO_NO_NA,
    criterion,
    grid,
    scale,
    section,
)

HOSTILE = ('<script>alert("x")</script><img src=x onerror="alert(1)"> '
           '<a href="javascript:alert(2)">clic</a> \'quotes\' "double" & | * _ # `tick` ')
LONG = "Long texte " + "abcdefghij" * 200  # 2,000+ characters

SCORED_GRID = grid(
    "report-scored", "Petite grille notée (test des rapports)",
    section("besoin", "Besoin",
            criterion("B1", "Besoin social", weight=2, floor=2, provenance="sourced", source="T",
                      advice="Documentez le besoin avec des données locales."),
            criterion("B2", "Public", provenance="reconstructed",
                      advice="Précisez les publics visés."),
            weight=2),
    section("impact", "Impact",
            criterion("I1", "Impact", dimension="D6",
                      advice="Donnez des indicateurs d'impact mesurables."),
            criterion("X1", "Action ponctuelle exclue", "yesno", "D10", eliminatory=True,
                      rated_by="instructeur")),
    head=SOURCES + """\
threshold: 50
tie_breaks:
  - {by: "section:impact"}
  - {by: "fact:submitted_at", order: asc}
""",
    scales=[S04_HALF, YESNO_NO_NA],
    facts="""\
  region: {type: string}
  amount_requested: {type: number, unit: EUR}
  eligible_costs: {type: number, unit: EUR}
  submitted_at: {type: date}
  partners:
    type: array
    items:
      type: object
      properties:
        name: {type: string}
        type: {type: string}
""",
    eligibility="""\
  - id: region
    label: Siège en Alsace
    fact: region
    equals: Alsace
  - id: partners
    label: Partenariat minimal
    fact: "partners[].type"
    contains-all: [recherche, collectivite]
""",
    parameters=["threshold", "sections.besoin.weight", "criteria.B1.weight", "criteria.B1.floor"])

CHECKLIST_GRID = grid(
    "report-checklist", "Petite grille à cocher (test des rapports)",
    section("socle", "Socle",
            criterion("S1", "Besoin mal satisfait", "npm", core=True, provenance="sourced",
                      source="T"),
            criterion("S2", "Implication des parties prenantes", "npm", "D3", core=True,
                      provenance="sourced", source="T",
                      advice="Associez les bénéficiaires à la conception.")),
    section("complement", "Critères complémentaires",
            criterion("C1", "Ancrage territorial", "npm", "D5", provenance="reconstructed"),
            criterion("E1", "Statut ESS", "yesno", "D4", eliminatory=True,
                      rated_by="instructeur")),
    mode="checklist", head="counts_as: {met: 2, partly: 1}\n" + SOURCES, scales=[NPM, YESNO])

PROFILE_GRID = grid(
    "report-profile", "Petite grille de marqueurs (test des rapports)",
    section("finalite", "Finalité",
            criterion("M1", "Réponse à un besoin", "intensite", provenance="sourced"),
            criterion("M2", "Gouvernance partagée", "intensite", "D4", secondary_dimensions=["D3"],
                      provenance="sourced")),
    section("processus", "Processus",
            criterion("M3", "Expérimentation", "intensite", "D7"),
            criterion("M4", "Coopération territoriale", "intensite", "D5")),
    mode="profile", scales=[scale("intensite", "absent", "faible", "fort", present=1)])


NAMES = {"j-alpha": "Zoé Alphonsine", "j-beta": "Bertrand Bêtaville",
         "j-gamma": "Gaëlle Gammavert", "i-delta": "Delphine Deltaroche"}


def _assessors(extra: bool = True) -> list[dict[str, Any]]:
    out = [{"id": a, "name": n, "role": "juré"} for a, n in NAMES.items() if a.startswith("j-")]
    if extra:
        out.append({"id": "i-delta", "name": NAMES["i-delta"], "role": "instructeur"})
    return out


def scored_call(tmp_path: Path, *, hostile: bool = False, name: str = "scored") -> Path:
    """Six dossiers: four eligible (two selected, one reserve), one refused, one to check."""
    title = (lambda i: f"Projet {i} {HOSTILE}") if hostile else (lambda i: f"Projet {i}")
    partners = [{"name": "Labo", "type": "recherche"}, {"name": "Ville", "type": "collectivite"}]
    dossiers: list[dict[str, Any]] = []
    for i, region in enumerate(["Alsace"] * 4 + ["Lorraine", "Alsace"], start=1):
        d: dict[str, Any] = {"id": f"D0{i}", "title": title(i), "region": region,
                             "amount_requested": 40000, "eligible_costs": 100000,
                             "submitted_at": f"2024-01-0{i}"}
        if i != 6:
            d["partners"] = partners
        if hostile:
            d["summary"] = LONG + HOSTILE
        dossiers.append(d)
    values = {  # dossier: (B1, B2, I1) per juror
        "D01": [(4, 4, 4), (4, 3, 4), (3, 4, 4)],
        "D02": [(3, 3, 3), (4, 2, 3), (3, 3, 4)],
        "D03": [(3, 1, 3), (2, 4, 2), (3, 2, 3)],
        "D04": [(2, 2, 2), (2, 2, 1), (2, 3, 2)],
        "D05": [(1, 1, 1), (1, 1, 1), (1, 1, 1)],
        "D06": [(2, 2, 2), (2, 2, 2), (2, 2, 2)],
    }
    ratings: list[tuple[Any, ...]] = []
    comment = (HOSTILE + LONG) if hostile else "Commentaire-individuel"
    for did, rows in values.items():
        for jid, vals in zip(["j-alpha", "j-beta", "j-gamma"], rows, strict=True):
            for cid, v in zip(["B1", "B2", "I1"], vals, strict=True):
                ratings.append((did, jid, cid, v, comment))
        ratings.append((did, "i-delta", "X1", 1, ""))
    call = {
        "title": f"Appel test {HOSTILE}" if hostile else "Appel à projets test",
        "assessors": _assessors(),
        "conflicts": [{"assessor": "j-gamma", "dossier": "D02",
                       "reason": HOSTILE if hostile else "Administrateur du porteur"}],
        "consensus": [{"dossier": "D03", "criterion": "B2", "value": 3,
                       "reason": HOSTILE if hostile else "Le besoin est établi après audition"}],
        "budget": 90000,
        "selection": {"reserve": 1},
    }
    # j-gamma is conflicted on D02: drop their ratings there (the engine would exclude them)
    ratings = [r for r in ratings if not (r[0] == "D02" and r[1] == "j-gamma")]
    return make_call(tmp_path, SCORED_GRID, call, dossiers, ratings, name=name)


def checklist_call(tmp_path: Path, name: str = "checklist") -> Path:
    dossiers = [{"id": f"C{i}"} for i in range(1, 5)]
    vals = {"C1": (2, 2, 2), "C2": (2, 1, 0), "C3": (0, 2, 2), "C4": (2, 2, 1)}
    ratings: list[tuple[Any, ...]] = []
    for did, (s1, s2, c1) in vals.items():
        for jid, delta in (("j-alpha", 0), ("j-beta", -1 if did == "C4" else 0)):
            ratings += [(did, jid, "S1", s1, ""), (did, jid, "S2", max(s2 + delta, 0), ""),
                        (did, jid, "C1", c1, "")]
        ratings.append((did, "i-delta", "E1", 1, ""))
    call = {"assessors": [a for a in _assessors() if a["id"] != "j-gamma"],
            "selection": {"top": 2, "reserve": 1}}
    return make_call(tmp_path, CHECKLIST_GRID, call, dossiers, ratings, name=name)


def profile_call(tmp_path: Path, name: str = "profile") -> Path:
    dossiers = [{"id": f"P{i}"} for i in range(1, 4)]
    vals = {"P1": (2, 2, 1, 2), "P2": (1, 0, 2, 1), "P3": (0, 0, 1, 0)}
    ratings: list[tuple[Any, ...]] = []
    for did, ms in vals.items():
        for jid in ("j-alpha", "j-beta"):
            for cid, v in zip(("M1", "M2", "M3", "M4"), ms, strict=True):
                ratings.append((did, jid, cid, v if jid == "j-alpha" else max(v - 1, 0), ""))
    call = {"assessors": _assessors(extra=False)[:2]}
    return make_call(tmp_path, PROFILE_GRID, call, dossiers, ratings, name=name)


def big_call(tmp_path: Path, n: int = 300, name: str = "big") -> Path:
    """``n`` dossiers, three jurors, deterministic pseudo-random ratings, a budget."""
    partners = [{"name": "Labo", "type": "recherche"}, {"name": "Ville", "type": "collectivite"}]
    dossiers = []
    for i in range(1, n + 1):
        dossiers.append({
            "id": f"D{i:03d}",
            "title": f"Projet numéro {i} : tiers-lieu, mobilité solidaire et alimentation"
                     + (" durable en milieu rural" if i % 3 == 0 else ""),
            "region": "Lorraine" if i % 37 == 0 else "Alsace",
            "amount_requested": 10000 + (i * 7919) % 50000,
            "eligible_costs": 120000,
            "submitted_at": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            **({"partners": partners} if i % 41 else {}),
        })
    ratings: list[tuple[Any, ...]] = []
    for i in range(1, n + 1):
        did = f"D{i:03d}"
        for k, jid in enumerate(["j-alpha", "j-beta", "j-gamma"]):
            for m, cid in enumerate(["B1", "B2", "I1"]):
                v = (i * 31 + k * 17 + m * 7 + (i * k * m) % 5) % 9 / 2
                ratings.append((did, jid, cid, v, "Avis argumenté." if (i + k) % 4 else ""))
        ratings.append((did, "i-delta", "X1", 0 if i % 53 == 0 else 1, ""))
    call = {"title": "Appel à projets régional (300 dossiers fictifs)", "assessors": _assessors(),
            "conflicts": [{"assessor": "j-beta", "dossier": "D010"}],
            "budget": 1500000, "selection": {"reserve": 10}, "fictitious": True}
    return make_call(tmp_path, SCORED_GRID, call, dossiers, ratings, name=name)


def weasyprint_usable() -> bool:
    """WeasyPrint imports (it needs pango on the machine)."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True
