// The editor's own script: read the form as JSON, ask the server to check or save it, put each
// problem beside its field, move table rows, follow a running command. No library.
"use strict";
const file = document.body.dataset.file, form = document.getElementById("form");
const root = form && form.querySelector(".node");
const $ = id => document.getElementById(id);
const T = JSON.parse($("messages").textContent);   // the page's texts in the chosen language
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => values[name]);
let base = document.body.dataset.base, timer = null, asked = 0, dirty = false;

const kids = el => [...el.querySelectorAll(".node")].filter(n => n.parentElement.closest(".node") === el);
const keyOf = el => el.querySelector(":scope > .keyfield .key").value.trim();

function collect(el) {               // the form as the file's values: mappings, lists, texts
  const kind = el.dataset.kind;
  if (kind === "value") return el.querySelector(".ctl").value;
  if (kind === "list") return kids(el).map(collect);
  const out = {};
  for (const k of kids(el)) out[kind === "dict" ? keyOf(k) : k.dataset.key] = collect(k);
  return out;
}

function number(el, path) {          // each node's field path, as the checks name it: staff.วิมล.ext, baseline[3]
  el.dataset.path = path;
  el.id = "f-" + path;
  kids(el).forEach((k, i) => {
    const kind = el.dataset.kind;
    const part = kind === "list" ? `[${i + 1}]` : kind === "dict" ? keyOf(k) : k.dataset.key;
    number(k, kind === "list" || !path ? path + part : `${path}.${part}`);
  });
}

async function post(url, body) {
  const answer = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"},
                                   body: JSON.stringify(body)});
  const values = await answer.json().catch(() => ({error: fill(T.server_error, {status: answer.status})}));
  return [answer.status, values];
}

function say(text, kind) { $("status").textContent = text; $("status").className = kind || ""; }

async function check() {
  const mine = ++asked, started = performance.now();
  if (root) number(root, "");
  const [status, answer] = await post("/api/check", root ? {file, data: collect(root)} : {});
  if (mine !== asked) return;        // a newer check is on its way
  if (status !== 200) return say(answer.error, "error");
  show(answer);
  document.body.dataset.checkMs = (performance.now() - started).toFixed(1);   // measured by the tests
  document.body.dataset.checks = mine;
}

