"""`juesuan serve`: a local web workbench over a folder of unit-years (Flask, imported only here)."""

from __future__ import annotations

import ipaddress
import logging
import secrets
from pathlib import Path


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000, outdir: Path | None = None, token: str | None = None):
    """A threaded WSGI server for the workbench (not yet serving); port 0 picks a free port.

    TOKEN is required by every request when given; `serve` gives one whenever --host is used.
    """
    from werkzeug.serving import make_server as werkzeug_server

    from generator.web.app import create_app

    app = create_app(root, outdir, token=token, loopback_only=token is None)
    return werkzeug_server(host, port, app, threaded=True)


def serve(root: Path, host: str | None, port: int, outdir: Path | None, echo) -> None:
    """Serve until interrupted. With HOST given, a token is made and required."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    token = secrets.token_urlsafe(16) if host is not None else None
    server = make_server(root, host or "127.0.0.1", port, outdir, token)
    shown = host or "127.0.0.1"
    address = f"http://{'[' + shown + ']' if ':' in shown else shown}:{server.server_port}/"
    echo(f"juesuan 工作台已启动：{address}{'?token=' + token if token else ''}")
    if token:
        echo("已指定 --host：访问需要上面地址中的令牌（token），请只发给需要使用的人。")
    echo(f"数据文件夹：{root.resolve()}；按 Ctrl+C 停止。")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        echo("已停止。")
    finally:
        server.server_close()
