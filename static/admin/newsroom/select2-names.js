// select2 boxes (Django's autocomplete fields, the topics box) name their
// combobox after the chosen value alone, and their search box not at all:
// an empty one has no accessible name. Name each after its field's visible
// label (its <label>, or in a tabular inline its column's header), followed
// by the choice. Run after the boxes are made, whatever the scripts' order.
"use strict";
(function ($) {
  var made = 0;

  function labelId(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    var cell = select.closest("td");
    if (!label && cell) {
      var table = cell.closest("table");
      var index = Array.prototype.indexOf.call(cell.parentNode.children, cell);
      label = table && table.tHead && table.tHead.rows[0].cells[index];
    }
    if (!label) return null;
    if (!label.id) label.id = "select2-label-" + (++made);
    return label.id;
  }

  function name(select) {
    var container = select.nextElementSibling;
    if (!container || !container.classList.contains("select2")) return;
    var id = labelId(select);
    if (!id) return;
    var selection = container.querySelector(".select2-selection");
    var rendered = container.querySelector(".select2-selection--single .select2-selection__rendered");
    if (rendered) {
      // Read as the combobox's value, not as a read-only text box of its own.
      rendered.removeAttribute("role");
      rendered.removeAttribute("aria-readonly");
      selection.setAttribute("aria-labelledby", id + " " + rendered.id);
    } else if (selection) {
      selection.setAttribute("aria-labelledby", id);
    }
    var search = container.querySelector(".select2-search__field");
    if (search) search.setAttribute("aria-labelledby", id);
  }

  function nameAll(root) {
    setTimeout(function () {
      $(root).find("select.select2-hidden-accessible").each(function () { name(this); });
    }, 0);
  }

  $(function () { nameAll(document); });
  document.addEventListener("formset:added", function (event) { nameAll(event.target); });
  // The topics box keeps its search field, but re-renders around it.
  $(document).on("select2:select select2:unselect", "select", function () { name(this); });
})(django.jQuery);
