"""The web page's HTML: login, projects, a project's hierarchy, a task's versions.

Every value from the database is escaped; the page runs no script but the review player's
one line that marks it as playing (for tests and for people: a dot turns green).
"""

from __future__ import annotations

from html import escape
from typing import Any

from .catalog import Node, VersionView

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
header { background: #1d2330; color: #fff; padding: 10px 24px; display: flex; gap: 16px; }
header a { color: #9cc3ff; }
main { padding: 16px 24px; max-width: 1100px; }
a { color: #1559c7; text-decoration: none; }
a:hover { text-decoration: underline; }
ul.tree { list-style: none; padding-left: 18px; }
.kind { color: #6b7385; font-size: 12px; margin-left: 6px; }
.version { background: #fff; border-radius: 8px; padding: 14px; margin: 14px 0;
           display: grid; grid-template-columns: 320px 1fr; gap: 16px;
           box-shadow: 0 1px 3px rgba(0, 0, 0, .12); }
.version h2 { margin: 0 0 6px; font-size: 18px; }
.media img, .media video { width: 320px; border-radius: 4px; background: #000; display: block; }
.media video { margin-top: 8px; }
.comment { font-style: italic; margin: 4px 0 10px; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
td, th { text-align: left; padding: 3px 8px 3px 0; vertical-align: top; }
td.path { font-family: ui-monospace, monospace; word-break: break-all; }
.state { font-size: 12px; color: #6b7385; }
video[data-state="playing"] + .state::before { content: "\\25CF "; color: #2a9d3c; }
form { background: #fff; padding: 20px; border-radius: 8px; max-width: 420px; }
input { width: 100%; padding: 6px; margin: 4px 0 12px; box-sizing: border-box; }
.error { color: #b3261e; }
"""

PLAYING = "this.dataset.state='playing'"


def document(title: str, body: str, user: str | None = None) -> str:
    who = f"<span>{escape(user)}</span>" if user else ""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)} · ftpub sandbox</title><style>{STYLE}</style></head><body>"
        f"<header><a href='/'>ftpub sandbox</a><span>{escape(title)}</span>{who}</header>"
        f"<main>{body}</main></body></html>"
    )


def login(error: str = "") -> str:
    problem = f"<p class='error'>{escape(error)}</p>" if error else ""
    return document(
        "Log in",
        f"{problem}<form method='post' action='/web/login'>"
        "<label>API user<input name='username' autocomplete='username'></label>"
        "<label>API key<input name='api_key' type='password' autocomplete='current-password'>"
        "</label><button type='submit'>Log in</button>"
        "<p>Or open the one-time link that <code>ftpub sandbox serve</code> or "
        "<code>ftpub demo</code> printed.</p></form>",
    )


def projects(items: list[dict[str, Any]], user: str) -> str:
    rows = "".join(
        f"<li><a href='/?project={escape(p['id'])}'>{escape(str(p['full_name'] or p['name']))}"
        f"</a><span class='kind'>{escape(p['name'])}</span></li>"
        for p in items
    )
    return document("Projects", f"<h1>Projects</h1><ul class='tree'>{rows}</ul>", user)


def _node(node: Node) -> str:
    if node.kind == "Task":
        label = f"<a href='/?task={escape(node.id)}'>{escape(node.name)}</a>"
    else:
        label = escape(node.name)
    children = "".join(_node(child) for child in node.children)
    inner = f"<ul class='tree'>{children}</ul>" if children else ""
    return f"<li>{label}<span class='kind'>{escape(node.kind)}</span>{inner}</li>"


def hierarchy(name: str, roots: list[Node], user: str) -> str:
    tree = "".join(_node(node) for node in roots) or "<li>Nothing in this project yet.</li>"
    return document(name, f"<h1>{escape(name)}</h1><ul class='tree'>{tree}</ul>", user)


def _breadcrumbs(link: list[dict[str, Any]]) -> str:
    parts = []
    for index, item in enumerate(link):
        if index == 0:
            parts.append(f"<a href='/?project={escape(item['id'])}'>{escape(item['name'])}</a>")
        else:
            parts.append(escape(str(item["name"])))
    return " / ".join(parts)


def _version(version: VersionView) -> str:
    thumbnail = (
        f"<img alt='thumbnail' src='/web/file?id={escape(version.thumbnail_id)}'>"
        if version.thumbnail_id
        else "<p class='state'>no thumbnail</p>"
    )
    review = ""
    if version.review_id:
        review = (
            f"<video src='/web/file?id={escape(version.review_id)}' autoplay muted loop "
            f'playsinline controls onplaying="{PLAYING}"></video>'
            "<span class='state'>review movie</span>"
        )
    rows = "".join(
        f"<tr><td>{escape(c.name)}</td><td>{escape(c.location)}</td>"
        f"<td class='path'>{escape(c.path)}</td></tr>"
        for c in version.components
    )
    state = "" if version.published else " <span class='state'>(not published)</span>"
    comment = escape(version.comment) or "<span class='state'>no comment</span>"
    return (
        f"<section class='version' id='v-{escape(version.id)}'>"
        f"<div class='media'>{thumbnail}{review}</div><div>"
        f"<h2>{escape(version.asset)} v{version.version:03d}{state}</h2>"
        f"<p class='comment'>{comment}</p>"
        f"<table><tr><th>component</th><th>location</th><th>path</th></tr>{rows}</table>"
        "</div></section>"
    )


def task(link: list[dict[str, Any]], versions: list[VersionView], user: str) -> str:
    title = str(link[-1]["name"]) if link else "Task"
    listed = "".join(_version(v) for v in versions) or "<p>Nothing published yet.</p>"
    return document(title, f"<p>{_breadcrumbs(link)}</p>{listed}", user)
