"""The applicant's access document (:mod:`.access`) as Markdown or as one HTML page."""

from __future__ import annotations

from html import escape as html_escape

from ..io.bidi import bidi_isolated
from .access import AccessDocument
from .render import DOCUMENT_CSP
from .typography import printed


def escape(text: str) -> str:
    """A text of the document in HTML: escaped, its bidirectional controls isolated
    (:func:`~isgrid.io.bidi.bidi_isolated`, as every document's)."""
    return html_escape(bidi_isolated(text))


def _md(text: str) -> str:
    """A text of the document in Markdown: its bidirectional controls isolated."""
    return bidi_isolated(text)


def _md_cell(text: str) -> str:
    return _md(text).replace("|", "\\|").replace("\n", " ")


def access_markdown(doc: AccessDocument) -> str:
    out = [f"# {_md(doc.title)}", "", f"*{_md(doc.notice)}*", ""]
    for s in doc.sections:
        out += [f"## {_md(s.title)}", ""]
        for p in s.paragraphs:
            out += [_md(p), ""]
        if s.items:
            out += [f"- {_md(x)}" for x in s.items] + [""]
        for table in s.tables:
            out.append("| " + " | ".join(_md_cell(h) for h in table.headers) + " |")
            out.append("|" + "---|" * len(table.headers))
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows]
            out.append("")
    out += ["---", "", doc.generator, ""]
    return str(printed("\n".join(out), doc.lang))


_STYLE = ("body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}"
          "table{border-collapse:collapse;margin:.5rem 0 1rem}"
          "th,td{border:1px solid #888;padding:.2rem .5rem;text-align:left;vertical-align:top}"
          "th{background:#eee}.notice{font-style:italic}footer{color:#555;font-size:.9em}")


def access_html(doc: AccessDocument) -> str:
    e = escape
    out = ["<!DOCTYPE html>", f'<html lang="{doc.lang}">', "<head>", '<meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{DOCUMENT_CSP}">',
           f"<title>{e(doc.title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
           f"<h1>{e(doc.title)}</h1>", f'<p class="notice">{e(doc.notice)}</p>']
    for s in doc.sections:
        out.append(f"<h2>{e(s.title)}</h2>")
        out += [f"<p>{e(p)}</p>" for p in s.paragraphs]
        if s.items:
            out += ["<ul>", *[f"<li>{e(x)}</li>" for x in s.items], "</ul>"]
        for table in s.tables:
            out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in table.headers)
                       + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                    for row in table.rows]
            out.append("</tbody></table>")
    out += [f"<footer>{e(doc.generator)}</footer>", "</body>", "</html>", ""]
    return str(printed("\n".join(out), doc.lang))


def render_access(doc: AccessDocument, fmt: str) -> bytes:
    """``fmt``: md or html."""
    return (access_markdown(doc) if fmt == "md" else access_html(doc)).encode("utf-8")
