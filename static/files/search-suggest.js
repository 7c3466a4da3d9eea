// Search suggestions: while a reader types into a search field, article titles and tags that
// start with the words appear under it as links (from /search/suggest). Progressive
// enhancement only: without this script every search form still submits to /search.
(function () {
  "use strict";
  document.querySelectorAll('form[role="search"] input[name="q"]').forEach(function (input) {
    var list = document.createElement("ul");
    list.className = "search-suggest";
    list.id = input.id + "-suggest";
    list.hidden = true;
    list.setAttribute("data-testid", "search-suggest");
    input.form.appendChild(list);
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    var timer = 0;
    var asked = 0;

    function show(items) {
      list.textContent = "";
      items.forEach(function (s) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = s.url;
        a.textContent = s.title;
        a.className = "search-suggest__" + s.kind;
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }

    function ask() {
      var q = input.value.trim();
      var mine = ++asked;
      if (q.length < 2) {
        show([]);
        return;
      }
      fetch("/search/suggest?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (mine === asked) show(data.suggestions || []); })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") show([]);
      if (e.key === "ArrowDown" && !list.hidden) {
        e.preventDefault();
        list.querySelector("a").focus();
      }
    });
    list.addEventListener("keydown", function (e) {
      var li = document.activeElement.parentElement;
      if (e.key === "ArrowDown" && li.nextElementSibling) {
        e.preventDefault();
        li.nextElementSibling.firstChild.focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        (li.previousElementSibling ? li.previousElementSibling.firstChild : input).focus();
      } else if (e.key === "Escape") {
        input.focus();
        show([]);
      }
    });
  });
})();
