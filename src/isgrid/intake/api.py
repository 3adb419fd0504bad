"""The dossiers of a démarche through the GraphQL API of Démarche Numérique.

The server's stored query is used (``queryId: ds-query-v2``, operation
``getDemarche``), page by page (Relay cursors ``first``/``after``, until
``pageInfo.hasNextPage`` is false), with ``updatedSince`` for an incremental
refresh.  The token is read from the environment variable named by
``intake.token_env`` (never from a file of the call), sent only in the
``Authorization`` header, and never printed: any text of an error that
contains it is scrubbed.  Every failure (no token, a refused or expired
token, the network, a malformed answer) raises before anything is written.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Any

from ..call.blocks import Intake
from ..errors import (
    Collector,
    Count,
    Diagnostic,
    IsgridError,
    Location,
    Message,
    UsageError,
    excerpt,
)
from ..i18n import N_
from .source import Source, SourceAvis, SourceBlock, SourceDossier, SourceField

PAGE_SIZE = 100
MAX_PAGES = 10_000
MAX_ANSWER_BYTES = 100 * 1024 * 1024
TIMEOUT = 60.0


class ApiError(IsgridError):
    """The API could not be read; nothing was written."""


def read_token(env: str, what: str = "read") -> str:
    token = os.environ.get(env, "").strip()
    if not token:
        raise UsageError(f"no API token in ${env}", [Diagnostic(
            "api-auth", Message("the environment variable {env} holds no read token", env=env)
            if what == "read" else Message("the environment variable {env} holds no write "
                                           "token", env=env),
            Location(key_path="intake.token_env" if what == "read" else "intake.push.token_env"),
            hint=Message("export {env}=… (a token created by an administrator of the démarche); "
                         "isgrid never reads a token from a file of the call.",
                         env=env))])
    return token


def post(endpoint: str, token: str, payload: dict[str, Any], where: str) -> dict[str, Any]:
    """One POST of a GraphQL request; the ``data`` of the answer, or an error."""
    body = json.dumps(payload).encode("utf-8")
    req = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Content-Type": "application/json", "Accept": "application/json",
        "Authorization": f"Bearer {token}", "User-Agent": "isgrid"})

    def fail(code: str, message: str, hint: str | None = None) -> IsgridError:
        if token in message:  # never printed (str.replace would also lose the French)
            message = message.replace(token, "***")
        cls = UsageError if code != "api-answer" else ApiError
        return cls(message, [Diagnostic(code, message, Location(where), hint=hint)])

    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
            raw = resp.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise fail("api-auth", Message("the API refused the token (HTTP {code}): it may have "
                                           "expired, been revoked, or not cover this démarche or "
                                           "this network",
                                           code=exc.code)) \
                from None
        said = _said_by(exc)
        status = _status_words(exc.code)
        raise fail("api-answer", Message(
            "the API answered HTTP {code} ({status}): {said}", code=exc.code, status=status,
            said=said) if said else Message("the API answered HTTP {code} ({status})",
                                           code=exc.code, status=status),
            _STATUS_HINT.get(exc.code // 100 if exc.code != 404 else 404)) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise fail("api-unreachable", Message("cannot reach {endpoint}: {reason}",
                                              endpoint=endpoint, reason=excerpt(str(reason), 120))) \
            from None
    if len(raw) > MAX_ANSWER_BYTES:
        raise fail("api-answer", Message("the API's answer is larger than isgrid accepts"))
    try:
        answer = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise fail("api-answer", Message("the API's answer is not JSON")) from None
    if not isinstance(answer, dict):
        raise fail("api-answer", Message("the API's answer is not a JSON object"))
    errors = answer.get("errors")
    if errors:
        first = errors[0] if isinstance(errors, list) and errors else {}
        msg = str(first.get("message", "")) if isinstance(first, dict) else str(first)
        code = (first.get("extensions") or {}).get("code") if isinstance(first, dict) else None
        if code == "unauthorized" or "token" in msg.casefold() or "autoris" in msg.casefold():
            raise fail("api-auth", Message("the API refused the request: {error}",
                                           error=said_text(msg)))
        raise fail("api-answer", Message("the API answered an error: {error}",
                                         error=said_text(msg)))
    data = answer.get("data")
    if not isinstance(data, dict):
        raise fail("api-answer", Message("the API's answer has no data"))
    return data


#: What to do after an HTTP error, by its class (5xx) or code (404): a failure of the
#: platform passes, a wrong address does not.
_STATUS_HINT: dict[int, str] = {
    5: N_("The platform failed: try again later."),
    404: N_("Check intake.endpoint in call.yaml: the address of the platform's API ends in "
            "/api/v2/graphql."),
}


def _status_words(code: int) -> Message:
    """An HTTP status in words, as a secretary reads it (« a failure of the platform »)."""
    if code >= 500:
        return Message("a failure of the platform")
    if code == 429:
        return Message("too many requests")
    if code == 404:
        return Message("no API at this address")
    return Message("request refused")


def _said_by(exc: urllib.error.HTTPError) -> str:
    """What the platform said with an HTTP error: the first GraphQL error's message, else
    the first line of its text; "" when it said nothing readable."""
    try:
        raw = exc.read(64 * 1024)
    except (OSError, ValueError):
        return ""
    text = raw.decode("utf-8", "replace").strip()
    try:
        answer = json.loads(text)
    except ValueError:
        answer = None
    if isinstance(answer, dict):
        errors = answer.get("errors")
        first = errors[0] if isinstance(errors, list) and errors else None
        text = str(first.get("message", "")) if isinstance(first, dict) else ""
    elif text.startswith("<"):  # an HTML page: nothing a reader can use here
        return ""
    return said_text(text)


def said_text(text: str, limit: int = 160) -> str:
    """What the platform said, as a reader reads it: its first line, cut at ``limit``
    characters (never Python's quotes and escapes)."""
    line = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def fetch_source(intake: Intake, since: str | None = None,
                 diags: Collector | None = None) -> Source:
    """Every dossier of the démarche (updated since ``since`` if given), as a Source."""
    if intake.demarche is None:
        raise UsageError("no démarche number", [Diagnostic(
            "call-invalid", Message("intake.demarche is not given"), Location(key_path="intake.demarche"),
            hint="The démarche's number, as in its address on the platform.")])
    token = read_token(intake.token_env)
    name = f"{intake.endpoint} (démarche {intake.demarche})"
    src = Source("api", name, complete=since is None)
    after: str | None = None
    seen: set[str] = set()
    for pages in range(1, MAX_PAGES + 1):
        variables: dict[str, Any] = {
            "demarcheNumber": intake.demarche, "includeDossiers": True, "includeChamps": True,
            "includeAnotations": True, "includeAvis": True, "first": PAGE_SIZE}
        if after is not None:
            variables["after"] = after
        if since is not None:
            variables["updatedSince"] = since
        data = post(intake.endpoint, token, {"queryId": "ds-query-v2",
                                             "operationName": "getDemarche",
                                             "variables": variables}, name)
        try:
            conn = data["demarche"]["dossiers"]
            nodes = conn["nodes"]
            page = conn["pageInfo"]
            for i, node in enumerate(_list(nodes, "dossiers.nodes")):
                src.dossiers.append(_dossier(_object(node, f"dossiers.nodes[{i}]", False),
                                             name, f"dossiers.nodes[{i}]"))
            more = bool(page["hasNextPage"])
            after = page.get("endCursor")
        except _Shape as exc:  # a node not as the schema says: said at its path
            raise ApiError("malformed answer", [Diagnostic(
                "api-answer", Message("the API's answer is not shaped as getDemarche's: "
                                      "{got} where {want} is expected",
                                      got=exc.got, want=exc.want),
                Location(name, key_path=f"page {pages}, {exc.path}"))]) from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ApiError("malformed answer", [Diagnostic(
                "api-answer", Message("the API's answer is not shaped as getDemarche's ({name}: "
                                      "{error})",
                                      name=type(exc).__name__, error=excerpt(str(exc),
                                                                             60)),
                Location(name, key_path=f"page {pages}"))]) from None
        if not more:
            return src
        if not isinstance(after, str) or after in seen:
            raise ApiError("bad cursor", [Diagnostic(
                "api-answer", Message("the API announced a next page without a new cursor"),
                Location(name))])
        seen.add(after)
    raise ApiError("too many pages", [Diagnostic(
        "api-answer", Message("more than {max_pages} pages",
                              max_pages=Count(MAX_PAGES)), Location(name))])


_TYPED = ("decimalNumber", "integerNumber", "checked", "date", "datetime", "values")


def _value(champ: dict[str, Any]) -> Any:
    """A champ's value as the export's column headed by its label gives it: a
    « Département » or « Région » champ its name (« Haut-Rhin », where the API's
    ``stringValue`` is « 68 - Haut-Rhin »), an « EPCI » champ the EPCI's name, the typed
    value of a number, a date, a checkbox, else ``stringValue``."""
    if _is_epci(champ):  # its « departement » is a part, never its value
        epci = champ.get("epci")
        return str(epci["name"]) if isinstance(epci, dict) and epci.get("name") \
            else champ.get("stringValue")
    for key in _PLACES if "commune" not in champ else ():  # a commune's département: a part
        place = champ.get(key)
        if isinstance(place, dict) and place.get("name"):
            return str(place["name"])
    for key in _TYPED:
        if key in champ and champ[key] is not None:
            v = champ[key]
            if key == "integerNumber":
                return int(v)
            if key == "datetime":
                return str(v)[:10]
            return v
    return champ.get("stringValue")


#: The champs whose name the export writes in the column headed by their label: the
#: stored query's ``departement { name code }`` (DepartementChamp), ``region { name code }``
#: (RegionChamp).  A commune's column holds « Colmar (68000) », the API's ``stringValue``.
_PLACES = ("departement", "region")


def _is_epci(champ: dict[str, Any]) -> bool:
    """An « EPCI » champ: the stored query gives it ``epci { name code }`` and
    ``departement { name code }`` (``... on EpciChamp``, since 2023), so that its
    ``departement`` does not make it a Département champ."""
    return "epci" in champ or champ.get("__typename") == "EpciChamp"


def _parts(champ: dict[str, Any]) -> list[tuple[str, Any]]:
    """The other columns the export gives a composite champ, as (the part in brackets after
    its label, the value), from the stored query's fields (:mod:`.composite`: « <label>
    (Code) » 68 for a « Département » or a « Région » champ; « <label> (Code INSEE) »
    68066 and « <label> (Département) » « 68 – Haut-Rhin » for a « Commune » champ;
    « <label> (Code) » 246800726, the SIREN, and « <label> (Département) » for an « EPCI »
    champ), so that a mapping to « Département de réalisation (Code) » reads the code
    from the API as from the export.  An empty champ gives its parts empty, as the
    export's cells."""
    def code(key: str) -> Any:
        place = champ.get(key)
        return str(place["code"]) if isinstance(place, dict) and place.get("code") else None

    def code_and_name(key: str) -> Any:
        """« 68 – Haut-Rhin », as the export writes a département (an en dash)."""
        place, number = champ.get(key), code(key)
        return (f"{number} \u2013 {place['name']}" if number is not None
                and isinstance(place, dict) and place.get("name") else number)

    if "commune" in champ:  # CommuneChamp: commune { name code }, departement { name code }
        return [("Code INSEE", code("commune")), ("Département", code_and_name("departement"))]
    if _is_epci(champ):  # EpciChamp: epci { name code }, departement { name code }
        return [("Code", code("epci")), ("Département", code_and_name("departement"))]
    for key in _PLACES:
        if key in champ:
            return [("Code", code(key))]
    return []


class _Shape(Exception):
    """A node of the answer that is not what the schema says (a text where an object is)."""

    def __init__(self, path: str, want: Message, got: Any) -> None:
        super().__init__(path)
        self.path, self.want = path, want
        self.got = Message("empty (null)") if got is None else \
            Message("a text") if isinstance(got, str) else \
            Message("a list") if isinstance(got, list) else \
            Message("an object") if isinstance(got, dict) else Message("a number or a boolean")


def _object(v: Any, path: str, optional: bool = True) -> dict[str, Any]:
    """``v`` when it is an object ({} for null, when ``optional``)."""
    if v is None and optional:
        return {}
    if not isinstance(v, dict):
        raise _Shape(path, Message("an object"), v)
    return v


def _list(v: Any, path: str) -> list[Any]:
    """``v`` when it is a list ([] for null)."""
    if v is None:
        return []
    if not isinstance(v, list):
        raise _Shape(path, Message("a list"), v)
    return v


def _text(v: Any, path: str, optional: bool = True) -> str | None:
    """``v`` as a text (a number as written); None for null, when ``optional``."""
    if v is None and optional:
        return None
    if v is None or isinstance(v, dict | list):
        raise _Shape(path, Message("a text"), v)
    return str(v)


def _fields(champs: Any, name: str, number: int, path: str,
            d: SourceDossier | None = None) -> list[SourceField]:
    out = []
    for i, raw in enumerate(_list(champs, path)):
        at = f"{path}[{i}]"
        c = _object(raw, at, False)
        label = _text(c.get("label"), f"{at}.label", False)
        assert label is not None
        champ = _text(c.get("champDescriptorId"), f"{at}.champDescriptorId") \
            or _text(c.get("id"), f"{at}.id")
        where = Location(name, key_path=f"dossier {number}: {label}")
        if c.get("__typename") == "RepetitionChamp" or "rows" in c:
            if d is not None:
                block = SourceBlock(label, None, champ, where=where)
                for k, row in enumerate(_list(c.get("rows"), f"{at}.rows")):
                    block.rows.append(_fields(_object(row, f"{at}.rows[{k}]").get("champs"),
                                              name, number, f"{at}.rows[{k}].champs"))
                d.blocks.append(block)
            continue
        for key in ("epci", "commune", *_PLACES):  # the parts read below: objects
            _object(c.get(key), f"{at}.{key}")
        value = _value(c)
        if isinstance(value, dict):
            raise _Shape(f"{at}", Message("a value"), value)
        out.append(SourceField(label, value, where, champ))
        for part, v in _parts(c):
            out.append(SourceField(f"{label} ({part})", v,
                                   Location(name, key_path=f"dossier {number}: {label} ({part})"),
                                   champ))
    return out


def _dossier(node: dict[str, Any], name: str, path: str = "node") -> SourceDossier:
    number = int(node["number"])
    state = _text(node["state"], f"{path}.state", False)
    assert state is not None
    d = SourceDossier(number, state, Location(name, key_path=f"dossier {number}"),
                      graphql_id=_text(node.get("id"), f"{path}.id"),
                      updated_at=_text(node.get("dateDerniereModification"),
                                       f"{path}.dateDerniereModification"))
    where = Location(name, key_path=f"dossier {number}")
    if node.get("dateDepot"):
        d.fields.append(SourceField("Déposé le", str(node["dateDepot"])[:10], where))
    usager = _object(node.get("usager"), f"{path}.usager")
    email = _text(usager.get("email"), f"{path}.usager.email")
    if email:
        d.fields.append(SourceField("Email", email, where))
    dem = _object(node.get("demandeur"), f"{path}.demandeur")
    siret = _text(dem.get("siret"), f"{path}.demandeur.siret")
    if siret:
        d.fields.append(SourceField("Établissement SIRET", siret, where))
    rna = _text(_object(dem.get("association"), f"{path}.demandeur.association").get("rna"),
                f"{path}.demandeur.association.rna")
    if rna:
        d.fields.append(SourceField("Association RNA", rna, where))
    company = _text(_object(dem.get("entreprise"), f"{path}.demandeur.entreprise")
                    .get("raisonSociale"), f"{path}.demandeur.entreprise.raisonSociale")
    if company:
        d.fields.append(SourceField("Entreprise raison sociale", company, where))
    d.fields.extend(_fields(node.get("champs"), name, number, f"{path}.champs", d))
    d.fields.extend(_fields(node.get("annotations"), name, number, f"{path}.annotations", d))
    for i, raw in enumerate(_list(node.get("avis"), f"{path}.avis")):
        at = f"{path}.avis[{i}]"
        a = _object(raw, at, False)
        expert = _object(a.get("expert"), f"{at}.expert")
        d.avis.append(SourceAvis(
            expert=_text(expert.get("email"), f"{at}.expert.email") or "",
            question=_text(a.get("question"), f"{at}.question")
            or _text(a.get("questionLabel"), f"{at}.questionLabel") or "",
            answer=_text(a.get("reponse"), f"{at}.reponse") or "",
            yes_no=a.get("questionAnswer") if isinstance(a.get("questionAnswer"), bool)
            else None, where=where))
    return d
