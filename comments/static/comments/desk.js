/* The moderation screen's keyboard and in-place decisions.

   Without this script every decision is a plain form POST and a page load.
   With it: j/k move between comments, a approves (keeps, on a reported
   comment), r then a number rejects with that reason (Enter: the first),
   ? shows the shortcuts; the forms are sent with fetch (the same view, the
   same decide()), and the focus moves to the next comment. */
(function () {
  "use strict";
  var desk = document.querySelector(".desk");
  if (!desk) return;
  var statusBox = desk.querySelector("[data-desk-status]");
  var help = document.getElementById("desk-help");
  var helpButton = desk.querySelector("[data-desk-help]");
  var keepRows = desk.dataset.queue === "commenter";
  var keysToggle = desk.querySelector("[data-desk-keys]");
  var KEYS_OFF = "newsroom.desk.keys-off";
  var current = null;
  var choosing = null; // the form waiting for a reason's number

  function items() {
    return Array.prototype.slice.call(desk.querySelectorAll(".desk-item"));
  }

  function say(text) {
    statusBox.textContent = "";
    var p = document.createElement("p");
    p.className = "desk-message";
    p.textContent = text;
    statusBox.appendChild(p);
  }

  function select(item) {
    if (current) current.classList.remove("is-current");
    current = item;
    stopChoosing();
    if (!item) {
      var empty = desk.querySelector("[data-desk-empty]");
      empty.hidden = false;
      empty.focus();
      return;
    }
    item.classList.add("is-current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var list = items();
    if (!list.length) return;
    var index = list.indexOf(current);
    var next = index < 0 ? 0 : Math.min(Math.max(index + step, 0), list.length - 1);
    select(list[next]);
  }

  function stopChoosing() {
    if (choosing) choosing.classList.remove("is-choosing");
    choosing = null;
  }

  function startChoosing(form) {
    choosing = form;
    form.classList.add("is-choosing");
    var first = form.querySelector("[data-reasons] option");
    say("Reason: press its number (Enter: " + (first ? first.textContent : "the first") + "), Esc to cancel.");
  }

  function choose(form, index) {
    var select = form.querySelector("[data-reasons]");
    if (!select || index >= select.options.length) return;
    select.selectedIndex = index;
    stopChoosing();
    if (select.options[index].dataset.other) {
      // "Other" needs a note: type it, Enter sends the form.
      var note = form.querySelector("[data-note]");
      say("Write a note, then press Enter.");
      note.focus();
      return;
    }
    send(form);
  }

  function updateCounts(counts) {
    Object.keys(counts || {}).forEach(function (key) {
      var badge = desk.querySelector('[data-count="' + key + '"]');
      if (badge) badge.textContent = counts[key];
    });
  }

  function send(form) {
    var item = form.closest(".desk-item");
    var error = item.querySelector("[data-desk-error]");
    error.textContent = "";
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        if (!result.ok || !result.data.ok) {
          error.textContent = result.data.message || "That did not work; try again.";
          select(item);
          return;
        }
        say(result.data.message);
        updateCounts(result.data.counts);
        if (keepRows) {
          var state = item.querySelector("[data-desk-state]");
          if (state) state.textContent = result.data.status;
          move(1);
          return;
        }
        var list = items();
        var index = list.indexOf(item);
        item.remove();
        list = items();
        select(list[Math.min(index, list.length - 1)] || null);
      })
      .catch(function () {
        // The network or the server failed: send the plain form instead.
        form.submit();
      });
  }

  desk.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("desk-form")) return;
    event.preventDefault();
    send(form);
  });

  desk.addEventListener("focusin", function (event) {
    var item = event.target.closest(".desk-item");
    if (item && item !== current) {
      if (current) current.classList.remove("is-current");
      current = item;
      item.classList.add("is-current");
    }
  });

  function keysOn() {
    return !keysToggle || keysToggle.checked;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || !keysOn()) return;
    var target = event.target;
    var typing = target.closest && target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape") {
      if (choosing) {
        stopChoosing();
        say("Cancelled.");
        event.preventDefault();
      } else if (typing && current) {
        select(current);
      }
      return;
    }
    if (typing || (help && help.open)) return;
    if (choosing) {
      if (/^[1-9]$/.test(event.key)) {
        event.preventDefault();
        choose(choosing, Number(event.key) - 1);
        return;
      }
      if (event.key === "Enter") {
        event.preventDefault();
        choose(choosing, 0);
        return;
      }
    }
    var form;
    switch (event.key) {
      case "j":
        move(1);
        break;
      case "k":
        move(-1);
        break;
      case "a":
        if (!current) move(0);
        form = current && current.querySelector('.desk-form[data-key="a"]');
        if (form) send(form);
        else if (current) say("Already approved.");
        break;
      case "r":
        if (!current) move(0);
        form = current && current.querySelector('.desk-form[data-key="r"]');
        if (form) startChoosing(form);
        else if (current) say("Already rejected.");
        break;
      case "?":
        if (help) help.showModal();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  if (keysToggle) {
    try {
      keysToggle.checked = localStorage.getItem(KEYS_OFF) !== "1";
    } catch (e) {
      /* storage blocked: shortcuts stay on */
    }
    keysToggle.addEventListener("change", function () {
      try {
        if (keysToggle.checked) localStorage.removeItem(KEYS_OFF);
        else localStorage.setItem(KEYS_OFF, "1");
      } catch (e) {
        /* not remembered */
      }
      stopChoosing();
      say(keysToggle.checked ? "Single-key shortcuts on." : "Single-key shortcuts off.");
    });
    desk.querySelector("[data-desk-keys-toggle]").hidden = false;
  }
  if (helpButton) {
    helpButton.hidden = false;
    helpButton.addEventListener("click", function () {
      help.showModal();
    });
  }
  var list = items();
  if (list.length) select(list[0]);
})();
