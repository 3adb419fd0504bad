"""The words of the jury workspace, in French (default for French calls) and English.

French typography: a non-breaking space (U+00A0) before « : ; ! ? » and inside
« », a narrow one (U+202F) in numbers.
"""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import french_spacing
from ..jury.common import OPINIONS, opinion_word, parse_opinion
from ..messages import plural_form
from .texts_ops import OPS_TEXTS

NB = "\u00a0"

TEXTS: dict[str, tuple[str, str]] = {
    "colon": (" : ", ": "),
    "sep": (" ; ", "; "),
    "brand": ("Espace du jury", "Jury workspace"),
    "skip": ("Aller au contenu", "Skip to content"),
    "lang_other": ("English", "Français"),
    "signin.title": ("Connexion", "Sign in"),
    "signin.intro": ("Ce lien personnel vous ouvre votre grille de notation. Ne le "
                     "transmettez à personne.",
                     "This personal link opens your scoring sheet. Do not share it."),
    "signin.intro_secretariat": ("Ce lien ouvre le tableau de bord du secrétariat. Ne le "
                                 "transmettez à personne.", "This link opens the "
                                 "secretariat’s dashboard. Do not share it."),
    "signin.button": ("Se connecter", "Sign in"),
    "signin.failed": ("Ce lien n’est pas valable (expiré, révoqué ou inconnu). Demandez-en un "
                      "nouveau au secrétariat.",
                      "This link is not valid (expired, revoked or unknown). Ask the "
                      "secretariat for a new one."),
    # the pages' titles, the first thing a screen reader speaks: what happened
    "signin.failed_title": ("Lien non valable", "Link not valid"),
    "signin.limited_title": ("Trop de tentatives", "Too many attempts"),
    "signin.needed_title": ("Lien personnel requis", "Personal link needed"),
    "signin.expired_title": ("Session expirée", "Session expired"),
    "signin.limited": ("Trop de tentatives de connexion : réessayez dans quelques minutes.",
                       "Too many sign-in attempts: try again in a few minutes."),
    "signin.needed": ("Ouvrez le lien personnel que le secrétariat vous a envoyé pour "
                      "accéder à votre grille.",
                      "Open the personal link the secretariat sent you to reach your "
                      "sheet."),
    "signin.whose": ("Ce lien est celui {de_name}.", "This link is {name}’s."),
    "signin.whose_secretariat": ("Ce lien est celui du secrétariat.",
                                 "This link is the secretariat’s."),
    "signin.other": ("Une autre session est ouverte dans ce navigateur : {other}. Vous "
                     "connecter avec ce lien la fermera. Si ce lien n’est pas le vôtre, "
                     "fermez cette page.",
                     "Another session is open in this browser: {other}. Signing in with "
                     "this link will close it. If this link is not yours, close this page."),
    "signin.confirm": ("Je confirme que ce lien est le mien ({name}).",
                       "I confirm this link is mine ({name})."),
    "signin.again": ("Cette page de connexion n’était plus valable : cliquez de nouveau "
                     "« Se connecter ».",
                     "This sign-in page was no longer valid: click “Sign in” again."),
    "signin.confirm_needed": ("Cochez la case pour confirmer que ce lien est le vôtre.",
                              "Tick the box to confirm this link is yours."),
    "signout": ("Se déconnecter", "Sign out"),
    "signed_in": ("Session : {name}", "Signed in: {name}"),
    "secretariat": ("Secrétariat", "Secretariat"),
    "home.title": ("Mes dossiers", "My dossiers"),
    "home.hello": ("Bonjour, {name}", "Hello, {name}"),
    "home.progress.one": ("{n} critère noté sur {total}", "{n} of {total} criteria rated"),
    "home.progress.other": ("{n} critères notés sur {total}", "{n} of {total} criteria rated"),
    "home.none": ("Aucun dossier ne vous est attribué.", "No dossier is assigned to you."),
    "home.deported": ("Dossiers en déport", "Dossiers you are recused from"),
    "home.submit": ("Soumettre ma grille", "Submit my sheet"),
    "home.submit_missing.one": ("Il reste {n} dossier incomplet : vous pouvez soumettre "
                                "quand même, le secrétariat le verra.",
                                "{n} dossier is still incomplete: you may submit anyway; the "
                                "secretariat will see it."),
    "home.submit_missing.other": ("Il reste {n} dossiers incomplets : vous pouvez soumettre "
                                  "quand même, le secrétariat le verra.",
                                  "{n} dossiers are still incomplete: you may submit anyway; "
                                  "the secretariat will see it."),
    "home.submitted": ("Votre grille est soumise : elle est entre les mains du secrétariat. "
                       "Merci.",
                       "Your sheet is submitted: it is now with the secretariat. Thank you."),
    "home.submitted_unwritten": (
        "Votre grille est soumise et enregistrée dans l’espace, mais pas encore écrite dans les "
        "fichiers de l’appel : le secrétariat le voit sur son tableau de bord et la fera "
        "écrire. Vous n’avez rien à refaire.",
        "Your sheet is submitted and recorded in the workspace, but not yet written to the "
        "call’s files: the secretariat sees it on its dashboard and will have it written. You "
        "have nothing to do again."),
    "home.reopened": ("Le secrétariat a rouvert votre grille : vous pouvez de nouveau la "
                      "modifier. Les notes que vous aviez soumises comptent encore, telles "
                      "quelles, jusqu’à ce que vous soumettiez de nouveau votre grille.",
                      "The secretariat has reopened your sheet: you may change it again. The "
                      "ratings you had submitted still count, as they were, until you submit "
                      "your sheet again."),
    "home.external": ("Vos notes sont tenues par le secrétariat dans un autre fichier : "
                      "cet espace ne les modifie pas.",
                      "The secretariat keeps your ratings in another file: this workspace "
                      "does not change them."),
    "closed": ("La notation est close.", "Scoring is closed."),
    "deadline": ("Date limite : {when}", "Deadline: {when}"),
    "dossier.back": ("Retour à mes dossiers", "Back to my dossiers"),
    "peers.title": ("Les grilles soumises par les autres jurés",
                    "The sheets submitted by the other jurors"),
    "peers.intro": ("Votre grille est soumise : l’appel vous montre celles que les autres "
                    "jurés ont soumises pour ce dossier.",
                    "Your sheet is submitted: the call shows you those the other jurors "
                    "submitted for this dossier."),
    "peers.criterion": ("Critère", "Criterion"),
    "dossier.facts": ("Le dossier", "The dossier"),
    "dossier.summary": ("Résumé", "Summary"),
    "dossier.narrative": ("Présentation", "Description"),
    "dossier.file": ("Pièce du dossier", "Dossier document"),
    "dossier.grid": ("Grille de notation", "Scoring grid"),
    "dossier.guidance": ("À regarder", "What to look for"),
    "dossier.empty": ("— pas encore noté", "— not rated yet"),
    "dossier.na": ("NE — ne peut être évalué", "NE — cannot be assessed"),
    "dossier.comment": ("Commentaire", "Comment"),
    "dossier.share": ("À transmettre au porteur", "Share with the applicant"),
    "dossier.share_hint": ("Cochée, la case permet de citer ce commentaire, sans votre nom, "
                           "dans le courrier adressé au porteur ; sinon il reste interne au "
                           "jury.",
                           "Ticked, the box lets the letter to the applicant quote this "
                           "comment, without your name; otherwise it stays within the jury."),
    "dossier.opinion": ("Avis global", "Overall opinion"),
    "dossier.no_opinion": ("— pas d’avis", "— no opinion"),
    "dossier.amount": ("Montant proposé (€)", "Proposed amount (€)"),
    "dossier.overall_comment": ("Commentaire général (interne au jury)",
                                "Overall comment (jury only)"),
    "dossier.save": ("Enregistrer le brouillon", "Save draft"),
    "dossier.saved": ("Brouillon enregistré.", "Draft saved."),
    "dossier.autosaved": ("Enregistré automatiquement.", "Saved automatically."),
    "dossier.restored": ("Ce que vous aviez tapé sur cette page sans qu’il soit enregistré "
                         "(connexion perdue, page fermée trop tôt) a été remis dans les "
                         "champs depuis ce navigateur : vérifiez-le ; il est enregistré "
                         "maintenant.",
                         "What you had typed on this page without it being saved (connection "
                         "lost, page closed too soon) was put back in the fields from this "
                         "browser: check it; it is being saved now."),
    "dossier.problems": ("Rien n’a été enregistré : corrigez les champs signalés.",
                         "Nothing was saved: correct the fields shown."),
    "dossier.error_title": ("Erreur : rien n’a été enregistré", "Error: nothing was saved"),
    # after a refused save's summary (autosave.js): the fields named, « ; » between them
    "dossier.to_correct": ("À corriger : ", "To correct: "),
    "problem.value": ("« {typed} » n’est pas une valeur de l’échelle : choisissez l’une de "
                      "celles proposées ({values}).",
                      "“{typed}” is not a value of the scale: choose one of those offered "
                      "({values})."),
    # {a}, {b}, {c}: the opinions as the page's buttons say them
    # (isgrid.jury.common.opinion_words)
    "problem.opinion": ("« {typed} » n’est pas un avis : choisissez {a}, {b} ou {c}.",
                        "“{typed}” is not an opinion: choose {a}, {b} or {c}."),
    "problem.amount": ("« {typed} » n’est pas un montant en euros : tapez-le en chiffres, "
                       "par exemple « 20 000 ».",
                       "“{typed}” is not an amount in euros: type it in figures, for "
                       "example “20000”."),
    # why a save was not made (autosave.js, and the pages without JavaScript)
    "unsaved.problems": ("Rien n’a été enregistré : corrigez le champ signalé, ce que vous "
                         "avez tapé reste sur la page.",
                         "Nothing was saved: correct the field shown; what you typed stays "
                         "on the page."),
    "unsaved.signin": ("Votre session a expiré : ce que vous avez tapé n’est pas enregistré. "
                       "Copiez-le, rouvrez votre lien personnel, puis recopiez-le dans le "
                       "dossier.",
                       "Your session has expired: what you typed is not saved. Copy it, open "
                       "your personal link again, then paste it back into the dossier."),
    "unsaved.csrf": ("Cette page n’est plus valable (une autre connexion dans ce navigateur ?) : "
                     "ce que vous avez tapé n’est pas enregistré. Copiez-le, rechargez la "
                     "page, puis recopiez-le.",
                     "This page is no longer valid (another sign-in in this browser?): what "
                     "you typed is not saved. Copy it, reload the page, then paste it back."),
    "unsaved.csrf_page": ("Cette page n’était plus valable (une nouvelle connexion a eu lieu "
                          "dans ce navigateur depuis qu’elle a été ouverte) : ce que vous avez "
                          "tapé n’est pas enregistré. Le voici : copiez-le, rouvrez le "
                          "dossier, puis recopiez-le.",
                          "This page was no longer valid (someone signed in again in this "
                          "browser since it was opened): what you typed is not saved. Here "
                          "it is: copy it, open the dossier again, then paste it back."),
    "unsaved.not_found": ("Ce dossier ne vous est plus attribué (les attributions ont pu "
                          "changer) : ce que vous avez tapé n’est pas enregistré. Copiez-le et "
                          "demandez au secrétariat ce qu’il en est.",
                          "This dossier is no longer assigned to you (the assignments may "
                          "have changed): what you typed is not saved. Copy it and ask the "
                          "secretariat."),
    "unsaved.deported": ("Vous ne notez plus ce dossier : un déport y est enregistré (dans "
                         "une autre fenêtre ?). Ce que vous avez tapé n’est pas enregistré et "
                         "ne comptera pas.",
                         "You no longer rate this dossier: a recusal from it is recorded "
                         "(in another window?). What you typed is not saved and will not "
                         "count."),
    "unsaved.submitted": ("Votre grille est déjà soumise : ce que vous avez tapé ici n’est pas "
                          "enregistré. Copiez-le et demandez au secrétariat de rouvrir votre "
                          "grille pour l’y reporter.",
                          "Your sheet is already submitted: what you typed here is not saved. "
                          "Copy it and ask the secretariat to reopen your sheet to add it."),
    "unsaved.closed": ("La notation est close : ce que vous avez tapé n’est pas enregistré. "
                       "Copiez-le et adressez-le au secrétariat.",
                       "Scoring is closed: what you typed is not saved. Copy it and send it "
                       "to the secretariat."),
    "unsaved.external": ("Vos notes sont tenues dans un autre fichier : ce que vous avez tapé "
                         "ici n’est pas enregistré. Adressez-le au secrétariat.",
                         "Your ratings are kept in another file: what you typed here is not "
                         "saved. Send it to the secretariat."),
    "unsaved.failed": ("L’enregistrement a échoué, sans réponse du serveur : ce que vous "
                       "avez tapé n’est pas encore enregistré. Il reste sur cette page, et "
                       "ce navigateur le garde jusqu’à ce qu’il le soit. Vérifiez votre "
                       "connexion, puis cliquez « Enregistrer le brouillon ».",
                       "The save failed, with no answer from the server: what you typed is "
                       "not saved yet. It stays on this page, and this browser keeps it "
                       "until it is saved. Check your connection, then click “Save draft”."),
    "unsaved.typed": ("Ce que vous avez tapé, à recopier", "What you typed, to copy"),
    "conflict.message": ("Ce dossier a été modifié dans une autre fenêtre depuis que vous "
                         "l’avez ouvert ici : vos changements {de_fields} n’ont pas été "
                         "enregistrés, pour ne pas effacer l’autre version (vos autres "
                         "changements le sont). Sous chaque champ encadré, la valeur "
                         "enregistrée est affichée à côté de la vôtre : choisissez « Garder ma "
                         "version » ou « Reprendre la valeur enregistrée ».",
                         "This dossier was changed in another window since you opened it "
                         "here: your changes to {fields} were not saved, so as not to erase "
                         "the other version (your other changes are). Under each field "
                         "outlined, the saved value is shown beside yours: choose “Keep my "
                         "version” or “Take the saved value”."),
    "conflict.field": ("Modifié dans une autre fenêtre : ce que vous avez saisi ici n’est pas "
                       "enregistré.",
                       "Changed in another window: what you typed here is not saved."),
    "conflict.opinion": ("l’avis global", "the overall opinion"),
    "conflict.value": ("Note", "Rating"),
    "conflict.stored": ("Valeur enregistrée (autre fenêtre)", "Saved value (other window)"),
    "conflict.mine": ("Votre version", "Your version"),
    "conflict.keep": ("Garder ma version", "Keep my version"),
    "conflict.take": ("Reprendre la valeur enregistrée", "Take the saved value"),
    "conflict.empty": ("(vide)", "(empty)"),
    "conflict.ticked": ("case cochée", "box ticked"),
    "conflict.unticked": ("case non cochée", "box not ticked"),
    "dossier.readonly": ("Votre grille est soumise : elle ne peut plus être modifiée. Pour la "
                         "changer, demandez au secrétariat de rouvrir votre grille.",
                         "Your sheet is submitted: it can no longer be changed. To change "
                         "it, ask the secretariat to reopen your sheet."),
    "deport.title": ("Conflit d’intérêts", "Conflict of interest"),
    "deport.intro": ("Si vous avez un lien avec ce projet ou son porteur, déportez-vous : "
                     "le dossier disparaîtra de votre liste et vos notes ne compteront pas.",
                     "If you have a link with this project or its holder, recuse yourself: "
                     "the dossier leaves your list and your ratings will not count."),
    "deport.reason": ("Motif (facultatif)", "Reason (optional)"),
    "deport.button": ("Je me déporte de ce dossier", "I recuse myself from this dossier"),
    "deport.done": ("Votre déport est enregistré.", "Your recusal is recorded."),
    "deport.confirm_title": ("Vous déporter du dossier {id} ?", "Recuse yourself from dossier {id}?"),
    "deport.confirm_what": ("Un déport déclare un conflit d’intérêts : le dossier quitte votre "
                            "liste, ce que vous y avez saisi reste dans votre grille mais ne "
                            "comptera pas, et le secrétariat le verra. Vous ne pourrez pas "
                            "l’annuler vous-même : seul le secrétariat peut lever un déport.",
                            "A recusal declares a conflict of interest: the dossier leaves "
                            "your list, what you typed on it stays in your sheet but will not "
                            "count, and the secretariat will see it. You cannot undo it "
                            "yourself: only the secretariat can lift a recusal."),
    "deport.reason_given": ("Motif", "Reason"),
    "deport.no_reason": ("aucun", "none"),
    "deport.confirm": ("Confirmer le déport", "Confirm the recusal"),
    "deport.cancel": ("Annuler : revenir au dossier", "Cancel: back to the dossier"),
    "deported.title": ("Dossier {id}", "Dossier {id}"),
    # said to every juror alike: no « déporté(e) » (no inclusive-writing dots either)
    "deported.message": ("Déport enregistré le {when} : vous ne notez pas ce dossier. Il "
                         "n’est plus dans votre liste et vos notes n’y comptent pas. Seul le "
                         "secrétariat peut lever ce déport.",
                         "Recusal recorded on {when}: you do not rate this dossier. It is "
                         "no longer in your list and your ratings on it do not count. Only "
                         "the secretariat can lift this recusal."),
    "deported.declared": ("Le secrétariat a déclaré un déport pour vous sur ce dossier : vous "
                          "ne le notez pas. Il n’est pas dans votre liste et vos notes n’y "
                          "comptent pas. Seul le secrétariat peut lever ce déport.",
                          "The secretariat declared a recusal for you on this dossier: you do "
                          "not rate it. It is not in your list and your ratings on it do not "
                          "count. Only the secretariat can lift this recusal."),
    "deported.unsaved": ("Ce que vous venez de taper n’est donc pas enregistré : le voici, à "
                         "recopier si besoin.",
                         "What you just typed is therefore not saved: here it is, to copy "
                         "if need be."),
    "submit.confirm_title": ("Soumettre votre grille ?", "Submit your sheet?"),
    "submit.confirm_what": ("Une fois soumise, votre grille est transmise au secrétariat et ne "
                            "peut plus être modifiée : pour la changer ensuite, vous devrez "
                            "demander au secrétariat de la rouvrir.",
                            "Once submitted, your sheet goes to the secretariat and can no "
                            "longer be changed: to change it afterwards, you will have to ask "
                            "the secretariat to reopen it."),
    "submit.confirm": ("Confirmer la soumission", "Confirm the submission"),
    "submit.cancel": ("Annuler : revenir à mes dossiers", "Cancel: back to my dossiers"),
    "message.title": ("Action impossible", "Action not possible"),
    "refused.submitted": ("Votre grille est déjà soumise : pour la modifier, demandez au "
                          "secrétariat de rouvrir votre grille.",
                          "Your sheet is already submitted: to change it, ask the "
                          "secretariat to reopen your sheet."),
    "refused.closed": ("La notation est close : rien n’a été enregistré.",
                       "Scoring is closed: nothing was saved."),
    "refused.external": ("Vos notes sont tenues dans un autre fichier.",
                         "Your ratings are kept in another file."),
    "unwritten.submit": (
        "Votre grille est soumise et enregistrée, mais l’espace n’a pas pu l’écrire dans le "
        "dossier de l’appel. Le secrétariat en est averti et la fera écrire : vous n’avez rien "
        "à refaire.",
        "Your sheet is submitted and recorded, but the workspace could not write it to the "
        "call folder. The secretariat has been told and will have it written: you have "
        "nothing to do again."),
    "unwritten.deport": (
        "Votre déport est enregistré (le dossier est retiré de votre liste), mais l’espace n’a "
        "pas pu l’écrire dans le dossier de l’appel. Le secrétariat en est averti et le fera "
        "écrire : vous n’avez rien à refaire.",
        "Your recusal is recorded (the dossier is removed from your list), but the workspace "
        "could not write it to the call folder. The secretariat has been told and will have "
        "it written: you have nothing to do again."),
    "held.title": ("Dossier de l’appel occupé", "Call folder busy"),
    "held.submitted": ("Votre grille est soumise et enregistrée dans l’espace : rien n’est "
                       "perdu.",
                       "Your sheet is submitted and recorded in the workspace: nothing is "
                       "lost."),
    "held.deport": ("Votre déport est enregistré dans l’espace (le dossier est retiré de votre "
                    "liste) : rien n’est perdu.",
                    "Your recusal is recorded in the workspace (the dossier is removed from "
                    "your list): nothing is lost."),
    "held.lifted": ("La levée du déport de {juror} est enregistrée dans l’espace : rien n’est "
                    "perdu.",
                    "The lift of {juror}’s recusal is recorded in the workspace: nothing is "
                    "lost."),
    "held.written": ("Ce que {juror} a fait reste enregistré dans l’espace : rien n’est perdu.",
                     "What {juror} did stays recorded in the workspace: nothing is lost."),
    "held.busy": ("Mais une autre écriture occupe le dossier de l’appel{holder} : l’espace n’a "
                  "pas encore pu y écrire {what}. Réessayez dans quelques secondes.",
                  "But another write is using the call folder{holder}: the workspace could not "
                  "write {what} there yet. Try again in a few seconds."),
    "held.holder": (" ({holder})", " ({holder})"),
    "held.yours": ("vos fichiers", "your files"),
    "held.theirs": ("les fichiers de {juror}", "{juror}’s files"),
    "held.retry": ("Réessayer l’écriture", "Try the write again"),
    "held.later": ("Si vous quittez cette page, le secrétariat voit sur son tableau de bord "
                   "que ces fichiers restent à écrire.",
                   "If you leave this page, the secretariat sees on its dashboard that these "
                   "files are still to be written."),
    "held.later_admin": ("Si vous quittez cette page, le tableau de bord garde ces fichiers "
                         "dans « Fichiers de l’appel non écrits », avec le bouton pour les "
                         "écrire.",
                         "If you leave this page, the dashboard keeps these files under “Call "
                         "files not written”, with the button that writes them."),
    "admin.back": ("Retour au tableau de bord", "Back to the dashboard"),
    "refused.not-submitted": ("Cette grille n’est pas soumise.", "This sheet is not submitted."),
    "refused.not-deported": ("Ce juré n’est pas déporté de ce dossier.",
                             "This juror is not recused from this dossier."),
    "refused.declared": ("Ce déport est déclaré dans call.yaml (conflicts) ou dans un autre "
                         "fichier de conflicts/ : c’est là qu’il se lève.",
                         "This recusal is declared in call.yaml (conflicts) or in another "
                         "file of conflicts/: it is lifted there."),
    "refused.lift-submitted": ("La grille de ce juré est soumise : lever le déport ferait "
                               "compter les notes saisies pendant le déport sans qu’il les ait "
                               "confirmées. Rouvrez d’abord sa grille, puis levez le déport : "
                               "le juré confirmera ses notes en soumettant de nouveau.",
                               "This juror’s sheet is submitted: lifting the recusal would "
                               "make the ratings typed during it count without the juror "
                               "confirming them. Reopen the sheet first, then lift the "
                               "recusal: the juror confirms the ratings by submitting "
                               "again."),
    "admin.title": ("Tableau de bord du secrétariat", "Secretariat dashboard"),
    "admin.jurors": ("Avancement par juré", "Progress per juror"),
    "admin.dossiers": ("Avancement par dossier", "Progress per dossier"),
    "admin.juror": ("Juré", "Juror"),
    "admin.status": ("État", "Status"),
    "admin.complete": ("Dossiers complets", "Complete dossiers"),
    # per dossier: the jurors who rated every criterion of it (drafts and sheets alike)
    "admin.complete_sheets": ("Jurés ayant tout noté", "Jurors who rated it all"),
    "admin.missing": ("Notes manquantes", "Missing ratings"),
    "admin.actions": ("Actions", "Actions"),
    "status.open": ("en cours", "in progress"),
    "status.submitted": ("soumise", "submitted"),
    "status.external": ("hors de l’espace", "outside the workspace"),
    "status.reopened": ("rouverte (sa soumission précédente compte jusqu’à la prochaine)",
                        "reopened (the previous submission counts until the next one)"),
    "admin.reopen": ("Rouvrir sa grille", "Reopen the sheet"),
    "admin.revoke": ("Révoquer ses liens", "Revoke the links"),
    "admin.lift": ("Lever le déport", "Lift the recusal"),
    "admin.done.lifted": ("Déport de {juror} sur {dossier} levé.",
                          "{juror}’s recusal from {dossier} lifted."),
    "admin.done.reopened": ("Grille de {juror} rouverte.", "{juror}’s sheet reopened."),
    "admin.done.revoked": ("Liens de {juror} révoqués.", "{juror}’s links revoked."),
    "admin.done.written": ("Fichiers de {juror} écrits dans le dossier de l’appel.",
                           "{juror}’s files written to the call folder."),
    "admin.unwritten": ("Fichiers de l’appel non écrits", "Call files not written"),
    "admin.unwritten_intro": (
        "L’espace n’a pas pu écrire dans le dossier de l’appel ce que ces jurés ont soumis ou "
        "déclaré : leurs fichiers (ratings/, opinions/, conflicts/) sont restés tels qu’avant, "
        "et isgrid score ne compte pas encore ce changement. La base de l’espace le garde. "
        "Corrigez la cause (place sur le disque, droits sur le dossier, autre commande en "
        "cours), puis écrivez de nouveau leurs fichiers.",
        "The workspace could not write to the call folder what these jurors submitted or "
        "declared: their files (ratings/, opinions/, conflicts/) are as they were, and isgrid "
        "score does not count that change yet. The workspace's database keeps it. Fix the "
        "cause (disk space, the folder's permissions, another command running), then write "
        "their files again."),
    "admin.unwritten_why": ("{why} ({when})", "{why} ({when})"),
    "admin.write_again": ("Écrire de nouveau ses fichiers", "Write their files again"),
    "admin.unwritten_now": (
        "Fait dans la base de l’espace, mais les fichiers de {juror} n’ont pas pu être écrits "
        "dans le dossier de l’appel (ils sont restés tels qu’avant) : {why}. Le tableau de "
        "bord le garde, avec un bouton pour les écrire de nouveau.",
        "Done in the workspace's database, but {juror}’s files could not be written to the "
        "call folder (they are as they were): {why}. The dashboard keeps it, with a button "
        "to write them again."),
    "admin.declared": ("(déclaré dans {file}, ligne {line} : il se lève là, en retirant "
                       "cette ligne ; l’espace le suit au rechargement de l’appel)",
                       "(declared in {file}, line {line}: lifted there, by removing that "
                       "line; the workspace follows at the call's next reload)"),
    "admin.declared_file": ("(déclaré dans {file} : il se lève là, en retirant sa ligne ; "
                            "l’espace le suit au rechargement de l’appel)",
                            "(declared in {file}: lifted there, by removing its line; the "
                            "workspace follows at the call's next reload)"),
    "admin.lift_submitted": ("(grille soumise : rouvrez-la d’abord, puis levez le déport ; le "
                             "juré confirmera en soumettant de nouveau)",
                             "(sheet submitted: reopen it first, then lift the recusal; "
                             "the juror confirms by submitting again)"),
    "admin.dossier": ("Dossier", "Dossier"),
    "admin.assigned": ("Jurés", "Jurors"),
    "admin.submitted": ("Grilles soumises", "Sheets submitted"),
    "admin.submitted_note": (
        "Grilles soumises : les grilles des jurés, dans ratings/, qui notent ce dossier (une "
        "note ou NE), hors déport : celles que compte isgrid score. La grille rouverte d’un "
        "juré y compte encore, telle qu’il l’a soumise, jusqu’à ce qu’il la soumette de "
        "nouveau.",
        "Sheets submitted: the jurors' sheets, in ratings/, that rate this dossier (a value "
        "or NE), recusals left out: those isgrid score counts. A juror's reopened sheet "
        "still counts there, as submitted, until the juror submits it again."),
    "admin.deports": ("Déports", "Recusals"),
    "admin.disagreements": ("Désaccords (écart d’au moins la moitié de l’échelle)",
                            "Disagreements (spread of at least half the scale)"),
    "admin.none": ("Aucun.", "None."),
    "admin.scoring": ("Notation", "Scoring"),
    "admin.settled": ("{criterion} (réglé par consensus : {value})",
                      "{criterion} (settled by consensus: {value})"),
    "admin.open": ("ouverte", "open"),
    "admin.closed": ("fermée", "closed"),
    "admin.open_button": ("Ouvrir la notation", "Open scoring"),
    "admin.close_button": ("Clore la notation", "Close scoring"),
    "admin.deadline": ("Date limite (JJ/MM/AAAA HH:MM, heure du fuseau {zone} ; vide : aucune)",
                       "Deadline (YYYY-MM-DD HH:MM, time in {zone}; empty: none)"),
    "admin.bad_deadline": ("Date limite illisible : tapez-la JJ/MM/AAAA HH:MM (par exemple "
                           "05/12/2026 18:00 ou 05/12/2026 18h00), heure du fuseau {zone}. "
                           "Rien n’a été changé.",
                           "Unreadable deadline: type it YYYY-MM-DD HH:MM (for example "
                           "2026-12-05 18:00), time in {zone}. Nothing was changed."),
    "admin.deadline_no_time": ("Date limite sans heure : ajoutez l’heure à laquelle la "
                               "notation se ferme (par exemple {day} 18:00), heure du fuseau "
                               "{zone}. Rien n’a été changé.",
                               "Deadline without a time: add the time scoring closes (for "
                               "example {day} 18:00), time in {zone}. Nothing was changed."),
    "admin.audit": ("Journal des modifications", "Audit log"),
    "admin.cannot_score": ("L’appel ne peut pas être noté en l’état : {why}",
                           "The call cannot be scored as it is: {why}"),
    "audit.at": ("Quand", "When"),
    "audit.actor": ("Qui", "Who"),
    "audit.action": ("Quoi", "What"),
    "audit.target": ("Sur", "On"),
    "audit.change": ("Avant → après", "Before → after"),
    "audit.writer": ("isgrid (l’espace, ses écritures dans le dossier de l’appel)",
                     "isgrid (the workspace, its writes to the call folder)"),
    "audit.action.seed": ("reprise des fichiers de l’appel", "taken from the call's files"),
    "audit.action.scoring": ("notation réglée", "scoring set"),
    "audit.action.draft": ("brouillon enregistré", "draft saved"),
    "audit.action.submit": ("grille soumise", "sheet submitted"),
    "audit.action.reopen": ("grille rouverte", "sheet reopened"),
    "audit.action.invite": ("invitation (nouveau lien personnel)",
                            "invitation (new personal link)"),
    "audit.action.revoke": ("liens révoqués", "links revoked"),
    "audit.action.sign-in": ("connexion", "sign-in"),
    "audit.action.refused": ("accès refusé", "access refused"),
    "audit.action.deport": ("déport déclaré", "recusal declared"),
    "audit.action.lift-deport": ("déport levé", "recusal lifted"),
    "audit.action.unwritten": ("fichiers de l’appel non écrits", "call files not written"),
    "audit.action.written": ("fichiers de l’appel écrits", "call files written"),
    "audit.incomplete": ("Dossiers incomplets", "Incomplete dossiers"),
    "audit.ratings": ("Notes reprises", "Ratings taken"),
    "audit.deadline": ("Date limite", "Deadline"),
    "audit.none": ("aucune", "none"),
    "audit.expires": ("Lien valable jusqu’au", "Link valid until"),
    "audit.links": ("Liens révoqués", "Links revoked"),
    "audit.amount": ("Montant proposé", "Proposed amount"),
    "audit.overall_comment": ("Commentaire général", "Overall comment"),
    "audit.yes": ("oui", "yes"),
    "audit.no": ("non", "no"),
    "error.title": ("Erreur {status}", "Error {status}"),
    "error.not_found": ("Cette page n’existe pas, ou elle ne vous est pas ouverte.",
                        "This page does not exist, or it is not open to you."),
    "error.forbidden": ("Cette page est réservée au secrétariat.",
                        "This page is for the secretariat."),
    "error.csrf": ("Cette page n’était plus valable (une nouvelle connexion a eu lieu dans ce "
                   "navigateur depuis qu’elle a été ouverte) : rien n’a été fait. Rechargez la "
                   "page et recommencez.",
                   "This page was no longer valid (someone signed in again in this browser "
                   "since it was opened): nothing was done. Reload the page and try again."),
    "error.csrf_origin": ("Ce formulaire n’a pas été envoyé depuis une page de cet espace : "
                          "rien n’a été fait. Rouvrez l’espace depuis votre lien personnel, "
                          "puis recommencez.",
                          "This form was not sent from a page of this workspace: nothing "
                          "was done. Open the workspace from your personal link, then try "
                          "again."),
    "error.csrf_other": ("Une autre session est ouverte dans ce navigateur : {name}. Ce "
                         "formulaire vient d’une page ouverte sous une autre session : rien "
                         "n’a été fait. Si ce n’est pas vous, cliquez « Se déconnecter », puis "
                         "rouvrez votre propre lien personnel ; sinon, rechargez la page et "
                         "recommencez.",
                         "Another session is open in this browser: {name}. This form comes "
                         "from a page opened under another session: nothing was done. If that "
                         "is not you, click “Sign out”, then open your own personal link "
                         "again; otherwise, reload the page and try again."),
    "error.method": ("Cette page ne s’ouvre pas ainsi.", "This page cannot be opened this way."),
    "error.bad_request": ("La demande n’a pas pu être lue.", "The request could not be read."),
    "error.too_large": ("La demande est trop volumineuse.", "The request is too large."),
    "error.internal": ("Une erreur interne est survenue.", "An internal error occurred."),
    "error.signin": ("Votre session a expiré : rouvrez votre lien personnel.",
                     "Your session has expired: open your personal link again."),
}
TEXTS.update(OPS_TEXTS)  # the workspace's operation (.texts_ops)


