// Keyboard for the 名寄せ review queue: j / k move between pairs, s decides "same person" and d
// "different people" for the pair in focus (the first one until another is chosen). A file of its
// own because the CSP allows no inline script; without JavaScript the buttons work as they are.
document.addEventListener("DOMContentLoaded", function () {
  var pairs = Array.prototype.slice.call(document.querySelectorAll("section.review"));
  if (pairs.length === 0) { return; }
  var current = 0;
  function show(i) {
    current = Math.max(0, Math.min(pairs.length - 1, i));
    pairs.forEach(function (p, j) { p.classList.toggle("current", j === current); });
    pairs[current].focus();
  }
  pairs.forEach(function (p, j) {
    p.addEventListener("focusin", function () { current = j; pairs.forEach(function (q, k) { q.classList.toggle("current", k === j); }); });
  });
  pairs[0].classList.add("current");
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    // Typing a reason, or a key with a modifier, is never a decision.
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) { return; }
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) { return; }
    if (e.key === "j") { show(current + 1); e.preventDefault(); return; }
    if (e.key === "k") { show(current - 1); e.preventDefault(); return; }
    if (e.key === "s" || e.key === "d") {
      var button = pairs[current].querySelector("button[data-key='" + e.key + "']");
      if (button) { e.preventDefault(); button.form.requestSubmit ? button.form.requestSubmit(button) : button.click(); }
    }
  });
});
