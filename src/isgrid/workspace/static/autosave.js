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
// A save that fails is said where the juror is: in the save bar, always on screen (sticky at
// the bottom: #save-problem, role="alert"; on a phone the top of the grid never is), and above
// the grid (#unsaved); a conflict too, in the bar, in short. The answer's "reason"
// names the form's text data-unsaved-<reason> (a bad field, the session expired, the sheet
// submitted elsewhere...; any other answer, or no answer: data-unsaved-failed); what the
// juror typed stays in the fields.
// « Enregistrer le brouillon » (and Enter in a field) saves through the same request: the
// page stays, and once the save is answered says « Brouillon enregistré. » in its status
// region (role="status", spoken), the juror's place and focus kept; with no
// answer (the server or the network down) the page stays, says so, and keeps the text. A
// refusal with a reason (session expired, page no longer valid, sheet submitted...) posts
// the form as a page without JavaScript does: the server's page says why, with the text.
// The bar's words (#autosave-status: « Enregistrement en cours… », « Enregistré
// automatiquement. ») are shown, not spoken: a screen reader read them at every autosave,
// every few seconds. What is spoken: a failure, no answer and a conflict (#save-problem,
// role="alert", assertive), « Brouillon enregistré. » once the juror asked for it, and the
// return to saved after a failure or a conflict (#save-said, role="status", polite).
// While a save is under way the bar says « Enregistrement en cours… »; a save not answered
// within data-timeout ms (15 s: a train between two cells, a connection that neither fails
// nor answers) is given up (AbortController) and said as no answer, the text kept for retry.
// What the juror changed and is not saved yet is also kept in the browser's storage
// (localStorage, under the juror and the dossier) until it is saved: a page opened again
// after a lost connection or a closed tab puts it back in the fields, says so (« not saved
// yet ») and saves it; « it is saved now » only once the server answered that save.
// Leaving or hiding the page sends the pending save at once: the fields changed since the
// last save only, with their bases, in a keepalive request that outlives the page when it
// fits the browser's keepalive quota (64 kB in Chromium: a very long comment does not),
// else an ordinary request (the page hidden stays alive; a page closed keeps the text in
// the storage); a keepalive request the browser refuses is sent again as an ordinary one,
// never said as a lost connection. The browser asks before leaving while a save is pending
// or has failed. Another form of the page sent while a save is pending or under way
// (« Se déconnecter »: the session would end before the save) waits for the save's answer,
// then is sent; if the save failed, the page stays, saying why, with the text in its fields.
(function () {
  "use strict";
  var form = document.getElementById("sheet");
  if (!form || form.getAttribute("data-autosave") !== "on" || !window.fetch) { return; }
  var status = document.getElementById("autosave-status");
  var alert = document.getElementById("conflict");
  var unsaved = document.getElementById("unsaved");
  var bar = document.getElementById("save-problem");  // the save bar's alert
  var said = document.getElementById("save-said");  // the bar's polite live region
  var unsaid = false;  // a failure or a conflict was said: the next « saved » is said too
  function say(text) {  // spoken once (politely): what the juror asked for, or is waiting for
    if (said) { said.textContent = text || ""; }
  }
  var restored = null;  // the notice of text put back from the storage, once shown
  var TIMEOUT = parseInt(form.getAttribute("data-timeout"), 10) || 15000;
  function barSays(text) {
    if (!bar) { return; }
    bar.textContent = text || "";  // a live region always there: empty, it takes no room
  }
  var timer = null;
  var sending = false;  // a save is under way
  var dirty = false;    // a change not sent yet
  var failed = false;   // the last save failed: what the juror typed is not saved
  var submitting = false;  // a form of the page is sent: the juror chose to leave
  var waiting = [];        // called with true (saved) or false once no save is pending
  var reason = "";         // why the last save was not made ('' when it was)
  var conflicted = false;  // fields changed elsewhere are left unsaved (the juror chooses)
  var leaving = 0;         // keepalive requests under way
  // Chromium refuses keepalive requests over 64 KiB in all (a rejected promise): a margin
  var KEEPALIVE_BYTES = 60000;
  var REFUSALS = ["signin", "revoked", "csrf", "not_found", "deported", "submitted", "closed",
                  "external"];
  function named(f) {  // a field of the sheet (draft.py): not a base, a token, a button
    return /^[vcs]:/.test(f) || ["opinion", "amount", "shared"].indexOf(f) >= 0;
  }
  function values() {  // field -> what it holds on the page now
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !named(el.name)) { return; }
      if (el.type === "radio") {
        if (!Object.prototype.hasOwnProperty.call(out, el.name)) { out[el.name] = ""; }
        if (el.checked) { out[el.name] = el.value; }
      } else if (el.type === "checkbox") {
        out[el.name] = el.checked ? el.value : "";
      } else {
        out[el.name] = el.value;
      }
    });
    return out;
  }
  var known = values();  // field -> what the database holds, as far as this page knows
  function changed() {   // field -> its value, for each field changed since it was saved
    var now = values(), out = {};
    Object.keys(now).forEach(function (f) { if (now[f] !== known[f]) { out[f] = now[f]; } });
    return out;
  }
  function baseOf(f) {
    var input = form.querySelector('input[type="hidden"][name="' + CSS.escape("b:" + f) + '"]');
    return input ? input.value : "";
  }
  // this page's unsaved changes in the browser's storage: one entry a page (two tabs of a
  // dossier never overwrite each other's), named by juror (page_of) and dossier
  var prefix = null, key = null;
  var clash = {};  // fields the server left unsaved, changed elsewhere: the juror chooses
  try {
    var owner = form.elements.namedItem("page_of");
    prefix = "isgrid-unsaved:" + (owner ? owner.value : "") + ":" + form.getAttribute("action") + ":";
    key = prefix + Date.now() + "-" + Math.random().toString(36).slice(2);
    window.localStorage.getItem(key);  // storage refused (a private window's policy)
  } catch (e) { prefix = key = null; }
  function keep() {  // what is not saved into the storage; out of it once all is saved
    if (!key) { return; }
    // a field in conflict is not kept: reloading the page takes the saved version
    var now = changed(), fields = Object.keys(now).filter(function (f) { return !clash[f]; });
    var bases = {};
    try {
      if (!fields.length) { window.localStorage.removeItem(key); return; }
      var kept = {};
      fields.forEach(function (f) { kept[f] = now[f]; bases[f] = baseOf(f); });
      window.localStorage.setItem(key, JSON.stringify({fields: kept, bases: bases, at: Date.now()}));
    } catch (e) { /* storage full or refused: the fields still hold the text */ }
  }
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
    delete clash[f];  // chosen: a change of the page again (kept until saved)
    if (button.classList.contains("take")) { put(f, box.getAttribute("data-text")); }
    base(f, box.getAttribute("data-base"));
    box.remove();
    var fs = document.getElementById(fieldset(f));
    if (fs && !fs.querySelector(".theirs")) {
      fs.classList.remove("conflict");
      var p = fs.querySelector(".conflict-note");
      if (p) { p.remove(); }
    }
    if (!form.querySelector(".theirs")) {
      if (alert) { alert.hidden = true; }
      if (!failed) { barSays(""); }
    }
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
    if (data.message) { barSays(form.getAttribute("data-conflict-bar")); unsaid = true; }
  }
  function described(el, id, on) {  // id in (or out of) the element's aria-describedby
    var ids = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (x) {
      return x && x !== id;
    });
    if (on) { ids.push(id); }
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); }
    else { el.removeAttribute("aria-describedby"); }
  }
  // a field's refused value (a criterion "ALS-2", "opinion", "amount"): its message just
  // before the field (the amount's box, a criterion's radios), the field invalid and
  // described by the message; returns the field's name as the page says it
  function problem(f, text) {
    var fs = document.getElementById(fieldset(f));
    if (!fs) { return ""; }
    var inputs = f === "amount" ? [document.getElementById("amount")] : Array.prototype.slice.call(
      fs.querySelectorAll('input[type="radio"][name="' + CSS.escape(f === "opinion" ? f : "v:" + f) + '"]'));
    inputs = inputs.filter(Boolean);
    if (!inputs.length) { return ""; }
    var p = document.createElement("p");
    p.className = "err problem-note";
    p.id = "e-" + f;
    p.textContent = text;
    var first = inputs[0];
    (first.type === "radio" ? first.closest("label") : first).before(p);
    inputs.forEach(function (el) { el.setAttribute("aria-invalid", "true"); described(el, p.id, true); });
    if (f !== "amount") { fs.classList.add("problem"); }
    var label = f === "amount" ? form.querySelector('label[for="amount"]') : fs.querySelector("legend");
    return label ? label.textContent.trim() : f;
  }
  function fail(why, problems) {  // nothing saved: why, and what to do
    form.querySelectorAll(".problem-note").forEach(function (p) { p.remove(); });
    form.querySelectorAll("fieldset.problem").forEach(function (fs) { fs.classList.remove("problem"); });
    form.querySelectorAll('[aria-invalid="true"]').forEach(function (el) {
      el.removeAttribute("aria-invalid");
      (el.getAttribute("aria-describedby") || "").split(" ").forEach(function (id) {
        if (id.indexOf("e-") === 0) { described(el, id, false); }
      });
    });
    var names = Object.keys(problems || {}).map(function (f) {
      return problem(f, problems[f]);
    }).filter(Boolean);
    var summary = document.getElementById("problems");  // the server's, now out of date
    if (summary && !why) { summary.remove(); }
    reason = why || "";
    failed = !!why;
    if (!unsaved) { return; }
    var text = why ? (form.getAttribute("data-unsaved-" + why.replace(/_/g, "-")) ||
                         form.getAttribute("data-unsaved-failed")) : "";
    if (text && names.length) {  // which fields: the summary names them
      text += " " + form.getAttribute("data-to-correct") + names.join(form.getAttribute("data-sep")) + ".";
    }
    unsaved.textContent = text;
    unsaved.hidden = !text;
    barSays(text);
    if (text) { unsaid = true; say(""); }
    if (restored && text) { restored.textContent = restored.getAttribute("data-pending"); }
  }
  function answered(text) {
    sending = false;
    keep();
    if (dirty) {        // changed since this save was sent: not saved yet
      if (!timer || waiting.length) { save(); }
      return;
    }
    if (status) { status.textContent = text; }
    if (text && unsaid && !failed && !conflicted) {  // saved again after a failure: said
      unsaid = false;
      say(text);
    }
    var done = waiting;
    waiting = [];
    done.forEach(function (resolve) { resolve(!failed && !conflicted); });
  }
  function saved() {  // a promise of true once every change is saved, false if one was not
    return new Promise(function (resolve) {
      waiting.push(resolve);
      if (!sending) { save(); }  // the pending save now (a save under way: when it answers)
    });
  }
  function body(only) {  // the form's data; only: those fields alone, with their bases
    var data = new FormData(form);
    if (!only) { return data; }
    var out = new FormData();
    data.forEach(function (v, k) {
      var f = k.indexOf("b:") === 0 ? k.slice(2) : k;
      if (named(f) ? Object.prototype.hasOwnProperty.call(only, f)
                   : k.indexOf("t:") !== 0 && k !== "keep" && k !== "take") {
        out.append(k, v);
      }
    });
    return out;
  }
  // about the size of a multipart body, in bytes as sent (UTF-8): an accented letter is 2,
  // an emoji 4, where .length counts 1 and 2 (a comment in French is larger than it looks)
  function bytes(data) {
    var n = 0, enc = new TextEncoder();
    data.forEach(function (v, k) { n += 120 + enc.encode(k).length + enc.encode(String(v)).length; });
    return n;
  }
  function post(data, keepalive) {
    // no answer within TIMEOUT: given up, said as no answer (the catch of save())
    var control = window.AbortController ? new AbortController() : null;
    var clock = control ? setTimeout(function () { control.abort(); }, TIMEOUT) : null;
    // form.action would be the hidden input named "action": read the attribute
    return fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin", keepalive: keepalive,
      signal: control ? control.signal : undefined,
      headers: {"X-Autosave": "1", "X-CSRF-Token": data.get("csrf_token") || ""}
    }).then(function (resp) {  // the body too must come within the time
      return resp.clone().text().then(function () { clearTimeout(clock); return resp; });
    }, function (err) { clearTimeout(clock); throw err; });
  }
  function send(data, keepalive) {
    if (!keepalive) { return post(data, false); }
    leaving += 1;
    // the browser may still refuse it (its quota, shared by the page's keepalive requests):
    // then an ordinary request, which a page that stays answers; never « no connection »
    return post(data, true).then(function (resp) {
      leaving -= 1;
      return resp;
    }, function () {
      leaving -= 1;
      return post(data, false);
    });
  }
  function save(hurry) {  // hurry: the page is hidden or left, the changed fields at once
    if (timer) { clearTimeout(timer); }
    timer = null;
    if (sending && !hurry) { return; }  // sent again when the current save answers
    var sent = values();
    var only = hurry ? changed() : null;  // the fields this request saves: all, or those
    if (only && !Object.keys(only).length) { dirty = false; return; }
    var data = body(only);
    sending = true;
    dirty = false;
    if (status && !hurry) { status.textContent = status.getAttribute("data-saving"); }
    send(data, !!hurry && bytes(data) <= KEEPALIVE_BYTES).then(function (resp) {
      var json = (resp.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!json) { fail("failed"); answered(""); return; }
      return resp.json().then(function (answer) {
        if (resp.status === 200) {
          rebase(answer.bases);
          Object.keys(only || sent).forEach(function (f) { known[f] = sent[f]; });
          conflicted = false;
          clash = {};
          conflict({});  // nothing changed elsewhere is left unsaved
          fail("");
          if (restored && !dirty) { restored.textContent = restored.getAttribute("data-saved"); }
          answered(status && status.getAttribute("data-text"));
        } else if (answer.reason) {
          fail(answer.reason, answer.problems);
          answered("");
        } else {
          var left = answer.conflicts || [];
          Object.keys(only || sent).forEach(function (f) {
            if (left.indexOf(f) < 0) { known[f] = sent[f]; }
          });
          conflicted = left.length > 0;
          clash = {};
          left.forEach(function (f) { clash[f] = true; });
          fail("");
          conflict(answer);
          answered("");
        }
      });
    }).catch(function () { fail("failed"); answered(""); });
  }
  function later() {
    dirty = true;
    keep();
    if (status && !sending) { status.textContent = ""; }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 1200);
  }
  function flush() {  // the page is hidden or left: the pending save now, to outlive it
    if (dirty || (sending && !leaving)) { save(true); }
  }
  function restore() {  // what the storage kept of this dossier, back into this page
    if (!key) { return false; }
    var found = [], back = false;
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf(prefix) === 0 && k !== key) { found.push(k); }
      }
      // the oldest first: a field kept twice (two tabs) takes its latest text
      found = found.map(function (k) {
        var v = null;
        try { v = JSON.parse(window.localStorage.getItem(k) || "null"); } catch (e) { v = null; }
        return {k: k, v: v};
      }).sort(function (x, y) { return ((x.v && x.v.at) || 0) - ((y.v && y.v.at) || 0); });
    } catch (e) { return false; }
    found.forEach(function (entry) {
      var kept = entry.v;
      Object.keys((kept && kept.fields) || {}).forEach(function (f) {
        if (!Object.prototype.hasOwnProperty.call(known, f) || kept.fields[f] === known[f]) {
          return;  // no longer on the page, or saved since
        }
        put(f, kept.fields[f]);
        if (kept.bases && kept.bases[f]) { base(f, kept.bases[f]); }  // what it changed from
        back = true;
      });
    });
    keep();  // now this page's to save: its own entry, the others' dropped
    found.forEach(function (entry) {
      try { window.localStorage.removeItem(entry.k); } catch (e) { /* kept: harmless */ }
    });
    return back;
  }
  form.addEventListener("change", later);
  form.addEventListener("input", later);
  document.addEventListener("submit", function (event) {
    var other = event.target;
    if (other === form) {  // the sheet's own save: the same request as the autosave
      event.preventDefault();
      dirty = true;
      if (status && !sending) { status.textContent = ""; }
      saved().then(function (ok) {
        if (ok) {  // « Brouillon enregistré. » in the status region: the page, the juror's
          // place and focus stay (a reload went back to the top, said at load, unheard)
          if (status) { status.textContent = status.getAttribute("data-saved"); }
          say(status && status.getAttribute("data-saved"));  // asked for: spoken
        } else if (REFUSALS.indexOf(reason) >= 0) {  // the server's page: why, and the text
          submitting = true;
          form.submit();
        }  // else (no answer, a field to correct, a conflict): said here, the text kept
      });
      return;
    }
    if (dirty || sending) {  // the save first, then this form
      event.preventDefault();
      saved().then(function (ok) {
        if (!ok) { return; }  // not saved: said on the page, the juror stays
        if (other.requestSubmit) { other.requestSubmit(event.submitter || undefined); }
        else { submitting = true; other.submit(); }
      });
      return;
    }
    submitting = true;
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
  // a save refused for its fields (the page without the script's save): the summary,
  // which names and links them, is where the juror is taken
  var summary = document.getElementById("problems");
  if (summary) { summary.focus(); }
  if (restore()) {  // typed here before and not saved: back in the fields, saved now
    restored = document.getElementById("restored");
    if (restored) {  // « not saved yet » until the server answers the save (fail keeps it)
      restored.textContent = restored.getAttribute("data-pending");
      restored.hidden = false;
    }
    dirty = true;
    save();
  }
})();
