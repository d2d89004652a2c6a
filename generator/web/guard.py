"""Who may use the workbench: the Host it was started for, the access token, and CSRF on every form post.

Bound to 127.0.0.1 (the default) only this machine can connect, and a Host header naming
anything but the loopback address is refused (a web page elsewhere cannot reach the server by
rebinding a name to 127.0.0.1). Started with --host, every request needs the token printed at
start-up: once given as ?token=…, it is kept in a cookie. Every POST carries the session's CSRF
token (a form field or the X-CSRF-Token header).
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, redirect, request, session
from werkzeug.wrappers import Response

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
TOKEN_COOKIE = "juesuan_token"


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return str(session["csrf"])


def _same(given: str, expected: str) -> bool:
    """Constant-time comparison of any text (hmac.compare_digest refuses non-ASCII str: a 500 before)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8"))


def install(app: Flask, token: str | None, loopback_only: bool) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token

    @app.before_request
    def _guard() -> Response | None:
        host = (request.host or "").rsplit(":", 1)[0] if not (request.host or "").startswith("[") else request.host.split("]")[0] + "]"
        if loopback_only and host not in LOOPBACK:
            abort(400, description=f"不接受发往「{request.host}」的请求：本服务只在本机（127.0.0.1）使用")
        if token is not None:
            given = request.args.get("token")
            if given is not None and _same(given, token):
                target = request.path  # drop the token from the address bar and history
                response = redirect(target)
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict")
                return response
            kept = request.cookies.get(TOKEN_COOKIE) or request.headers.get("X-Juesuan-Token") or ""
            if not _same(kept, token):
                abort(403, description="需要访问令牌：请使用启动 juesuan serve 时显示的完整地址（含 ?token=…）")
        if request.method == "POST":
            sent = request.form.get("csrf") or request.headers.get("X-CSRF-Token") or ""
            if not sent or not _same(sent, csrf_token()):
                abort(400, description="表单已过期或来源不明（CSRF 校验未通过）：请刷新页面后重试")
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response
