/* The search page (docs/search.md, overrides/search.html): finds the reader's words with
   Pagefind (site/pagefind/, written by hooks/search_index.py) and lists the pages found.

   Pagefind and its index load only when the reader searches, and only on this page: no other
   page fetches anything for search (issue #6). A query in the address (?q=medicare), as the
   header's search form sends, runs as soon as the page opens. */
(function () {
  "use strict";

  var MAX_RESULTS = 10;
  var script = document.currentScript;
  var form = document.querySelector("[data-clinic-search]");
  var status = document.querySelector("[data-clinic-search-status]");
  var list = document.querySelector("[data-clinic-search-results]");
  if (!script || !form || !status || !list) return;
  var input = form.elements.q;
  var bundle = new URL("../pagefind/pagefind.js", script.src).href;
  var pagefind = null;
  var latest = 0;
  var timer = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(bundle).then(function (module) {
        // In this page rather than a worker: one file less to download, and the index is small.
        return module.options({ noWorker: true, excerptLength: 26 }).then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; });  // a later search tries again
    }
    return pagefind;
  }

  // Pagefind marks the matched words with <mark>: keep those and the text, nothing else. An
  // excerpt that starts or stops mid-sentence says so with an ellipsis.
  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "clinic-search__excerpt";
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    parsed.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    var text = paragraph.textContent.trim();
    if (/^[a-z]/.test(text)) paragraph.insertBefore(document.createTextNode("\u2026 "), paragraph.firstChild);
    if (text && !/[.!?]$/.test(text)) paragraph.appendChild(document.createTextNode(" \u2026"));
    return paragraph;
  }

  function result(page) {
    var item = document.createElement("li");
    item.className = "clinic-search__result";
    var link = document.createElement("a");
    link.className = "clinic-search__link";
    link.href = page.url;
    link.textContent = (page.meta && page.meta.title) || page.url;
    item.appendChild(link);
    item.appendChild(excerpt(page.excerpt || ""));
    return item;
  }

  // The words come from the page (overrides/search.html), in the page's language:
  // {words} is the query in quotes, {total} and {shown} are counts.
  function say(name, values) {
    return (form.getAttribute("data-text-" + name) || "").replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function summary(query, total, shown) {
    var values = { words: "\u201c" + query + "\u201d", total: total, shown: shown };
    if (total === 0) return say("none", values);
    if (total === 1) return say("one", values);
    return say(shown < total ? "some" : "all", values);
  }

  function show(query, total, pages) {
    list.replaceChildren.apply(list, pages.map(result));
    list.hidden = pages.length === 0;
    status.textContent = summary(query, total, pages.length);
  }

  function clear() {
    list.replaceChildren();
    list.hidden = true;
    status.textContent = "";
  }

  function run(text) {
    var query = text.trim();
    var ticket = ++latest;
    if (!query) return clear();
    status.textContent = say("searching", {});
    load()
      .then(function (module) { return module.search(query); })
      .then(function (search) {
        var found = (search && search.results) || [];
        return Promise.all(found.slice(0, MAX_RESULTS).map(function (hit) { return hit.data(); }))
          .then(function (pages) { if (ticket === latest) show(query, found.length, pages); });
      })
      .catch(function () {
        if (ticket !== latest) return;
        list.hidden = true;
        status.textContent = say("broken", {});
      });
  }

  // The address keeps the words, so a result page's Back button returns to the same results.
  function remember(text) {
    var url = new URL(window.location.href);
    if (text.trim()) url.searchParams.set("q", text.trim());
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url.href);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    remember(input.value);
    run(input.value);
  });

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      remember(input.value);
      run(input.value);
    }, 350);
  });

  var query = new URLSearchParams(window.location.search).get("q") || "";
  if (query.trim()) {
    input.value = query;
    run(query);
  } else {
    input.focus();
  }
})();
