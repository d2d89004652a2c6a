"""Writing files: atomically, so that a reader sees the old file or the new one.

Used by every stage that writes (render, diff, batch, init); it knows nothing
of what it writes.

A run killed between creating its temporary file and renaming it leaves the
temporary file behind. Temporary files are named `.{name}.juesuan-{pid}-{random}.tmp`,
so that a later write into the same directory recognises them and removes those
that are stale: older than STALE_SECONDS and whose process (the pid in the name)
no longer runs on this machine. The age guard keeps a run on another machine
sharing the folder safe (its pid means nothing here, but its file is seconds old);
the pid guard keeps a slow live run's file safe. Files of older versions
(`.{name}.{random}.tmp`, no pid) are removed once older than STALE_SECONDS.
Each directory is cleaned once per process. Temporary folders (write_folder's, a PDF
conversion's) follow the same naming and are removed the same way.

write_problem words an OSError of a write in Chinese, the same in every command (exit 4).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from generator.findings import Finding, Location, emit

STALE_SECONDS = 60.0
_OURS = re.compile(r"^\..+\.juesuan-(\d+)-[A-Za-z0-9_]+\.tmp$")
_cleaned: set[str] = set()


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once at import, before any
    # thread could create a file with the wrong mode in between.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new one.

    Writes a temporary file in the same directory (so os.replace stays on one
    file system), fsyncs it, then renames it over `path`. On any failure the
    temporary file is removed and the old `path`, if any, is left untouched.
    """
    temporary = _temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_together(files: Sequence[tuple[Path, bytes]], remove: Iterable[Path] = ()) -> None:
    """Replace several files that belong together (a .docx and its .pdf) so that none is ever new beside an old one.

    Every file is first written to a temporary beside it. Then the old versions of all but the first,
    and the paths in REMOVE (a stale .pdf), are deleted, and the files are renamed into place, the first
    first. A reader (or a run killed at any point) finds all old files, the first ones new and the rest
    absent, or all new: never a new .docx beside last time's .pdf. Nothing is deleted until every
    temporary is written; on a failure before that, the old files are untouched.
    """
    written: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            written.append((path, _temporary(path, data)))
        for path in (p for p, _ in files[1:]):
            path.unlink(missing_ok=True)
        for path in remove:
            if os.path.islink(path) or not path.is_dir():  # a folder of that name is not ours to take away
                path.unlink(missing_ok=True)
        for path, temporary in written:
            os.replace(temporary, path)
    except BaseException:
        for _, temporary in written:
            temporary.unlink(missing_ok=True)
        raise


def _temporary(path: Path, data: bytes) -> Path:
    """DATA in a fsynced temporary file beside PATH, with the usual mode; its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if str(path.parent) not in _cleaned:
        _cleaned.add(str(path.parent))
        remove_stale_temporaries(path.parent, path.name)
    with tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.name}.juesuan-{os.getpid()}-", suffix=".tmp", delete=False
    ) as handle:
        temporary = Path(handle.name)
        try:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(temporary, 0o666 & ~_UMASK)
        except BaseException:
            handle.close()
            temporary.unlink(missing_ok=True)
            raise
    return temporary


def remove_stale_temporaries(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the stale temporary files of killed runs in FOLDER (see the module's docstring); the removed paths.

    With NAME, also the pid-less temporaries of older versions for that output name.
    """
    legacy = re.compile(rf"^\.{re.escape(name)}\.[A-Za-z0-9_]{{6,12}}\.tmp$") if name else None
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        ours = _OURS.match(entry.name)
        if ours is None and not (legacy and legacy.match(entry.name)):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if now - info.st_mtime < STALE_SECONDS or (ours is not None and _running(int(ours.group(1)))):
                continue
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            elif ours is not None and entry.is_dir(follow_symlinks=False):  # a folder built by write_folder, a PDF run's
                shutil.rmtree(entry.path)
                removed.append(Path(entry.path))
        except OSError:  # gone meanwhile, or not ours to remove: never a reason to fail a write
            continue
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or a number we cannot ask about: leave the file
    return True


def write_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write FILES (name -> bytes) into FOLDER all together or not at all.

    They are written into a temporary folder beside FOLDER, which is then renamed to FOLDER in one
    step (FOLDER absent or empty). When FOLDER already holds other files, each file is renamed into it
    (one step per file). On any failure the temporary folder is removed and FOLDER is as it was, so a
    rerun starts from the same place; a killed run's temporary folder is removed by a later write.
    """
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    if str(parent) not in _cleaned:
        _cleaned.add(str(parent))
        remove_stale_temporaries(parent)
    temporary = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.juesuan-{os.getpid()}-", suffix=".tmp"))
    try:
        for name, data in files.items():
            with open(temporary / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary / name, 0o666 & ~_UMASK)
        os.chmod(temporary, 0o777 & ~_UMASK)
        try:
            os.rename(temporary, folder)  # replaces FOLDER only when it is an empty folder
            return
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
                raise
        for name in files:
            os.replace(temporary / name, folder / name)
        temporary.rmdir()
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


OUTPUT_ERRNOS = frozenset({errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EACCES, errno.EPERM})


def write_problem(target: Path | str, exc: OSError) -> str:
    """Why writing TARGET failed, in Chinese, and what to do: the same words in every command."""
    return f"无法写入 {target}：{_why_not_written(Path(target), exc)}"


def not_writable(target: Path | str, exc: OSError, then: str = "") -> Finding:
    """The output-not-writable finding for a write of TARGET that failed with EXC; THEN adds what became of the rest."""
    return emit(
        "output-not-writable", Location(file=str(target)), reason=exc.strerror or str(exc), target=str(target), why=_why_not_written(Path(target), exc), then=then
    )


def _why_not_written(target: Path, exc: OSError) -> str:
    if isinstance(exc, (NotADirectoryError, FileExistsError)) and not target.is_dir():
        why = f"路径中的 {target.parent} 不是文件夹（同名文件已存在）；请换一个输出路径"
    elif exc.errno == errno.EROFS:
        why = "所在的磁盘或文件夹是只读的；请换一个可写的文件夹"
    elif isinstance(exc, PermissionError) and target.exists() and not target.is_dir():
        why = "文件被占用（例如正在 Word 或 Excel 中打开）或为只读文件；请关闭该文件或取消其只读属性后重试，或换一个文件名"
    elif isinstance(exc, PermissionError):
        why = f"没有在 {target.parent if not target.is_dir() else target} 中写文件的权限；请换一个可写的文件夹，或请管理员授予写权限"
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "磁盘空间不足；请清理磁盘后重试"
    elif exc.errno == errno.EFBIG:
        why = "文件超过了磁盘允许的大小"
    else:
        why = f"{exc.strerror or exc}；请检查输出路径"
    return why
