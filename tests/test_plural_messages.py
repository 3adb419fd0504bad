"""A diagnostic with a count agrees with it (:class:`isgrid.messages.Plural`), in English
and through the French catalog's plural forms: « 1 colonne manquante », « 2 colonnes
manquantes », « 0 écriture faite »; they said « colonne(s) manquante(s) » before."""

from __future__ import annotations

import pickle

from isgrid.messages import Count, Message, Plural, missing_columns, unknown_columns

NB, NN = "\u00a0", "\u202f"


def test_the_english_form_follows_the_count() -> None:
    assert missing_columns(["value"]) == "missing column: value"
    assert missing_columns(["dossier", "value"]) == "missing columns: dossier, value"
    assert unknown_columns(["x"], ignored=True) == "unknown column ignored: x"
    assert unknown_columns(["x", "y"]) == "unknown columns: x, y"


def test_the_french_form_follows_the_count() -> None:
    assert missing_columns(["value"]).translated("fr") == f"colonne manquante{NB}: value"
    assert missing_columns(["a", "b"], skipped=True).translated("fr") == (
        f"colonnes manquantes{NB}: a, b{NN}; le fichier n'est pas lu")
    assert unknown_columns(["x", "y"], ignored=True).translated("fr") == (
        f"colonnes inconnues ignorées{NB}: x, y")


def test_french_takes_the_singular_up_to_one_and_groups_thousands() -> None:
    def said(n: int) -> tuple[str, str]:
        m = Plural("{n} write was made before this one; isgrid intake push --apply writes "
                   "the same values again.", "{n} writes were made before this one; isgrid "
                   "intake push --apply writes the same values again.", n)
        return str(m), m.translated("fr")

    assert said(0) == ("0 writes were made before this one; isgrid intake push --apply "
                       "writes the same values again.",
                       f"0 écriture a été faite avant celle-ci{NN}; isgrid intake push --apply "
                       "réécrit les mêmes valeurs.")
    assert said(1)[0].startswith("1 write was made")
    assert said(1)[1].startswith("1 écriture a été faite")
    assert said(1234)[0].startswith("1,234 writes were made")
    assert said(1234)[1].startswith(f"1{NN}234 écritures ont été faites")


def test_a_plural_inside_a_message_is_translated_with_it() -> None:
    """« and 3 more » inside the ratings-missing warning: it stayed English in French."""
    shown = Plural("{shown} and {n} more", "{shown} and {n} more", 3, shown="D1, D2")
    m = Plural("{assessor} has not rated {n} dossier yet: {shown}",
               "{assessor} has not rated {n} dossiers yet: {shown}", 13, assessor="j1",
               shown=shown)
    assert m == "j1 has not rated 13 dossiers yet: D1, D2 and 3 more"
    assert m.translated("fr") == f"j1 n'a pas encore noté 13 dossiers{NB}: D1, D2 et 3 autres"
    one = Plural("{shown} and {n} more", "{shown} and {n} more", 1, shown="D1")
    assert one.translated("fr") == "D1 et 1 autre"


def test_a_plural_survives_pickling() -> None:
    """Diagnostics cross processes (the analyses' workers): the form and count come back."""
    m = missing_columns(["a", "b"])
    back = pickle.loads(pickle.dumps(m))
    assert isinstance(back, Plural) and back == m and back.n == 2
    assert back.translated("fr") == f"colonnes manquantes{NB}: a, b"
    assert isinstance(back.values["n"], Count) and isinstance(back, Message)


def test_a_list_of_numbers_in_each_language() -> None:
    """A scale's values in a French message: decimal commas, so semicolons between them
    (« (0, 0.5, 1) » before)."""
    import pickle

    from isgrid.messages import Numbers

    m = Message("{value} is not a value of the scale ({values})", value="'9'",
                values=Numbers([0, 0.5, 1.0, 12000.0]))
    assert m == "'9' is not a value of the scale (0, 0.5, 1, 12000)"
    assert m.translated("fr") == ("'9' n'est pas une valeur de l'échelle "
                                  f"(0{NN}; 0,5{NN}; 1{NN}; 12000)")
    assert pickle.loads(pickle.dumps(m)).translated("fr") == m.translated("fr")


def test_lists_of_names_are_bounded() -> None:
    """A ratings header of a million unknown columns made a 3 MB message."""
    from isgrid.messages import shown_names

    m = unknown_columns(["x"] * 1_000_000)
    assert m == "unknown columns: " + ", ".join(["x"] * 10) + " and 999,990 more"
    assert m.translated("fr").endswith(f"x et 999{NN}990 autres")
    assert shown_names(["a" * 100]) == "a" * 39 + "…"
    assert shown_names(["a", "b"]) == "a, b"
