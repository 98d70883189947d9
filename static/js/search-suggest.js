// Search suggestions as the reader types: the ARIA 1.2 combobox pattern
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/) over a search input
// that has data-suggest="<url of search:suggest>". Without JavaScript the
// input is a plain search form; with it, typing lists up to five stories and
// five topics. Down/Up move through them, Enter opens the one chosen (or
// searches, if none is), Escape closes the list, then clears the input.
(function () {
  "use strict";
  var DELAY = 150;
  var counter = 0;

  function enhance(input) {
    var form = input.form;
    var id = "suggestions-" + ++counter;
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    list.id = id;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    // The words, in the page's language (the template puts them on the input).
    var words = {
      label: input.dataset.suggestLabel || "Suggestions",
      // "{count}" is the number of suggestions (no plural to agree with).
      status: input.dataset.suggestStatus || "Suggestions: {count}. Use the up and down arrows to choose.",
      topic: input.dataset.suggestTopic || "(topic)"
    };
    list.setAttribute("aria-label", words.label);
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");
    form.classList.add("has-suggestions");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      if (active >= 0) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (active < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function show(data) {
      list.textContent = "";
      options = [];
      active = -1;
      data.stories.forEach(function (item) { add(item, "story"); });
      data.topics.forEach(function (item) { add(item, "topic"); });
      if (!options.length) {
        close();
        status.textContent = "";
        return;
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = words.status.replace("{count}", String(options.length));
    }

    function add(item, kind) {
      var option = document.createElement("li");
      option.id = id + "-" + options.length;
      option.className = "suggestions__option suggestions__option--" + kind;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = item.url;
      var label = document.createElement("span");
      label.textContent = item.label;
      label.setAttribute("dir", "auto");
      option.appendChild(label);
      if (kind === "topic") {
        var note = document.createElement("span");
        note.className = "suggestions__kind";
        note.textContent = " " + words.topic;
        option.appendChild(note);
      }
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep focus in the input
        window.location.assign(item.url);
      });
      list.appendChild(option);
      options.push(option);
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < 2) {
        show({ stories: [], topics: [] });
        return;
      }
      var ticket = ++latest;
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && ticket === latest && document.activeElement === input) show(data);
        })
        .catch(function () { close(); }); // the plain form still works
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        if (!open) {
          fetchSuggestions();
          return;
        }
        event.preventDefault();
        highlight(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].dataset.url);
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
        }
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-suggest]").forEach(enhance);
})();
