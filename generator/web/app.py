"""The workbench as a Flask application: pages call the library (generator.api and friends), nothing more."""

from __future__ import annotations

import io
import logging
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from flask import Flask, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Response

from generator import api
from generator.acknowledged import RecordRefused
from generator.display import format_amount, format_percent
from generator.findings import Severity, count
from generator.web import charts, findings_view, guard, uploads
from generator.web.jobs import Job, Jobs
from generator.web.review import STATE_FILE as REVIEW_FILE
from generator.web.review import STATES as REVIEW_STATES
from generator.web.review import Review, ReviewRefused, Reviews, parse_date
from generator.web.sheetrow import RowReader
from generator.web.workspace import OutsideRoot, Workspace

log = logging.getLogger("juesuan.web")
PREVIEW = ".预览"
HTTP_ERRORS = {
    400: ("请求有误", "请求的内容不完整或格式不对，请返回上一页重试。"),
    403: ("没有访问权限", "需要访问令牌：请使用启动 juesuan serve 时显示的完整地址（含 ?token=…）。"),
    404: ("找不到这个页面", "地址中的单位、文件或页面不存在；请从单位列表重新进入。"),
    405: ("不支持这种请求", "这个地址不能这样访问；请从页面上的按钮操作。"),
    413: ("文件太大", "上传的文件太大。"),
    500: ("程序出错", "处理这个请求时程序出错；详细信息已写入服务器日志。"),
}
WHO_COOKIE = "juesuan_who"  # the reviewer's name, so that it is typed once


