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
  // Each sortable header holds a real button: reachable with Tab, pressed with Enter or Space.
  const headers = table.querySelectorAll("th[data-sort]");
  headers.forEach((th) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    button.title = "按“" + th.textContent + "”排序";
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const index = Array.from(th.parentNode.children).indexOf(th);
      const kind = th.dataset.sort;
      const ascending = !th.classList.contains("asc");
      headers.forEach((h) => { h.classList.remove("asc", "desc"); h.removeAttribute("aria-sort"); });
      th.classList.add(ascending ? "asc" : "desc");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
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

function setupSelectAll() {
  const all = document.getElementById("select-all");
  if (!all) return;
  all.addEventListener("change", () => {
    document.querySelectorAll('#units tbody tr:not([hidden]) input[name="unit"]').forEach((box) => { box.checked = all.checked; });
  });
}

function setupFilePickers() {
  // The browser's own file button speaks the browser's language; ours says 选择文件 and the chosen name.
  document.querySelectorAll("form.dropzone").forEach((form) => {
    const input = form.querySelector('input[type="file"]');
    const label = form.querySelector("label.pick");
    const chosen = form.querySelector(".chosen");
    if (!input || !label || !chosen) return;
    input.classList.add("visually-hidden");
    label.hidden = false;
    input.addEventListener("change", () => {
      chosen.textContent = input.files.length ? input.files[0].name : "未选择文件";
    });
  });
}

function setupLivePreview() {
  // The sentence a reason or text produces, as it is typed.
  document.querySelectorAll("[data-preview]").forEach((field) => {
    const target = document.getElementById(field.dataset.preview);
    if (!target) return;
    const lead = target.dataset.lead || "";
    const tail = target.dataset.tail || "";
    const empty = target.dataset.empty || "";
    const update = () => {
      let text = field.value.trim();
      if (text && !/[。！？；.!?;]$/.test(text)) text += "。";
      target.textContent = text ? lead + text + tail : empty;
    };
    field.addEventListener("input", update);
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

function setupPrint() {
  const button = document.getElementById("print-button");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    document.querySelectorAll("details.rowdetails").forEach((d) => { d.open = true; });  // every row on paper
    window.print();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupPrint();
  document.querySelectorAll("table.sortable").forEach(makeSortable);
  setupFilter();
  setupSelectAll();
  setupFilePickers();
  setupLivePreview();
  setupDropzones();
  setupJob();
});
