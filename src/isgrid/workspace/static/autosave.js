// Jury workspace: save the draft a moment after the juror types (the "save draft"
// button does the same without JavaScript). Same-origin fetch only (CSP connect-src 'self').
(function () {
  "use strict";
  var form = document.getElementById("sheet");
  if (!form || form.getAttribute("data-autosave") !== "on" || !window.fetch) { return; }
  var status = document.getElementById("autosave-status");
  var timer = null;
  function save() {
    timer = null;
    var data = new FormData(form);
    // form.action would be the hidden input named "action": read the attribute
    fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-Autosave": "1", "X-CSRF-Token": data.get("csrf_token") || ""}
    }).then(function (resp) {
      if (status) { status.textContent = resp.status === 204 ? status.getAttribute("data-text") : ""; }
    }).catch(function () { if (status) { status.textContent = ""; } });
  }
  function later() {
    if (status) { status.textContent = ""; }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 1200);
  }
  form.addEventListener("change", later);
  form.addEventListener("input", later);
})();
