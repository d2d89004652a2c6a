"""`juesuan serve`: parse, start the workbench, serve until interrupted."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli_click import Command


@click.command("serve", cls=Command)
@click.argument("root", metavar="根文件夹", type=click.Path(path_type=Path, exists=True, file_okay=False), default="inputs")
@click.option("--port", metavar="端口", type=click.IntRange(0, 65535), default=8000, show_default=True, help="端口（0 表示任选一个空闲端口）")
@click.option("--host", metavar="地址", default=None, help="监听地址（默认只允许本机 127.0.0.1；指定后访问需要启动时显示的令牌）")
@click.option(
    "--outputs", "outdir", metavar="文件夹", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="生成的文档、预览和状态放在这里（默认 outputs/batch，与 juesuan batch 相同，单位列表因此显示命令行批量处理的结果）",
)
def serve(root: Path, port: int, host: str | None, outdir: Path | None) -> None:
    """在浏览器中使用的本地工作台：单位列表、核对结果、上传更正、生成、预览、年度对比。

    根文件夹默认为 inputs。只在本机（127.0.0.1）提供服务，不连接任何外部网站；
    用 --host 允许其他电脑访问时，每个访问者都需要启动时显示的令牌。

    \b
    示例：
      juesuan serve inputs                  # 然后在浏览器中打开 http://127.0.0.1:8000/
      juesuan serve inputs --port 8080
      juesuan serve inputs --host 0.0.0.0   # 允许局域网访问（需要令牌）
    """
    from importlib.util import find_spec

    if find_spec("flask") is None:  # an optional extra: a command-line install has no web server
        click.echo("工作台需要可选组件 flask，未安装：请运行 pip install 'juesuan[web]'（或 pip install flask）后重试。", err=True)
        sys.exit(2)
    from generator.web import serve as run_server

    run_server(root, host, port, outdir, click.echo)
