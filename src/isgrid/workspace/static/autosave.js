// Jury workspace: save the draft a moment after the juror types (the "save draft"
// button does the same without JavaScript). Same-origin fetch only (CSP connect-src 'self').
// One save at a time: a change made while a save is under way is sent when it answers, and
// the status says "saved" only when the answer covers the juror's last change.
// Each field travels with its base (hidden "b:<field>", workspace/draft.py): the answer
// gives the new bases of the fields saved, set here before the next save; a field changed
// in another tab since its base is not saved (409): the page says so, keeps what the
// juror typed and shows the value stored now beside it (the answer's "theirs", filled into
// the page's <template id="theirs-template"> with textContent: it is juror-typed text), with
// two buttons: "Garder ma version" makes the stored value's digest the field's base and
// saves (an explicit overwrite of what the juror saw, never of a newer value: that is a new
// conflict), "Reprendre la valeur enregistrée" puts the stored value in the field, with its
// base. The same buttons on a page the server answered (a save without the script) are
// handled here too; without JavaScript they post the form (keep=/take=, workspace/scoring.py).
// A save that fails is said on the page (#unsaved, role="alert"): the answer's "reason"
// names the form's text data-unsaved-<reason> (a bad field, the session expired, the sheet
// submitted elsewhere...; any other answer, or no answer: data-unsaved-failed); what the
// juror typed stays in the fields. Leaving the page sends the pending save at once
// (keepalive: it outlives the page), and the browser asks before leaving while a save is
// pending or has failed. Another form of the page sent while a save is pending or under way
// (« Se déconnecter »: the session would end before the save) waits for the save's answer,
// then is sent; if the save failed, the page stays, saying why, with the text in its fields.
(function () {
  "use strict";
  var form = document.getElementById("sheet");
  if (!form || form.getAttribute("data-autosave") !== "on" || !window.fetch) { return; }
  var status = document.getElementById("autosave-status");
  var alert = document.getElementById("conflict");
  var unsaved = document.getElementById("unsaved");
  var timer = null;
  var sending = false;  // a save is under way
  var dirty = false;    // a change not sent yet
  var failed = false;   // the last save failed: what the juror typed is not saved
  var submitting = false;  // a form of the page is sent: the juror chose to leave
  var waiting = [];        // called with true (saved) or false once no save is pending
  function rebase(bases) {
    Object.keys(bases || {}).forEach(function (f) {
      var input = form.querySelector('input[type="hidden"][name="' + CSS.escape("b:" + f) + '"]');
      if (input) { input.value = bases[f]; }
    });
  }
  function fieldset(f) {  // the fieldset of a field: "v:ALS-2", "ALS-2", "amount"...
    var i = f.indexOf(":");
    var name = i > 0 ? f.slice(i + 1) : f;
    return ["opinion", "amount", "shared"].indexOf(name) >= 0 ? "f-opinion" : "f-" + name;
  }
  function note(ids, cls, text) {  // a note under the legend of the fieldsets in ids
    form.querySelectorAll("fieldset").forEach(function (fs) {
      var on = Object.prototype.hasOwnProperty.call(ids, fs.id);
      fs.classList.toggle(cls, on);
      var p = fs.querySelector("." + cls + "-note");
      if (on && !p) {
        p = document.createElement("p");
        p.className = "err " + cls + "-note";
        fs.querySelector("legend").after(p);
      } else if (!on && p) {
        p.remove();
      }
      if (on) { p.textContent = text === null ? ids[fs.id] : text; }
    });
  }
  function mark(fields) {  // the fieldsets holding fields changed elsewhere
    var ids = {};
    (fields || []).forEach(function (f) { ids[fieldset(f)] = true; });
    note(ids, "conflict", form.getAttribute("data-conflict-note"));
  }
  function base(f, value) {
    var input = form.querySelector('input[type="hidden"][name="' + CSS.escape("b:" + f) + '"]');
    if (input) { input.value = value; }
  }
  function choices(theirs) {  // each conflicting field's two versions, and the choice
    var tpl = document.getElementById("theirs-template");
    form.querySelectorAll(".theirs").forEach(function (box) {
      if (!theirs || !Object.prototype.hasOwnProperty.call(theirs, box.getAttribute("data-field"))) {
        box.remove();
      }
    });
    if (!theirs || !tpl) { return; }
    Object.keys(theirs).forEach(function (f) {
      var fs = document.getElementById(fieldset(f));
      if (!fs) { return; }
      var box = form.querySelector('.theirs[data-field="' + CSS.escape(f) + '"]');
      if (!box) {
        box = tpl.content.firstElementChild.cloneNode(true);
        var after = fs.querySelector(".conflict-note") || fs.querySelector("legend");
        after.after(box);
      }
      var o = theirs[f];
      box.setAttribute("data-field", f);
      box.setAttribute("data-text", o.text);
      box.setAttribute("data-base", o.base);
      box.querySelector(".theirs-label strong").textContent = o.label;
      box.querySelector(".theirs-text").textContent = o.shown;
      box.querySelector(".mine-text").textContent = o.mine;
    });
  }
  function put(f, text) {  // the stored value into the field (radios, box, text)
    var el = form.elements.namedItem(f);
    if (!el) { return; }
    if (el.type === "checkbox") { el.checked = text === "oui"; }
    else { el.value = text; }  // a RadioNodeList checks the radio of that value
  }
  function choose(button) {  // « Garder ma version » or « Reprendre la valeur enregistrée »
    var box = button.closest(".theirs");
    var f = box.getAttribute("data-field");
    if (button.classList.contains("take")) { put(f, box.getAttribute("data-text")); }
    base(f, box.getAttribute("data-base"));
    box.remove();
    var fs = document.getElementById(fieldset(f));
    if (fs && !fs.querySelector(".theirs")) {
      fs.classList.remove("conflict");
      var p = fs.querySelector(".conflict-note");
      if (p) { p.remove(); }
    }
    if (!form.querySelector(".theirs") && alert) { alert.hidden = true; }
    dirty = true;
    saved();
  }
  form.addEventListener("click", function (event) {
    var button = event.target.closest(".theirs button");
    if (!button) { return; }
    event.preventDefault();  // not the form's post: this page's save
    choose(button);
  });
  function conflict(data) {
    rebase(data.bases);
    mark(data.conflicts);
    choices(data.theirs);
    if (alert) {
      alert.textContent = data.message || "";
      alert.hidden = !data.message;
    }
  }
  function fail(reason, problems) {  // nothing saved: why, and what to do
    var ids = {};
    Object.keys(problems || {}).forEach(function (f) {
      var id = fieldset(f);
      ids[id] = ids[id] ? ids[id] + " " + problems[f] : problems[f];
    });
    note(ids, "problem", null);
    failed = !!reason;
    if (!unsaved) { return; }
    var text = reason ? (form.getAttribute("data-unsaved-" + reason.replace(/_/g, "-")) ||
                         form.getAttribute("data-unsaved-failed")) : "";
    unsaved.textContent = text;
    unsaved.hidden = !text;
  }
  function answered(text) {
    sending = false;
    if (dirty) {        // changed since this save was sent: not saved yet
      if (!timer || waiting.length) { save(); }
      return;
    }
    if (status) { status.textContent = text; }
    var done = waiting;
    waiting = [];
    done.forEach(function (resolve) { resolve(!failed); });
  }
  function saved() {  // a promise of true once every change is saved, false if one failed
    return new Promise(function (resolve) {
      waiting.push(resolve);
      if (!sending) { save(); }  // the pending save now (a save under way: when it answers)
    });
  }
  function send(keepalive) {
    var data = new FormData(form);
    // form.action would be the hidden input named "action": read the attribute
    return fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin", keepalive: keepalive,
      headers: {"X-Autosave": "1", "X-CSRF-Token": data.get("csrf_token") || ""}
    });
  }
  function save(keepalive) {
    if (timer) { clearTimeout(timer); }
    timer = null;
    if (sending && !keepalive) { return; }  // sent again when the current save answers
    sending = true;
    dirty = false;
    var request;
    try {
      request = send(!!keepalive);
    } catch (e) {  // a keepalive body over the browser's limit: an ordinary request
      request = send(false);
    }
    request.then(function (resp) {
      var json = (resp.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!json) { fail("failed"); answered(""); return; }
      return resp.json().then(function (body) {
        if (resp.status === 200) {
          rebase(body.bases);
          conflict({});  // nothing changed elsewhere is left unsaved
          fail("");
          answered(status && status.getAttribute("data-text"));
        } else if (body.reason) {
          fail(body.reason, body.problems);
          answered("");
        } else {
          fail("");
          conflict(body);
          answered("");
        }
      });
    }).catch(function () { fail("failed"); answered(""); });
  }
  function later() {
    dirty = true;
    if (status) { status.textContent = ""; }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 1200);
  }
  function flush() {  // the page is hidden or left: the pending save now, to outlive it
    if (dirty) { save(true); }
  }
  form.addEventListener("change", later);
  form.addEventListener("input", later);
  document.addEventListener("submit", function (event) {
    var other = event.target;
    if (other !== form && (dirty || sending)) {  // the save first, then this form
      event.preventDefault();
      saved().then(function (ok) {
        if (!ok) { return; }  // not saved: said on the page, the juror stays
        if (other.requestSubmit) { other.requestSubmit(event.submitter || undefined); }
        else { submitting = true; other.submit(); }
      });
      return;
    }
    submitting = true;
    if (event.target === form) {  // the sheet itself is sent: it holds every change
      dirty = false;
      if (timer) { clearTimeout(timer); }
      timer = null;
    }
  }, true);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { flush(); }
  });
  window.addEventListener("pagehide", flush);
  window.addEventListener("pageshow", function () { submitting = false; });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || !(dirty || sending || failed)) { return; }
    flush();
    event.preventDefault();
    event.returnValue = "";  // the browser's own question: leave the page?
  });
})();