def create_app(root: Path, outdir: Path | None = None, token: str | None = None, loopback_only: bool = True) -> Flask:
    """The workbench over ROOT; outputs go to OUTDIR (default outputs/batch, as `juesuan batch`). TOKEN, when set, is required."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),
        MAX_CONTENT_LENGTH=uploads.MAX_BYTES + 1024 * 1024,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_HTTPONLY=True,
    )
    workspace = Workspace(root, outdir or api.BATCH_OUTDIR)  # shared with `juesuan batch`: the list shows what a CLI batch did
    jobs = Jobs()
    reviews = Reviews(workspace.root)
    rows = RowReader(workspace.root)
    app.extensions["juesuan"] = {"workspace": workspace, "jobs": jobs}
    guard.install(app, token, loopback_only)
    app.jinja_env.filters["amount"] = lambda v: "" if v is None else format_amount(v)
    app.jinja_env.filters["percent"] = lambda v: "" if v is None else format_percent(v)
    app.jinja_env.filters["measure"] = measure
    app.jinja_env.filters["measure_change"] = measure_change

    def unit_or_404(relative: str) -> Path:
        try:
            return workspace.unit(relative)
        except OutsideRoot:
            abort(404, description=f"没有这个单位年度：{relative}")

    # --- the list ---------------------------------------------------------------

    @app.get("/")
    def units() -> str:
        statuses = workspace.statuses()
        totals = {code: sum(1 for s in statuses if s.status == code) for code in ("errors", "stale", "generated", "unchecked")}
        today = date.today()
        try:
            states = reviews.all()
        except ReviewRefused as refused:
            flash(str(refused), "error")
            states = {}
        review_of = {u.relative: states.get(u.relative, Review()) for u in statuses}
        unpublished = [u for u in statuses if review_of[u.relative].state != "已公开"]
        overdue = [u for u in statuses if review_of[u.relative].overdue(today)]
        view = request.args.get("review", "")
        shown = {"unpublished": unpublished, "overdue": overdue}.get(view, statuses)
        return render_template(
            "units.html",
            units=shown,
            all_count=len(statuses),
            totals=totals,
            root=workspace.root,
            jobs=jobs.recent(5),
            review_of=review_of,
            review_states=REVIEW_STATES,
            review_view=view,
            unpublished=len(unpublished),
            overdue=len(overdue),
            today=today,
            who=unquote(request.cookies.get(WHO_COOKIE, "")),
        )

    @app.post("/review")
    def change_review() -> Response:
        chosen = request.form.getlist("unit")
        who = request.form.get("who", "").strip()[:40]
        known = {u.relative for u in workspace.statuses()}
        back = request.form.get("back") or url_for("units")
        if not back.startswith("/"):
            back = url_for("units")
        try:
            if any(c not in known for c in chosen):
                raise ReviewRefused("没有这个单位年度")
            if not who:
                raise ReviewRefused("请填写核对人")
            reviews.change(
                chosen,
                request.form.get("state") or None,
                who,
                approved=parse_date(request.form.get("approved", "")),
                published=parse_date(request.form.get("published", "")),
            )
            flash(f"已更新 {len(chosen)} 个单位年度的审核状态（记在 {REVIEW_FILE}）", "ok")
        except ReviewRefused as refused:
            flash(str(refused), "error")
        response = redirect(back)
        if who:
            response.set_cookie(WHO_COOKIE, quote(who), samesite="Strict", max_age=365 * 24 * 3600)
        return response

    @app.post("/batch")
    def batch() -> Response:
        back = url_for("units")

        def work(job: Job) -> None:
            with workspace.batch_running():
                result = api.run_batch(workspace.root, workspace.outdir, progress=lambda done, total, _unit: job.progress(done, total))
                api.write_batch_reports(result, workspace.outdir)
            job.message = (
                f"共 {len(result.units)} 个单位年度：新生成 {len(result.generated)} 个，未变化跳过 {len(result.skipped)} 个，"
                f"有错误 {len(result.failed)} 个；用时 {result.seconds:.1f} 秒"
            )
            job.links.append(("返回单位列表", back))

        job = jobs.start("核对并生成全部单位", work, back=url_for("units"))
        return redirect(url_for("job_page", job_id=job.id))

    @app.post("/export")
    def export() -> Response:
        target = workspace.outdir / "全部数字.xlsx"
        link = url_for("download_export")

        def work(job: Job) -> None:
            result = api.export_figures(workspace.root, target)
            job.message = f"已导出 {result.units} 个单位年度的 {result.rows} 个数字" + (
                f"；{len(result.findings)} 个单位年度无法读取，未导出" if result.findings else ""
            )
            if result.output is not None:
                job.links.append(("下载 全部数字.xlsx", link))

        job = jobs.start("导出全部数字", work, back=url_for("units"))
        return redirect(url_for("job_page", job_id=job.id))

    @app.get("/export/全部数字.xlsx")
    def download_export() -> Response:
        target = workspace.outdir / "全部数字.xlsx"
        if not target.is_file():
            abort(404, description="还没有导出")
        return send_file(target, as_attachment=True, download_name=target.name)

    # --- jobs -------------------------------------------------------------------

    @app.get("/jobs/<job_id>")
    def job_page(job_id: str) -> str:
        job = jobs.get(job_id) or abort(404, description="没有这个后台任务（服务器重启后任务记录会清空）")
        return render_template("job.html", job=job)

    @app.get("/jobs/<job_id>.json")
    def job_json(job_id: str) -> Response:
        job = jobs.get(job_id) or abort(404)
        return jsonify(job.as_json())

    # --- one unit ---------------------------------------------------------------

    @app.get("/unit/<path:relative>")
    def unit(relative: str) -> str:
        folder = unit_or_404(relative)
        checked = api.check_folder(folder)
        workspace.record_check(folder, checked)
        filters = findings_view.Filters.of(request.args)
        view = findings_view.build(checked.findings, checked.acknowledged, folder, filters)
        years = [(int(f.name), workspace.relative(f)) for f in workspace.siblings(folder)]
        document = workspace.output_path(folder)
        verified = workspace.verified(folder)
        key = api.key_figures(checked)  # the page reads no field of the figures itself
        return render_template(
            "unit.html",
            relative=relative,
            folder=folder,
            checked=checked,
            view=view,
            filters=filters,
            sheet_row=lambda item: rows.row_of(item.finding.location),
            rule_of=findings_view.rule_of,
            who=unquote(request.cookies.get(WHO_COOKIE, "")),
            totals=count(checked.findings),
            key=key,
            charts=charts.key_charts(key),
            kinds=uploads.KINDS,
            versions=_described(folder, uploads.versions(folder)),
            templates=workspace.templates(),
            outputs=workspace.outputs_of(folder),
            office=shutil.which("soffice") is not None,
            pdftoppm=shutil.which("pdftoppm") is not None,
            years=years,
            previews=_previews(workspace, folder),
            document=document if document.is_file() else None,
            verified=verified,
            # the document's findings as check's are shown, their places relative to the document's folder (its name)
            verified_view=findings_view.build(verified.findings, (), document.parent, findings_view.Filters()) if verified else None,
            review=_review_of(reviews, relative),
            review_states=REVIEW_STATES,
            today=date.today(),
        )

    @app.post("/unit/<path:relative>/acknowledge")
    def acknowledge(relative: str) -> Response:
        folder = unit_or_404(relative)
        who = request.form.get("who", "").strip()[:40]
        try:
            with workspace.lock(folder):
                api.acknowledge(folder, request.form.get("code", ""), request.form.get("where", ""), request.form.get("reason", "")[:2000], who)
            flash("已记入 核对记录.yaml：这条警告显示为“已说明”，不再计入警告；数值改变时会重新出现", "ok")
        except RecordRefused as refused:
            flash(str(refused), "error")
        response = redirect(request.form.get("back") or url_for("unit", relative=relative) + "#findings")
        if who:
            response.set_cookie(WHO_COOKIE, quote(who), samesite="Strict", max_age=365 * 24 * 3600)
        return response

    @app.post("/unit/<path:relative>/withdraw")
    def withdraw(relative: str) -> Response:
        folder = unit_or_404(relative)
        try:
            with workspace.lock(folder):
                done = api.withdraw_acknowledgement(folder, request.form.get("code", ""), request.form.get("where", ""))
            flash("已撤销这条说明，警告重新列出" if done else "核对记录中没有这一条（可能已被撤销）", "ok" if done else "error")
        except RecordRefused as refused:
            flash(str(refused), "error")
        return redirect(url_for("unit", relative=relative) + "#acknowledged")

    # --- the words: texts and reasons edited in place ------------------------------------------

    @app.get("/unit/<path:relative>/words")
    def words(relative: str) -> str:
        folder = unit_or_404(relative)
        # the sentences are worded with the template the document is made with: the 封面's choice, or ?template= (a name
        # of the unit page's template list)
        found = api.words(folder, workspace.templates().get(request.args.get("template", "")))
        missing_only = request.args.get("missing") == "1"
        texts = [t for t in found.texts if t.missing or not missing_only]
        reasons = [r for r in found.reasons if (r.missing and r.needed) or not missing_only]
        return render_template(
            "words.html",
            relative=relative,
            folder=folder,
            words=found,
            texts=texts,
            reasons=reasons,
            missing_only=missing_only,
            missing_texts=sum(1 for t in found.texts if t.missing),
            missing_reasons=sum(1 for r in found.reasons if r.missing and r.needed),
        )

    @app.post("/unit/<path:relative>/words/texts")
    def save_texts(relative: str) -> Response:
        return save_words(relative, "texts", "文字", _text_changes, api.edited_texts)

    @app.post("/unit/<path:relative>/words/reasons")
    def save_reasons(relative: str) -> Response:
        return save_words(relative, "workbook", "原因", _reason_changes, api.edited_workbook)

    def save_words(relative: str, kind: str, what: str, changes_of: Callable[[Path], dict[Any, Any]], edited: Callable[[Path, Any], bytes]) -> Response:
        """The words page's form saved: CHANGES_OF the folder (the fields sent that differ), written by EDITED into the
        file of KIND, the old one kept in 历史版本; a refusal (EditRefused) is said on the page and nothing is written."""
        folder = unit_or_404(relative)
        spec = uploads.KINDS[kind]
        try:
            with workspace.lock(folder):
                changes = changes_of(folder)
                if changes:
                    uploads.keep(folder, spec, edited(folder, changes))
            flash(f"已保存 {len(changes)} 处{what}到 {spec.name}（原文件已存入历史版本），并已重新核对" if changes else "没有改动", "ok")
        except api.EditRefused as refused:
            flash(str(refused), "error")
        return redirect(_back_to_words(relative))

    def _back_to_words(relative: str) -> str:
        back = request.form.get("back", "")
        return back if back.startswith("/") and not back.startswith("//") else url_for("words", relative=relative)

    @app.get("/unit/<path:relative>/问题清单.xlsx")
    def findings_xlsx(relative: str) -> Response:
        folder = unit_or_404(relative)
        checked = api.check_folder(folder)
        assert checked.report is not None
        name = f"{relative.replace('/', '-')}-问题清单.xlsx"
        return send_file(io.BytesIO(api.report_workbook(checked.report)), as_attachment=True, download_name=name)

    @app.get("/unit/<path:relative>/check.json")
    def unit_check(relative: str) -> Response:
        folder = unit_or_404(relative)
        report = api.check_folder(folder).report
        assert report is not None
        # The report `check --format json` prints (docs/report-schema.md), the folder named as the workbench names it.
        return jsonify({**report.as_json(), "folder": relative})

    @app.post("/unit/<path:relative>/upload")
    def upload(relative: str) -> Any:
        folder = unit_or_404(relative)
        sent = request.files.get("file")
        wants_json = request.headers.get("Accept", "").startswith("application/json")
        try:
            if sent is None:
                raise uploads.Refused("没有收到文件")
            data = sent.read(uploads.MAX_BYTES + 1)
            spec = uploads.check_upload(request.form.get("kind", ""), sent.filename or "", data)
            with workspace.lock(folder):
                kept = uploads.keep(folder, spec, data)
        except uploads.Refused as refused:
            if wants_json:
                return jsonify({"ok": False, "message": str(refused)}), 400
            flash(str(refused), "error")
            return redirect(url_for("unit", relative=relative))
        message = f"已保存 {spec.name}，并已重新核对" + ("；原文件已存入历史版本" if kept else "")
        if wants_json:
            return jsonify({"ok": True, "message": message, "redirect": url_for("unit", relative=relative)})
        flash(message, "ok")
        return redirect(url_for("unit", relative=relative))

    @app.post("/unit/<path:relative>/restore")
    def restore(relative: str) -> Response:
        folder = unit_or_404(relative)
        try:
            with workspace.lock(folder):
                version = uploads.restore(folder, request.form.get("version", ""))
            flash(f"已恢复 {version.name}（{version.when} 的版本），当前文件已存入历史版本", "ok")
        except uploads.Refused as refused:
            flash(str(refused), "error")
        return redirect(url_for("unit", relative=relative))

    @app.post("/unit/<path:relative>/generate")
    def generate(relative: str) -> Response:
        folder = unit_or_404(relative)
        templates = workspace.templates()
        choice = request.form.get("template") or next(iter(templates))
        if choice not in templates:
            flash("没有这个模板", "error")
            return redirect(url_for("unit", relative=relative))
        entry = workspace.generate(folder, templates[choice])
        if entry.get("crashed"):
            flash("生成时程序出错，详见问题列表和服务器日志", "error")
        elif entry.get("output"):
            flash(f"已生成 {Path(entry['output']).name}（模板：{choice}）", "ok")
        else:
            flash(f"数据有 {entry['errors']} 个错误，未生成文档：请先更正下列错误", "error")
        if entry.get("output") and request.form.get("pdf"):
            docx = Path(entry["output"])
            pdf_link = url_for("download", relative=relative, name=docx.with_suffix(".pdf").name)
            page_link = url_for("unit", relative=relative)

            def work(job: Job) -> None:
                job.progress(0, 1)
                with workspace.lock(folder):
                    findings = api.convert_to_pdf(docx, docx.with_suffix(".pdf"))
                job.progress(1, 1)
                if any(f.severity is Severity.ERROR for f in findings):
                    job.message = "；".join(f.message for f in findings)
                    job.state = "failed"
                    raise RuntimeError(job.message)
                job.message = "PDF 已生成"
                job.links.append(("下载 PDF", pdf_link))
                job.links.append(("返回单位页面", page_link))

            job = jobs.start(f"生成 PDF：{relative}", work, back=url_for("unit", relative=relative))
            return redirect(url_for("job_page", job_id=job.id))
        return redirect(url_for("unit", relative=relative))

    @app.post("/unit/<path:relative>/verify")
    def verify(relative: str) -> Response:
        folder = unit_or_404(relative)
        if not workspace.output_path(folder).is_file():
            flash("请先生成文档", "error")
            return redirect(url_for("unit", relative=relative))
        said = workspace.verify(folder).counts
        flash(f"已核对生成的文档：{said[Severity.ERROR]} 个错误，{said[Severity.WARNING]} 个警告", "error" if said[Severity.ERROR] else "ok")
        return redirect(url_for("unit", relative=relative) + "#verified")

    @app.get("/unit/<path:relative>/verify.json")
    def verified_json(relative: str) -> Response:
        """The kept verify report (juesuan-report/1, command "verify") of the unit's current document."""
        report = workspace.verified(unit_or_404(relative))
        if report is None:
            abort(404, description="这份文档还没有核对（或生成后已改变）：请在单位页面点击“核对生成的文档”")
        return jsonify(report.as_json())

    @app.get("/unit/<path:relative>/download/<name>")
    def download(relative: str, name: str) -> Response:
        folder = unit_or_404(relative)
        try:
            path = workspace.output_file(folder, name)
        except OutsideRoot:
            abort(404, description="没有这个输出文件")
        return send_file(path, as_attachment=True, download_name=path.name)

    @app.post("/unit/<path:relative>/preview")
    def make_preview(relative: str) -> Response:
        folder = unit_or_404(relative)
        outputs = workspace.outputs_of(folder)
        docx = next((p for p in outputs if p.suffix == ".docx"), None)
        if docx is None:
            flash("请先生成文档", "error")
            return redirect(url_for("unit", relative=relative))
        preview_link = url_for("unit", relative=relative) + "#preview"

        def work(job: Job) -> None:
            job.progress(0, 2)
            pages = _render_preview(workspace, folder, docx)
            job.progress(2, 2)
            job.message = f"已生成 {pages} 页预览"
            job.links.append(("查看预览", preview_link))

        job = jobs.start(f"生成页面预览：{relative}", work, back=url_for("unit", relative=relative))
        return redirect(url_for("job_page", job_id=job.id))

    @app.get("/unit/<path:relative>/preview/<int:page>.png")
    def preview_page(relative: str, page: int) -> Response:
        folder = unit_or_404(relative)
        images = _previews(workspace, folder)
        if not 1 <= page <= len(images):
            abort(404)
        return send_file(images[page - 1], mimetype="image/png")

    # --- two years --------------------------------------------------------------

    @app.get("/compare/<path:relative>")
    def compare(relative: str) -> str:
        folder = unit_or_404(relative)
        years = workspace.siblings(folder)
        old_name = request.args.get("old") or _previous_year(years, folder)
        if old_name is not None and folder.name.isdigit() and (not old_name.isdigit() or int(old_name) >= int(folder.name)):
            abort(400, description=f"上年应早于 {folder.name} 年：请从列表中选择更早的年度")
        if old_name is None:
            return render_template("compare.html", relative=relative, folder=folder, years=years, comparison=None, old=None)
        old = unit_or_404(_sibling(relative, old_name))
        comparison = api.compare_folders(old, folder)
        show_all = request.args.get("all") == "1"
        rows = [r for r in comparison.rows if show_all or (r.old is not None and r.new is not None)]  # as `juesuan diff` without --all
        return render_template(
            "compare.html",
            relative=relative,
            folder=folder,
            years=years,
            old=old,
            comparison=comparison,
            rows=rows,
            show_all=show_all,
            counts=comparison.counts(),
        )

    @app.get("/compare/<path:relative>/对比.xlsx")
    def compare_xlsx(relative: str) -> Response:
        folder = unit_or_404(relative)
        old = unit_or_404(_sibling(relative, request.args.get("old", "")))
        comparison = api.compare_folders(old, folder)
        if not comparison.readable:
            abort(400, description="有一个年度的数据无法读取，不能对比")
        name = f"{folder.parent.name}-{old.name}-{folder.name}-对比.xlsx"
        return send_file(io.BytesIO(api.comparison_workbook(comparison)), as_attachment=True, download_name=name)

    @app.post("/compare/<path:relative>/redline")
    def compare_redline(relative: str) -> Response:
        folder = unit_or_404(relative)
        old = unit_or_404(_sibling(relative, request.form.get("old", "")))
        target_dir = workspace.outdir / "diff"
        link = url_for("download_diff", name="NAME")

        def work(job: Job) -> None:
            job.progress(0, 1)
            result = api.diff_folders(old, folder, target_dir)
            job.progress(1, 1)
            redline = next((p for p in result.outputs if p.name.endswith("修订对比.docx")), None)
            if redline is None:
                job.message = "未能生成修订对比文档：" + "；".join(f.message for f in result.findings)
                raise RuntimeError(job.message)
            job.message = "修订对比文档已生成"
            job.links.append(("下载修订对比 .docx", link.replace("NAME", quote(redline.name))))

        job = jobs.start(f"生成修订对比：{relative}（{old.name} → {folder.name}）", work, back=url_for("compare", relative=relative))
        return redirect(url_for("job_page", job_id=job.id))

    @app.get("/diff-output/<name>")
    def download_diff(name: str) -> Response:
        base = (workspace.outdir / "diff").resolve()
        path = (base / name).resolve()
        if path.parent != base or not path.is_file():
            abort(404)
        return send_file(path, as_attachment=True, download_name=path.name)

    # --- faults -----------------------------------------------------------------

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc: RequestEntityTooLarge) -> tuple[str, int]:
        message = f"上传的文件太大，上限为 {uploads.MAX_BYTES // 1024 // 1024} MB"
        return render_template("error.html", title="文件太大", message=message), 413

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[str, int]:
        code = exc.code or 500
        title, default = HTTP_ERRORS.get(code, (f"请求无法处理（{code}）", "请返回上一页重试。"))
        # Werkzeug's own descriptions are English: ours (set with abort(..., description=…)) are Chinese.
        message = exc.description if exc.description and not exc.description.isascii() else default
        return render_template("error.html", title=title, message=message), code

    @app.errorhandler(Exception)
    def crashed(exc: Exception) -> tuple[str, int]:
        log.exception("request %s %s failed", request.method, request.path)
        message = "处理这个请求时程序出错（程序缺陷，不是数据的问题）。其他页面不受影响；详细信息已写入服务器日志，请反馈给开发者。"
        return render_template("error.html", title="程序出错", message=message), 500

    return app


