// The story form follows its edition (editorial/admin/stories.py): the
// section select offers the edition's sections, the byline's author boxes
// ask for the edition's authors, and the story's text fields and body editor
// write in the edition's language and direction. The server checks the
// same (Article.clean); this only saves the journalist a failed save.
"use strict";
(function () {
  var TEXT_FIELDS = ["headline", "standfirst", "dateline", "body", "lead_image_caption"];

  function chosen(select) {
    var option = select.options[select.selectedIndex];
    return option ? { code: option.value, direction: option.dataset.direction || "ltr" } : null;
  }

  function showSections(code) {
    var select = document.getElementById("id_section");
    if (!select) return;
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.dataset.edition) return; // the empty choice
      var other = option.dataset.edition !== code;
      option.hidden = other;
      option.disabled = other;
      if (other && option.selected) select.value = "";
    });
  }

  function setDirection(edition) {
    TEXT_FIELDS.forEach(function (name) {
      var field = document.getElementById("id_" + name);
      if (!field) return;
      field.setAttribute("dir", edition.direction);
      field.setAttribute("lang", edition.code);
    });
    // The body editor reads its textarea's direction whenever it redraws;
    // set its editable element now too.
    document.querySelectorAll(".body-editor__content").forEach(function (content) {
      content.setAttribute("dir", edition.direction);
      content.setAttribute("lang", edition.code);
    });
  }

  function askAuthorsOf(code) {
    var $ = window.django && window.django.jQuery;
    document.querySelectorAll("select[data-edition-autocomplete]").forEach(function (select) {
      var url = new URL(select.getAttribute("data-ajax--url"), window.location.href);
      if (url.searchParams.get("edition") === code) return;
      url.searchParams.set("edition", code);
      select.setAttribute("data-ajax--url", url.pathname + url.search);
      // select2 reads its address when made: remake the live boxes (the
      // inline's template row is made when a row is added).
      if ($ && $(select).data("select2") && !select.name.includes("__prefix__")) {
        $(select).select2("destroy");
        $(select).djangoAdminSelect2();
      }
    });
  }

  function follow(select) {
    var edition = chosen(select);
    if (!edition || !edition.code) return;
    showSections(edition.code);
    setDirection(edition);
    askAuthorsOf(edition.code);
  }

  function start() {
    var select = document.getElementById("id_edition");
    if (!select) return; // read-only: the server drew the form in its edition
    showSections(chosen(select).code);
    select.addEventListener("change", function () {
      follow(select);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
