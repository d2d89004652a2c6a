"""Long work (a batch over ROOT, a PDF, a redline, an export) in background threads, with progress.

A job never blocks a page: the request that starts it returns at once with the job's page,
which polls /jobs/<id>.json. A failing job ends as "failed" with a Chinese message and a
log line; the server goes on.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("juesuan.web")


@dataclass
class Job:
    id: str
    title: str
    done: int = 0
    total: int = 0
    state: str = "running"  # running, done, failed
    message: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    back: str = "/"  # the page the job belongs to
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "done": self.done,
            "total": self.total,
            "state": self.state,
            "message": self.message,
            "links": [{"label": label, "url": url} for label, url in self.links],
            "back": self.back,
            "seconds": round((self.finished or time.time()) - self.started, 1),
        }


class Jobs:
    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="juesuan-job")
        self._jobs: dict[str, Job] = {}
        self._guard = threading.Lock()

    def start(self, title: str, work: Callable[[Job], None], back: str = "/") -> Job:
        job = Job(secrets.token_hex(8), title, back=back)
        with self._guard:
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._guard:
            return self._jobs.get(job_id)

    def recent(self, limit: int = 10) -> list[Job]:
        with self._guard:
            return sorted(self._jobs.values(), key=lambda j: j.started, reverse=True)[:limit]

    def _run(self, job: Job, work: Callable[[Job], None]) -> None:
        try:
            work(job)
            job.state = "done"
        except Exception as exc:
            log.exception("job %s (%s) failed", job.id, job.title)
            job.state = "failed"
            said = str(exc)  # our own failures carry a Chinese message; anything else is a defect, told without Python's words
            job.message = f"后台任务出错：{said}" if said and not said.isascii() else "后台任务出错（程序缺陷），详情已写入服务器日志"
        finally:
            job.finished = time.time()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
