// Tags box in the article form: select2 in "tags" mode, fed by existing tags.
"use strict";
(function ($) {
  function init(element) {
    var $el = $(element);
    if ($el.data("select2")) return;
    $el.select2({
      tags: true,
      tokenSeparators: [","],
      width: "100%",
      placeholder: $el.data("placeholder"),
      ajax: {
        url: $el.data("suggest-url"),
        dataType: "json",
        delay: 200,
        data: function (params) { return { term: params.term || "" }; }
      }
    });
  }
  $(function () { $(".newsroom-tag-autocomplete").each(function () { init(this); }); });
})(django.jQuery);
