// The workbench's only script: table sorting and filtering, drag and drop, job progress. No library.
"use strict";

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

function cellValue(row, index, kind) {
  const text = (row.cells[index] ? row.cells[index].textContent : "").trim();
  if (kind === "number") {
    const n = parseFloat(text.replace(/,/g, "").replace(/%$/, ""));
    return isNaN(n) ? -Infinity : n;
  }
  return text;
}

function makeSortable(table) {
  const headers = table.querySelectorAll("th[data-sort]");
  headers.forEach((th) => {
    th.addEventListener("click", () => {
      const index = Array.from(th.parentNode.children).indexOf(th);
      const kind = th.dataset.sort;
      const ascending = !th.classList.contains("asc");
      headers.forEach((h) => h.classList.remove("asc", "desc"));
      th.classList.add(ascending ? "asc" : "desc");
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      const collator = new Intl.Collator("zh-CN", { numeric: true });
      rows.sort((a, b) => {
        const x = cellValue(a, index, kind), y = cellValue(b, index, kind);
        const order = kind === "number" ? x - y : collator.compare(x, y);
        return ascending ? order : -order;
      });
      rows.forEach((r) => body.appendChild(r));
    });
  });
}

function setupFilter() {
  const input = document.getElementById("filter");
  const status = document.getElementById("status-filter");
  const table = document.getElementById("units");
  if (!input || !table) return;
  const shown = document.getElementById("shown-count");
  const apply = () => {
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let count = 0;
    Array.from(table.tBodies[0].rows).forEach((row) => {
      const text = row.textContent.toLowerCase();
      const ok = words.every((w) => text.includes(w)) && (!status.value || row.dataset.status === status.value);
      row.hidden = !ok;
      if (ok) count += 1;
    });
    shown.textContent = "显示 " + count + " 个";
  };
  input.addEventListener("input", apply);
  status.addEventListener("change", apply);
  apply();
}

function setupDropzones() {
  document.querySelectorAll("form.dropzone").forEach((form) => {
    const input = form.querySelector('input[type="file"]');
    ["dragenter", "dragover"].forEach((name) =>
      form.addEventListener(name, (e) => { e.preventDefault(); form.classList.add("over"); }));
    ["dragleave", "drop"].forEach((name) =>
      form.addEventListener(name, () => form.classList.remove("over")));
    form.addEventListener("drop", (e) => {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        form.submit();
      }
    });
  });
}

function setupJob() {
  const box = document.getElementById("job");
  if (!box) return;
  const bar = document.getElementById("job-progress");
  const state = document.getElementById("job-state");
  const message = document.getElementById("job-message");
  const links = document.getElementById("job-links");
  const labels = { running: "进行中……（可以离开这个页面，任务在后台继续）", done: "已完成", failed: "失败" };
  const poll = () => {
    fetch(box.dataset.url, { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then((job) => {
        bar.max = job.total || 1;
        bar.value = job.done;
        state.textContent = labels[job.state] + (job.total ? "  " + job.done + " / " + job.total : "") + "（" + job.seconds + " 秒）";
        state.dataset.state = job.state;
        message.textContent = job.message;
        links.replaceChildren(...job.links.map((l) => {
          const li = document.createElement("li");
          const a = document.createElement("a");
          a.href = l.url; a.textContent = l.label; li.appendChild(a); return li;
        }));
        if (job.state === "running") setTimeout(poll, 700);
      })
      .catch(() => setTimeout(poll, 2000));
  };
  poll();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.sortable").forEach(makeSortable);
  setupFilter();
  setupDropzones();
  setupJob();
});
