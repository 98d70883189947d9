// A+/A- text sizing for articles. The inline boot script in <head> has
// already applied the stored size before first paint; this wires the buttons.
(function () {
  "use strict";
  var KEY = "newsroom:text-size";
  var MIN = 0, MAX = 4, DEFAULT = 1;
  var root = document.documentElement;
  var buttons = document.querySelectorAll("[data-text-size-step]");
  var status = document.querySelector("[data-text-size-status]");
  if (!buttons.length) return;
  // What is read out after a change, in the page's language (the template
  // writes the five, smallest first).
  var LABELS = (status && status.dataset.textSizeLabels || "").split("|");
  if (LABELS.length !== MAX + 1) {
    LABELS = ["Smallest", "Normal", "Large", "Larger", "Largest"].map(function (size) { return "Text size: " + size; });
  }

  function current() {
    var value = parseInt(root.dataset.textSize, 10);
    return isNaN(value) ? DEFAULT : Math.min(MAX, Math.max(MIN, value));
  }

  function render(size, announce) {
    root.dataset.textSize = String(size);
    buttons.forEach(function (button) {
      var step = parseInt(button.dataset.textSizeStep, 10);
      button.disabled = step < 0 ? size <= MIN : size >= MAX;
    });
    if (announce && status) status.textContent = LABELS[size];
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var size = Math.min(MAX, Math.max(MIN, current() + parseInt(button.dataset.textSizeStep, 10)));
      try { localStorage.setItem(KEY, String(size)); } catch (e) { /* private mode: size lasts this page */ }
      render(size, true);
    });
  });
  // Another tab changed the size: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY && /^[0-4]$/.test(event.newValue || "")) render(parseInt(event.newValue, 10), false);
  });
  render(current(), false);
})();
