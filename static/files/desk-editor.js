// The article form's conveniences: a Markdown toolbar, a live side-by-side preview rendered
// by the server's own pipeline, autosave of what is typed into this browser's storage, a
// warning before leaving unsaved changes, and the primary button following the publish time.
// Progressive enhancement only: without this script the form posts exactly as it does with it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var body = form && form.querySelector("#body");
  if (!form || !body) return;

  var key = "gazette-autosave:" + form.getAttribute("data-autosave");
  var dirty = false, submitting = false;

  // fields are the inputs autosave keeps: everything an editor types or picks, never the form
  // token, the version or a chosen file.
  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && ["csrf", "version", "action"].indexOf(el.name) < 0 &&
        el.type !== "file" && el.type !== "submit" && el.type !== "button";
    });
  }
  function snapshot() {
    var out = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox") out[el.name] = el.checked ? "on" : "";
      else if (el.type === "radio") { if (el.checked) out[el.name] = el.value; }
      else out[el.name] = el.value;
    });
    return out;
  }
  function apply(values) {
    fields().forEach(function (el) {
      if (!(el.name in values)) return;
      if (el.type === "checkbox") el.checked = values[el.name] === "on";
      else if (el.type === "radio") el.checked = values[el.name] === el.value;
      else el.value = values[el.name];
    });
  }
  function same(a, b) {
    return Object.keys(a).every(function (k) { return (b[k] || "") === (a[k] || ""); });
  }
  function readSaved() {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  // The toolbar and the status line.
  var status = document.createElement("span");
  status.className = "autosave-status";
  status.setAttribute("role", "status");
  status.setAttribute("data-testid", "autosave-status");
  var bar = document.createElement("div");
  bar.className = "editor-toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Formatting");
  bar.setAttribute("aria-controls", "body");
  // Each tool: its name (shown), what it does (its tooltip), and the text around the selection.
  var tools = [
    ["Bold", "**bold**", "**", "**", "bold text"],
    ["Italic", "_italic_", "_", "_", "italic text"],
    ["Heading", "## Heading", "\n## ", "\n", "Heading"],
    ["Link", "[text](https://…)", "[", "](https://)", "link text"],
    ["Quote", "> quoted text", "\n> ", "\n", "quoted text"],
    ["List", "- item", "\n- ", "\n", "item"],
    ["Code", "`code`", "`", "`", "code"],
    ["Figure", "an image with alt text, caption and credit (Media gives the line ready to copy)",
      '\n{{< figure src="/media/…" alt="" caption="" attr="" >}}\n', "", ""]
  ];
  tools.forEach(function (t) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = t[0];
    b.title = t[1];
    b.setAttribute("data-testid", "tool-" + t[0].toLowerCase());
    b.addEventListener("click", function () { wrap(t[2], t[3], t[4]); });
    bar.appendChild(b);
  });
  var split = document.createElement("button");
  split.type = "button";
  split.textContent = "Side-by-side preview";
  split.setAttribute("aria-pressed", "false");
  split.setAttribute("data-testid", "toggle-preview");
  bar.appendChild(split);
  var editor = body.closest(".editor");
  var preview = document.getElementById("body-preview");
  editor.insertBefore(bar, editor.querySelector(".editor__panes"));
  editor.insertBefore(status, editor.querySelector(".editor__panes"));

  function wrap(before, after, placeholder) {
    var s = body.selectionStart, e = body.selectionEnd, v = body.value;
    var picked = v.slice(s, e) || placeholder;
    body.value = v.slice(0, s) + before + picked + after + v.slice(e);
    body.focus();
    body.setSelectionRange(s + before.length, s + before.length + picked.length);
    changed();
  }

  // The live preview: the server renders the text exactly as a save would.
  var timer = 0, renderTimer = 0, lastRendered = null;
  function setSplit(on) {
    split.setAttribute("aria-pressed", on ? "true" : "false");
    editor.classList.toggle("editor--split", on);
    preview.hidden = !on;
    if (on) render();
  }
  split.addEventListener("click", function () { setSplit(split.getAttribute("aria-pressed") !== "true"); });
  function render() {
    if (preview.hidden || body.value === lastRendered) return;
    var text = body.value;
    var data = new FormData();
    data.append("csrf", form.elements.csrf.value);
    data.append("body", text);
    ["title", "lang", "section"].forEach(function (n) { if (form.elements[n]) data.append(n, form.elements[n].value); });
    fetch("/admin/articles/render", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { lastRendered = text; preview.innerHTML = html; })
      .catch(function () { preview.textContent = "The preview could not be rendered just now."; });
  }

  // Autosave into this browser: a closed tab or a crash loses nothing typed.
  function save() {
    try {
      localStorage.setItem(key, JSON.stringify({ saved: Date.now(), version: form.elements.version.value, fields: snapshot() }));
      status.textContent = "Draft kept in this browser at " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    } catch (e) {
      status.textContent = "This browser cannot keep a draft: save to keep your work.";
    }
  }
  function changed() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 500);
    clearTimeout(renderTimer);
    renderTimer = setTimeout(render, 400);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  document.addEventListener("visibilitychange", function () { if (dirty && document.visibilityState === "hidden") save(); });

  // An autosaved draft that differs from the form is offered back, never applied unasked.
  var saved = readSaved();
  if (saved && saved.fields && !same(saved.fields, snapshot())) {
    var note = document.createElement("div");
    note.className = "autosave-note";
    note.setAttribute("role", "status");
    note.setAttribute("data-testid", "autosave-note");
    var when = new Date(saved.saved);
    var text = document.createElement("span");
    text.textContent = "This browser kept unsaved changes from " + when.toLocaleString() + ".";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.textContent = "Restore them";
    restore.setAttribute("data-testid", "autosave-restore");
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "secondary";
    discard.textContent = "Discard";
    discard.setAttribute("data-testid", "autosave-discard");
    restore.addEventListener("click", function () { apply(saved.fields); note.remove(); changed(); body.focus(); });
    discard.addEventListener("click", function () { localStorage.removeItem(key); note.remove(); });
    note.appendChild(text); note.appendChild(restore); note.appendChild(discard);
    form.parentNode.insertBefore(note, form);
  } else if (saved) {
    localStorage.removeItem(key); // what was kept is what the server has
  }

  // Leaving with unsaved changes asks first; sending the form does not.
  form.addEventListener("submit", function (ev) {
    var btn = ev.submitter;
    if (btn && btn.value === "preview") return; // the preview opens beside the form
    submitting = true;
    localStorage.removeItem(key);
  });
  window.addEventListener("beforeunload", function (ev) {
    if (dirty && !submitting) { ev.preventDefault(); ev.returnValue = ""; }
  });

  // The primary button follows the publish time: a time in the future makes it "Schedule"
  // (read in the browser's zone, a hint only: the server decides when the form is sent).
  var actions = form.querySelector("[data-testid=actions]");
  var pub = form.elements.publish_date;
  var publishBtn = actions && actions.querySelector("button[value=publish]");
  var scheduleBtn = actions && actions.querySelector("button[value=schedule]");
  if (pub && publishBtn && scheduleBtn && !actions.querySelector("button[value=save]")) {
    pub.addEventListener("input", function () {
      var future = pub.value && new Date(pub.value) > new Date();
      var first = future ? scheduleBtn : publishBtn, second = future ? publishBtn : scheduleBtn;
      first.className = "primary"; second.className = "secondary";
      publishBtn.textContent = future ? "Publish now" : "Publish";
      actions.insertBefore(first, actions.firstChild);
    });
  }

  if (window.matchMedia("(min-width: 64rem)").matches) setSplit(true);
})();
