// hoshi's only script. Every page works without it; it adds two guards:
// - a form with data-confirm asks before an irreversible step (confirm, return, revoke, disable);
// - the category page says how many criteria have changes not yet saved, and warns before the
//   page is left with them.
(function () {
  "use strict";
  // A file over the server's limit is refused beside its field before anything is sent.
  var files = document.querySelectorAll("input[type=file][data-max-bytes]");
  for (var f = 0; f < files.length; f++) {
    files[f].addEventListener("change", function () {
      var file = this.files && this.files[0];
      var over = file && file.size > Number(this.dataset.maxBytes);
      this.setCustomValidity(over ? this.dataset.tooLarge : "");
      if (over) { this.reportValidity(); }
    });
  }
  var confirmed = document.querySelectorAll("form[data-confirm]");
  for (var i = 0; i < confirmed.length; i++) {
    confirmed[i].addEventListener("submit", function (e) {
      if (!window.confirm(this.dataset.confirm)) { e.preventDefault(); }
    });
  }
})();
(function () {
  "use strict";
  var form = document.getElementById("answers");
  if (!form) { return; }
  var note = document.getElementById("unsaved");
  var dirty = {};
  var submitting = false;
  function count() {
    var n = Object.keys(dirty).length;
    if (note) { note.textContent = n ? form.dataset.unsaved + " (" + n + ")" : ""; }
    return n;
  }
  function mark(e) {
    var t = e.target;
    if (!t || t.getAttribute("form") !== "answers" || !t.name) { return; }
    var i = t.name.indexOf(".");
    if (i < 0) { return; }
    dirty[t.name.slice(i + 1)] = true;
    count();
  }
  // A page shown again after a refusal holds typed text that is not saved yet.
  var failed = document.querySelectorAll(".answer.failed[data-criterion]");
  for (var k = 0; k < failed.length; k++) { dirty[failed[k].dataset.criterion] = true; }
  count();
  document.addEventListener("input", mark);
  document.addEventListener("change", mark);
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (e) {
    if (!submitting && count() > 0) { e.preventDefault(); e.returnValue = ""; }
  });
})();