def _french_spaces(text: str) -> str:
    """French typography's spaces: the one rule of every catalogue (isgrid.i18n)."""
    return french_spacing(text)


#: The three overall opinions as the workspace stores them (its buttons' values, the
#: opinions/ files' words): :data:`isgrid.jury.common.OPINIONS`.
OPINION_VALUES = OPINIONS


def opinion_label(value: str, lang: str) -> str:
    """An overall opinion as the page's buttons say it: the one word of every output
    (:func:`isgrid.jury.common.opinion_word`) with a capital, « Réservé », "Reserved"."""
    return opinion_word(value, lang).capitalize()


def opinion_said(lang: str, text: str) -> str:
    """An overall opinion as typed or stored (« réservé », "reserved", « defavorable »), as
    the page in ``lang`` says it (« Réservé », "Reserved"); a text that is no opinion as it
    was typed."""
    value = parse_opinion(text)
    return opinion_label(value, lang) if value is not None else text


def page_words(lang: str) -> Callable[..., str]:
    """``t(key, **values)``: the workspace page's words (:data:`TEXTS`) in ``lang`` (fr or
    en).  Not :func:`isgrid.i18n.translator`, whose JSON catalogs say the documents, the
    workbooks and the opinions (:func:`isgrid.jury.common.opinion_word`): the pages' words
    are still this module's pairs, to be folded into a ``workspace`` catalog."""
    index = 1 if lang == "en" else 0

    def t(key: str, **values: object) -> str:
        n = values.get("n")
        if isinstance(n, int) and f"{key}.one" in TEXTS:  # « 1 dossier incomplet », « 2 … »
            key = f"{key}.{plural_form(n, 'en' if index else 'fr')}"
        pair = TEXTS.get(key)
        text = key if pair is None else pair[index]
        if values:
            text = text.format(**values)
        return text if index else _french_spaces(text)

    return t