@dataclass(frozen=True)
class _Version:
    """A kept version, told apart from the others: its own date, size, content digest and whether it is the current file."""

    path: Path
    name: str
    when: str  # when it was replaced (put into 历史版本)
    written: str  # when this version itself was last written
    size: str
    digest: str  # the first 8 hex digits of its SHA-256
    current: bool  # the same bytes as the file in use now


def _described(folder: Path, versions: list[Any]) -> list[_Version]:
    import datetime as dt
    import hashlib

    digests: dict[Path, str] = {}

    def digest(path: Path) -> str:
        if path not in digests:
            digests[path] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        return digests[path]

    described = []
    for v in versions:
        stat = v.path.stat()
        written = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M:%S")
        size = f"{stat.st_size / 1024:.1f} KB" if stat.st_size >= 1024 else f"{stat.st_size} 字节"
        described.append(_Version(v.path, v.name, v.when, written, size, digest(v.path)[:8], digest(v.path) == digest(folder / v.name)))
    return described


def _review_of(reviews: Reviews, relative: str) -> Review:
    try:
        return reviews.of(relative)
    except ReviewRefused as refused:
        flash(str(refused), "error")
        return Review()


def _text_changes(folder: Path) -> dict[tuple[str, ...], str | list[str]]:
    """The texts of 文字说明.yaml the form sends changed (a list field one item a line; a blank left blank is no change)."""
    changes: dict[tuple[str, ...], str | list[str]] = {}
    for key, entry in {t.key: t for t in api.words(folder).texts}.items():
        sent = request.form.get(f"t:{key}")
        if sent is None:
            continue
        value: str | list[str] = [line.strip() for line in sent.splitlines() if line.strip()] if entry.field.is_list else sent.strip()
        if value != entry.value and not (entry.missing and not value):
            changes[entry.field.path] = value
    return changes


