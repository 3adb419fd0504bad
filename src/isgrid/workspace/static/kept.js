// Jury workspace: what this browser keeps of text typed on a dossier and never saved
// (autosave.js keeps it in localStorage, "isgrid-unsaved:<juror>:/dossier/<id>:<page>",
// until it is saved; the dossier opened again while it can be changed saves it). Never
// left out in silence:
// * the list of dossiers (#kept-box, #dossiers) and the page to confirm the submission
//   (#kept-box) name the dossiers with text waiting here, with a link to each;
// * a dossier that can no longer be changed (submitted, scoring closed: #kept-box on its
//   page, data-dossier) says its text was not saved and shows it, to copy (textContent:
//   juror-typed text), with a button that erases it from this browser once copied.
(function () {
  "use strict";
  var box = document.getElementById("kept-box");
  if (!box) { return; }
  var prefix = "isgrid-unsaved:" + (box.getAttribute("data-owner") || "") + ":";
  function entries(action) {  // [{k, fields}] kept for the dossier of that address
    var out = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (!k || k.indexOf(prefix + action + ":") !== 0) { continue; }
        var v = null;
        try { v = JSON.parse(window.localStorage.getItem(k) || "null"); } catch (e) { v = null; }
        if (v && v.fields && Object.keys(v.fields).length) { out.push({k: k, v: v}); }
      }
    } catch (e) { return []; }  // storage refused: nothing kept here
    return out.sort(function (x, y) { return (x.v.at || 0) - (y.v.at || 0); });
  }
  var page = box.getAttribute("data-dossier");
  if (page === null) {  // the list, or the page to confirm the submission
    var list = box.querySelector("ul");
    var any = false;
    document.querySelectorAll("a[data-kept]").forEach(function (link) {
      if (!entries(link.getAttribute("href")).length) { return; }
      any = true;
      var mark = link.parentNode.querySelector(".kept-mark");
      if (mark) { mark.hidden = false; }
      if (list) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = link.getAttribute("href");
        a.textContent = link.textContent;
        li.appendChild(a);
        list.appendChild(li);
      }
    });
    box.hidden = !any;
    return;
  }
  // a dossier that can no longer be changed: each field kept, as the page names it
  var form = document.getElementById("sheet");
  var found = entries(page);
  if (!form || !found.length) { return; }
  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }
  function legend(id) { return text(document.querySelector("#" + CSS.escape(id) + " > legend")); }
  function labelOf(f, value) {  // [what the field is, what was typed as the page says it]
    var i = f.indexOf(":"), kind = i > 0 ? f.slice(0, i) : "", c = i > 0 ? f.slice(i + 1) : f;
    if (kind === "v" || f === "opinion") {
      var radio = form.querySelector('input[type="radio"][name="' + CSS.escape(f) + '"][value="' +
                                     CSS.escape(value) + '"]');
      var what = kind === "v" ? legend("f-" + c) + " — " + box.getAttribute("data-value")
                              : legend("f-opinion");
      return [what, text(radio && radio.closest("label")) || value];
    }
    if (kind === "c") { return [legend("f-" + c) + " — " + text(form.querySelector('label[for="c-' + CSS.escape(c) + '"]')), value]; }
    if (kind === "s") { return [legend("f-" + c) + " — " + text(form.querySelector('label[for="s-' + CSS.escape(c) + '"]')), value ? box.getAttribute("data-ticked") : box.getAttribute("data-unticked")]; }
    return [text(form.querySelector('label[for="' + CSS.escape(f) + '"]')) || f, value];
  }
  function stored(f) {  // what the page holds for the field (its fields are disabled)
    var el = form.elements.namedItem(f);
    if (!el) { return null; }
    if (el.type === "checkbox") { return el.checked ? el.value : ""; }
    return el.value;
  }
  var latest = {};  // field -> the latest text kept (two tabs: the newer wins)
  found.forEach(function (entry) {
    Object.keys(entry.v.fields).forEach(function (f) { latest[f] = entry.v.fields[f]; });
  });
  var dl = box.querySelector("dl");
  var shown = 0;
  Object.keys(latest).forEach(function (f) {
    if (stored(f) === latest[f]) { return; }  // what the grid holds already
    var pair = labelOf(f, latest[f]);
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = pair[0];
    dd.textContent = pair[1];
    dl.appendChild(dt);
    dl.appendChild(dd);
    shown += 1;
  });
  if (!shown) {  // all of it reached the grid since: nothing to say, nothing to keep
    found.forEach(function (entry) { try { window.localStorage.removeItem(entry.k); } catch (e) { /* harmless */ } });
    return;
  }
  box.hidden = false;
  var forget = box.querySelector("button");
  if (forget) {
    forget.addEventListener("click", function () {
      found.forEach(function (entry) { try { window.localStorage.removeItem(entry.k); } catch (e) { /* harmless */ } });
      box.hidden = true;
    });
  }
})();
