"""Where each unit-year stands in the review: 待核对 → 已核对 → 已审定 → 已公开, with who and when, and its dates.

Kept in one file under the served root, 审核状态.yaml, so that it survives restarts and can be
read (and corrected) by a person: per unit folder (relative to the root) its state, the 批复
date (the finance bureau's approval of the final accounts) and the 公开 date, and every change
of state. The rule: a unit publishes within PUBLISH_DAYS days of its 批复 (as the provinces'
部门决算公开 rules require); a unit past that day and not yet published, or published later,
is overdue.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from generator import door
from generator.files import write_atomically
from generator.yaml_files import load_yaml

STATE_FILE = "审核状态.yaml"
STATES = ("待核对", "已核对", "已审定", "已公开")
PUBLISH_DAYS = 20
HEADER = (
    "# 审核状态：juesuan 工作台写入（也可手工改正）。每个单位年度文件夹一项：状态（待核对、已核对、已审定、已公开）、\n"
    "# 批复日期、公开日期（YYYY-MM-DD）和每次改变状态的记录（状态、核对人、时间）。批复后 20 日内应公开。\n"
)


class ReviewRefused(ValueError):
    """A change that cannot be made; the message says why, in Chinese."""


@dataclass
class Review:
    state: str = STATES[0]
    approved: date | None = None  # 批复日期
    published: date | None = None  # 公开日期
    log: list[dict[str, str]] = field(default_factory=list)

    @property
    def due(self) -> date | None:
        return self.approved + timedelta(days=PUBLISH_DAYS) if self.approved else None

    def overdue(self, today: date) -> bool:
        """Past the day it had to be published by: not published yet, or published late."""
        if self.due is None:
            return False
        return (self.published or today) > self.due

    def days_left(self, today: date) -> int | None:
        return (self.due - today).days if self.due is not None and self.published is None else None

    @property
    def last(self) -> dict[str, str]:
        return self.log[-1] if self.log else {}


class Reviews:
    """The review states of the units under ROOT, read from and written to ROOT/审核状态.yaml."""

    def __init__(self, root: Path) -> None:
        self.path = root / STATE_FILE
        self._lock = threading.Lock()

    def all(self) -> dict[str, Review]:
        if not os.path.lexists(self.path):
            return {}
        try:
            text, refused = door.read_text(self.path, STATE_FILE)
            if text is None:
                raise ReviewRefused(f"{STATE_FILE} 无法读取（{refused.message if refused else ''}），请改正或删除后重试")
            data = load_yaml(text)
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ReviewRefused(f"{STATE_FILE} 无法读取（格式有误或不是 UTF-8），请改正或删除后重试") from exc
        if not isinstance(data, dict):
            return {}
        return {str(k): _review(v) for k, v in data.items() if isinstance(v, dict)}

    def of(self, relative: str) -> Review:
        return self.all().get(relative, Review())

    def change(
        self,
        relatives: list[str],
        state: str | None,
        who: str,
        approved: date | None = None,
        published: date | None = None,
        now: datetime | None = None,
    ) -> None:
        """Set the state (and dates) of each unit; 已公开 needs a 公开 date (today when not given)."""
        if state is not None and state not in STATES:
            raise ReviewRefused(f"没有「{state}」这个状态：可选 {'、'.join(STATES)}")
        if not relatives:
            raise ReviewRefused("请先勾选要改变状态的单位")
        moment = now or datetime.now()
        with self._lock:
            reviews = self.all()
            for relative in relatives:
                review = reviews.setdefault(relative, Review())
                if approved is not None:
                    review.approved = approved
                if published is not None:
                    review.published = published
                if state is not None:
                    if state == "已公开" and review.published is None:
                        review.published = moment.date()
                    if state != "已公开" and published is None:
                        review.published = None  # taken back from 已公开: no longer published
                    if review.approved is not None and review.published is not None and review.published < review.approved:
                        raise ReviewRefused(f"{relative}：公开日期 {review.published} 早于批复日期 {review.approved}")
                    review.state = state
                    review.log.append({"状态": state, "核对人": who, "时间": moment.strftime("%Y-%m-%d %H:%M")})
            self._write(reviews)

    def _write(self, reviews: dict[str, Review]) -> None:
        data: dict[str, Any] = {}
        for relative in sorted(reviews):
            r = reviews[relative]
            entry: dict[str, Any] = {"状态": r.state}
            if r.approved:
                entry["批复日期"] = r.approved.isoformat()
            if r.published:
                entry["公开日期"] = r.published.isoformat()
            if r.log:
                entry["记录"] = r.log
            data[relative] = entry
        text = HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        write_atomically(self.path, text.encode("utf-8"))


def parse_date(text: str) -> date | None:
    """A date typed as 2025-08-01 (or 2025/8/1); None when blank; ReviewRefused when not a date."""
    text = text.strip().replace("/", "-").replace(".", "-")
    if not text:
        return None
    try:
        year, month, day = (int(part) for part in text.split("-"))
        return date(year, month, day)
    except ValueError as exc:
        raise ReviewRefused(f"「{text}」不是日期，请写成 2025-08-01 的形式") from exc


def _review(entry: dict[str, Any]) -> Review:
    state = str(entry.get("状态") or STATES[0])
    log = [{str(k): str(v) for k, v in item.items()} for item in entry.get("记录") or [] if isinstance(item, dict)]
    return Review(
        state=state if state in STATES else STATES[0],
        approved=_date(entry.get("批复日期")),
        published=_date(entry.get("公开日期")),
        log=log,
    )


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value)) if value else None
    except ReviewRefused:
        return None