function place(problem) {            // the node of the problem's field, or of its nearest parent
  let path = problem.field;
  while (path && !$("f-" + path)) path = path.replace(/(\.[^.[]+|\[\d+\])$|^[^.[]+$/, "");
  return $("f-" + path) || root;
}

function show(answer) {
  document.querySelectorAll(".msgs").forEach(m => m.replaceChildren());
  document.querySelectorAll(".node.has-error, .node.has-warning").forEach(n => n.classList.remove("has-error", "has-warning"));
  const list = $("problem-list"), errors = answer.problems.filter(p => !p.warning).length;
  list.replaceChildren();
  for (const p of answer.problems) {
    const here = root && (p.file === file || (p.file.endsWith("/") && file.startsWith(p.file)));
    const item = document.createElement("li"), link = document.createElement("a");
    item.className = p.warning ? "warning" : "error";
    link.href = here ? "#f-" + p.field : p.href;
    link.textContent = p.text;
    item.append(link);
    list.append(item);
    if (!here) continue;
    const node = place(p), msg = document.createElement("p");
    msg.className = "msg " + item.className;
    msg.textContent = p.message;
    node.querySelector(":scope > .msgs").append(msg);
    node.classList.add(p.warning ? "has-warning" : "has-error");
  }
  $("tally").textContent = answer.problems.length ? fill(T.tally, {errors, warnings: answer.problems.length - errors}) +
    (errors ? T.draft : "") : T.all_right;
  $("problems").className = errors ? "error" : answer.problems.length ? "warning" : "ok";
  for (const [path, note] of Object.entries(answer.notes || {})) {
    const echo = document.querySelector(`[data-path="${path}"] .echo`);
    if (echo) echo.textContent = note;
  }
}

function changed() { dirty = true; say(T.unsaved); clearTimeout(timer); timer = setTimeout(check, 250); }

function rowOp(button) {
  const op = button.dataset.op, row = button.closest(".row");
  if (op === "add") {
    const list = button.closest(".node");
    list.querySelector(":scope > .rows").append(list.querySelector(":scope > template").content.cloneNode(true));
    list.querySelector(":scope > .rows > .row:last-child .ctl, :scope > .rows > .row:last-child .key").focus();
  } else if (op === "up" && row.previousElementSibling) row.previousElementSibling.before(row);
  else if (op === "down" && row.nextElementSibling) row.nextElementSibling.after(row);
  else if (op === "remove") row.remove();
  else if (op === "replace") return replace(keyOf(row.querySelector(".entry")));
  changed();
}

async function save() {
  number(root, "");
  say(T.saving);
  const [status, answer] = await post("/api/save", {file, data: collect(root), base});
  if (status === 409) {
    marked($("disk"), answer.disk, answer.disk_changed);
    marked($("mine"), answer.mine, answer.mine_changed);
    $("conflict").hidden = false;
    $("conflict").scrollIntoView();
    return say(T.conflict, "error");
  }
  if (status !== 200) return say(answer.error, "error");
  base = answer.base;
  dirty = false;
  show(answer);
  say(fill(T.saved, {time: new Date().toLocaleTimeString(document.documentElement.lang)}), "ok");
}

function marked(pre, text, changed) {   // a version of the file, its differing lines highlighted
  pre.replaceChildren(...text.split("\n").map((line, i) =>
    changed.includes(i) ? Object.assign(document.createElement("mark"), {textContent: line + "\n"}) : line + "\n"));
  const first = pre.querySelector("mark");
  if (first) pre.scrollTop = first.offsetTop - pre.offsetTop - 40;
}

async function preview() {
  number(root, "");
  const pane = $("preview");
  pane.hidden = false;
  pane.textContent = T.rendering;
  const [status, answer] = await post("/api/preview", {file, data: collect(root)});
  pane.replaceChildren(Object.assign(document.createElement("h2"), {textContent: T.preview}));
  if (status !== 200) return pane.append(Object.assign(document.createElement("p"), {className: "msg error", textContent: answer.error}));
  if (answer.message) pane.append(Object.assign(document.createElement("p"), {className: "msg warning", textContent: answer.message}));
  pane.append(Object.assign(document.createElement("a"), {href: answer.docx, textContent: T.download, download: ""}));
  for (const src of answer.pages) pane.append(Object.assign(document.createElement("img"), {src, alt: T.page}));
}

function replace(old) {
  const dialog = $("replace-dialog"), fields = $("replace-form");
  $("replace-old").textContent = old;
  $("replace-error").hidden = true;
  fields.reset();
  fields.onsubmit = async event => {
    if (event.submitter.value !== "ok") return;
    event.preventDefault();
    const values = Object.fromEntries(new FormData(fields));
    const [status, answer] = await post("/api/staff-replace", {old, ...values});
    if (status !== 200) return Object.assign($("replace-error"), {hidden: false, textContent: answer.error});
    dialog.close();
    location.reload();
  };
  dialog.showModal();
}

async function run(action) {
  const [status, answer] = await post("/api/run", {action, round: +($("round") || {}).value, reason: $("reason").value});
  $("job").hidden = false;
  if (status !== 200) return Object.assign($("job-title"), {textContent: answer.error, className: "error"});
  Object.assign($("job-title"), {textContent: answer.title + " …", className: ""});
  for (;;) {
    await new Promise(done => setTimeout(done, 400));
    const job = await (await fetch("/api/job/" + answer.job)).json();
    $("log").textContent = job.lines.join("\n");
    if (!job.done) continue;
    $("job-title").textContent = fill(job.ok ? T.done : T.failed, {title: answer.title});
    $("job-title").className = job.ok ? "ok" : "error";
    $("outputs").replaceChildren(...job.outputs.map(([name, describe]) => {
      const item = document.createElement("li");
      item.append(Object.assign(document.createElement("a"), {href: "/out/" + name, textContent: name, download: ""}),
                  " " + describe);
      return item;
    }));
    return;
  }
}

document.addEventListener("click", async event => {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.dataset.op) rowOp(button);
  else if (button.id === "save") save();
  else if (button.id === "preview-button") preview();
  else if (button.dataset.action) run(button.dataset.action);
  else if (button.dataset.round) {
    const [status, answer] = await post("/api/round", {round: +button.dataset.round});
    if (status === 200) location.href = answer.url; else say(answer.error, "error");
  }
});
if (form) {
  form.addEventListener("input", changed);
  form.addEventListener("submit", event => event.preventDefault());
  window.addEventListener("beforeunload", event => { if (dirty) event.preventDefault(); });
}
check().then(() => { if (location.hash && $(location.hash.slice(1))) $(location.hash.slice(1)).scrollIntoView(); });
