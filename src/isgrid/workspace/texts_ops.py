"""More words of the jury workspace (added to :data:`isgrid.workspace.texts.TEXTS`): what
the secretariat and a juror are told of the workspace's operation: a sheet taken back from
the call's files at start, a file kept before it was replaced, a juror's links revoked.

French typography as in :mod:`.texts` (its translator applies the spaces' rule).
"""

from __future__ import annotations

OPS_TEXTS: dict[str, tuple[str, str]] = {
    "audit.action.take-back": ("grille reprise du fichier de l’appel",
                               "sheet taken back from the call's file"),
    "audit.action.kept": ("fichier de l’appel gardé avant d’être remplacé",
                          "call file kept before it was replaced"),
    "audit.action.rotate-key": ("nouvelle clé des formulaires", "new key of the forms"),
    "audit.action.secretariat-link": ("lien de connexion du secrétariat délivré",
                                      "secretariat sign-in link issued"),
    "audit.links_revoked": ("Liens précédents révoqués", "Earlier links revoked"),
    "audit.action.confirm-call": ("base confirmée comme celle de l’appel",
                                  "database confirmed as the call's"),
    "audit.call_title": ("Titre de l’appel", "Call's title"),
    "audit.call_date": ("Date de l’appel", "Call's date"),
    "audit.kept": ("Gardé sous", "Kept as"),
    "audit.file": ("Fichier", "File"),
    "admin.taken_back": ("Grilles reprises des fichiers de l’appel au démarrage",
                         "Sheets taken back from the call's files at start"),
    "admin.taken_back_intro": (
        "Au démarrage, ces fichiers de ratings/ n’étaient pas ce que la base de l’espace en "
        "avait écrit en dernier (une sauvegarde restaurée, plus ancienne qu’une soumission ; "
        "un fichier importé ou modifié, serveur arrêté) : l’espace les a repris, comme grilles "
        "soumises. Ce que la base tenait de ces grilles, quand il différait, est gardé dans un "
        "fichier daté ; isgrid sheets import APPEL FICHIER --replace le reprend si c’était "
        "le bon.",
        "At start, these files of ratings/ were not what the workspace's database last wrote "
        "of them (a backup restored, older than a submission; a file imported or edited while "
        "the server was stopped): the workspace took them back, as submitted sheets. What the "
        "database held of these sheets, where it differed, is kept in a dated file; isgrid "
        "sheets import CALL FILE --replace brings it back if it was the right one."),
    "admin.taken_back_one": ("{juror} — {name} : {file}", "{juror} — {name}: {file}"),
    "admin.taken_back_kept": ("ce que la base en tenait est gardé dans {kept}",
                              "what the database held is kept in {kept}"),
    "status.revoked": ("liens révoqués le {date}", "links revoked on {date}"),
    "admin.revoked_hint": (
        "Pour lui donner un nouveau lien : isgrid jury invite APPEL --juror {juror} -o "
        "lien.csv (cela ne touche pas à sa grille).",
        "To give them a new link: isgrid jury invite CALL --juror {juror} -o link.csv (their "
        "sheet is left as it is)."),
    "unsaved.revoked": (
        "Le secrétariat a retiré l’accès de ce lien à l’espace du jury : ce que vous avez tapé "
        "n’est pas enregistré. Copiez-le ; si vous devez continuer à noter, demandez au "
        "secrétariat un nouveau lien.",
        "The secretariat has revoked this link: it no longer opens the jury workspace, and "
        "what you typed is not saved. Copy it; if you are to go on scoring, ask the "
        "secretariat for a new link."),
    "signin.revoked_title": ("Accès retiré", "Link revoked"),
    "error.revoked": (
        "Le secrétariat a retiré l’accès de ce lien à l’espace du jury. Si vous devez "
        "continuer à noter, demandez-lui un nouveau lien.",
        "The secretariat has revoked this link: it no longer opens the jury workspace. If "
        "you are to go on scoring, ask the secretariat for a new link."),
}
