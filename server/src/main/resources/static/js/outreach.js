// The outreach worklist: an action's refusal (400) comes back as the item redrawn with its error,
// so htmx swaps it in like a success instead of dropping it (htmx leaves 4xx unswapped by default).
// A file of its own because the CSP allows no inline script; without JavaScript the forms post as usual.
document.addEventListener("htmx:beforeSwap", function (e) {
  if (e.detail.xhr && e.detail.xhr.status === 400) {
    e.detail.shouldSwap = true;
    e.detail.isError = false;
  }
});
