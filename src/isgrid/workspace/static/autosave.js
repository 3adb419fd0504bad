// Jury workspace: save the draft a moment after the juror types (the "save draft"
// button does the same without JavaScript). Same-origin fetch only (CSP connect-src 'self').
// One save at a time: a change made while a save is under way is sent when it answers, and
// the status says "saved" only when the answer covers the juror's last change.
// Each field travels with its base (hidden "b:<field>", workspace/draft.py): the answer
// gives the new bases of the fields saved, set here before the next save; a field changed
// in another tab since its base is not saved (409): the page says so and keeps what the
// juror typed, to copy before reloading.
(function () {
  "use strict";
  var form = document.getElementById("sheet");
  if (!form || form.getAttribute("data-autosave") !== "on" || !window.fetch) { return; }
  var status = document.getElementById("autosave-status");
  var alert = document.getElementById("conflict");
  var timer = null;
  var sending = false;  // a save is under way
  var dirty = false;    // a change not sent yet
  function rebase(bases) {
    Object.keys(bases || {}).forEach(function (f) {
      var input = form.querySelector('input[type="hidden"][name="' + CSS.escape("b:" + f) + '"]');
      if (input) { input.value = bases[f]; }
    });
  }
  function mark(fields) {  // the fieldsets holding fields changed elsewhere
    var ids = {};
    (fields || []).forEach(function (f) {
      var i = f.indexOf(":");
      ids[i > 0 ? "f-" + f.slice(i + 1) : "f-opinion"] = true;
    });
    form.querySelectorAll("fieldset").forEach(function (fs) {
      var on = !!ids[fs.id];
      fs.classList.toggle("conflict", on);
      var note = fs.querySelector(".conflict-note");
      if (on && !note) {
        note = document.createElement("p");
        note.className = "err conflict-note";
        note.textContent = form.getAttribute("data-conflict-note");
        fs.querySelector("legend").after(note);
      } else if (!on && note) {
        note.remove();
      }
    });
  }
  function conflict(data) {
    rebase(data.bases);
    mark(data.conflicts);
    if (alert) {
      alert.textContent = data.message || "";
      alert.hidden = !data.message;
    }
  }
  function answered(text) {
    sending = false;
    if (dirty) {        // changed since this save was sent: not saved yet
      if (!timer) { save(); }
      return;
    }
    if (status) { status.textContent = text; }
  }
  function save() {
    timer = null;
    if (sending) { return; }  // sent again when the current save answers
    sending = true;
    dirty = false;
    var data = new FormData(form);
    // form.action would be the hidden input named "action": read the attribute
    fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-Autosave": "1", "X-CSRF-Token": data.get("csrf_token") || ""}
    }).then(function (resp) {
      var json = (resp.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!json) { answered(""); return; }
      return resp.json().then(function (body) {
        if (resp.status === 200) {
          rebase(body.bases);
          conflict({});  // nothing changed elsewhere is left unsaved
          answered(status && status.getAttribute("data-text"));
        } else {
          conflict(body);
          answered("");
        }
      });
    }).catch(function () { answered(""); });
  }
  function later() {
    dirty = true;
    if (status) { status.textContent = ""; }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 1200);
  }
  form.addEventListener("change", later);
  form.addEventListener("input", later);
})();
