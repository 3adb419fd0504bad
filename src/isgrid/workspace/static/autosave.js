// Jury workspace: save the draft a moment after the juror types (the "save draft"
// button does the same without JavaScript). Same-origin fetch only (CSP connect-src 'self').
// One save at a time: a change made while a save is under way is sent when it answers, and
// the status says "saved" only when the answer covers the juror's last change.
(function () {
  "use strict";
  var form = document.getElementById("sheet");
  if (!form || form.getAttribute("data-autosave") !== "on" || !window.fetch) { return; }
  var status = document.getElementById("autosave-status");
  var timer = null;
  var sending = false;  // a save is under way
  var dirty = false;    // a change not sent yet
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
      answered(resp.status === 204 ? status && status.getAttribute("data-text") : "");
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