def _reason_changes(folder: Path) -> dict[tuple[str, str], str]:
    """The workbook's reason cells the form sends changed, by (sheet, cell), white space folded."""
    changes = {}
    for key, entry in {r.key: r for r in api.words(folder).reasons}.items():
        sent = request.form.get(f"r:{key}")
        if sent is not None and sent.strip() != entry.value.strip():
            changes[(entry.sheet, entry.cell)] = " ".join(sent.split())
    return changes


def _previous_year(years: list[Path], folder: Path) -> str | None:
    earlier = [y for y in years if int(y.name) < int(folder.name)] if folder.name.isdigit() else []
    return earlier[-1].name if earlier else None


def _sibling(relative: str, year: str) -> str:
    if not year.isdigit():
        abort(400, description="请选择要对比的年度")
    parent = relative.rsplit("/", 1)[0] if "/" in relative else ""
    return f"{parent}/{year}" if parent else year


def _preview_dir(workspace: Workspace, folder: Path) -> Path:
    return workspace.outdir / PREVIEW / workspace.output_path(folder).stem


def _previews(workspace: Workspace, folder: Path) -> list[Path]:
    """The page images of the unit's current document (none when the document changed since)."""
    directory = _preview_dir(workspace, folder)
    docx = workspace.output_path(folder)
    if not directory.is_dir() or not docx.is_file():
        return []
    images = sorted(directory.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    if not images or images[0].stat().st_mtime < docx.stat().st_mtime:
        return []
    return images


def _render_preview(workspace: Workspace, folder: Path, docx: Path) -> int:
    """docx → PDF (LibreOffice) → one PNG per page (pdftoppm), into the unit's preview folder."""
    pdf = docx.with_suffix(".pdf")
    if not pdf.is_file() or pdf.stat().st_mtime < docx.stat().st_mtime:
        with workspace.lock(folder):
            findings = api.convert_to_pdf(docx, pdf)
        errors = [f.message for f in findings if f.severity is Severity.ERROR]
        if errors:
            raise RuntimeError("；".join(errors))
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise RuntimeError("未找到 pdftoppm（Debian/Ubuntu：apt-get install poppler-utils），无法生成页面预览")
    target = _preview_dir(workspace, folder)
    with tempfile.TemporaryDirectory(dir=workspace.outdir) as scratch:
        subprocess.run([tool, "-png", "-r", "60", str(pdf), str(Path(scratch) / "page")], check=True, capture_output=True, timeout=300)
        made = sorted(Path(scratch).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for i, image in enumerate(made, start=1):
            shutil.move(str(image), target / f"page-{i}.png")
    return len(made)


def measure(value: Decimal | None, unit: Any) -> str:
    """A compared figure as what it measures: 万元 with two decimals, counts whole ("31人"), ratios as %."""
    if value is None:
        return ""
    if unit.value == "%":
        return format_percent(value)
    if unit.value == "万元" or value != value.to_integral_value():
        return format_amount(value)
    return f"{int(value):,}{unit.value}"


def measure_change(row: Any) -> str:
    change = row.change
    if change is None:
        return ""
    if row.unit.value == "%":
        return ("+" if change > 0 else "-" if change < 0 else "") + format_amount(abs(change) * 100) + "个百分点"
    return ("-" if change < 0 else "") + measure(abs(change), row.unit)


def amount_or_blank(value: Decimal | None) -> str:
    return "" if value is None else format_amount(value)
