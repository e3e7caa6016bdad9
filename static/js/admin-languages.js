// One language switch for a whole admin form, inlines included, and each
// translated field's "BE ✓ RU – EN ✓" (and "!" for a stale translation) kept
// up to date while the editor types.
// Without this script every language's field is shown, each labelled.
"use strict";
function setUpContentLanguage() {
  const bar = document.getElementById("content-language");
  if (!bar) {
    return;
  }
  const buttons = bar.querySelectorAll("button[data-language]");
  let chosen = bar.dataset.translatorTarget || bar.dataset.language || "all";

  function rowOf(status) {
    return status.closest("td, .fieldBox, .form-row");
  }

  // Marks the row (and, in a table, the column heading) of each translated field
  // with its language; rows copied from a formset's template keep the marks.
  function mark(root) {
    for (const status of root.querySelectorAll(".mt-status")) {
      const row = rowOf(status);
      if (!row) {
        continue;
      }
      row.dataset.mtLang = status.dataset.mtLang;
      if (row.tagName === "TD") {
        const table = row.closest("table");
        const heading = table && table.tHead && table.tHead.rows[0].cells[row.cellIndex];
        if (heading) {
          heading.dataset.mtLang = status.dataset.mtLang;
        }
      }
    }
  }

  function show(language) {
    chosen = language;
    for (const element of document.querySelectorAll("[data-mt-lang]:not(.mt-status)")) {
      element.classList.toggle("mt-off", language !== "all" && element.dataset.mtLang !== language);
    }
    for (const button of buttons) {
      button.setAttribute("aria-pressed", String(button.dataset.language === language));
    }
  }

  function remember(language) {
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!token || !bar.dataset.preferenceUrl) {
      return;
    }
    fetch(bar.dataset.preferenceUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value },
      body: new URLSearchParams({ content_language: language }),
    }).catch(() => {
      // Not remembered this time; the switch itself still works.
    });
  }

  function isWritten(value) {
    const text = value.replace(/<[^>]*>/g, "").replace(/&nbsp;|\u00a0/g, " ");
    return text.trim() !== "";
  }

  // Every language's status of one field: the status beside each of its widgets.
  function refresh(input) {
    const row = input.closest("[data-mt-lang]");
    const status = row && row.querySelector(".mt-status");
    if (!status || !input.name || !input.form) {
      return;
    }
    const suffix = `${status.dataset.mtField}_${status.dataset.mtLang}`;
    if (!input.name.endsWith(suffix)) {
      return;
    }
    const prefix = input.name.slice(0, -suffix.length);
    const fieldIn = (language) =>
      input.form.elements.namedItem(`${prefix}${status.dataset.mtField}_${language}`);
    const languages = [...status.querySelectorAll("[data-language]")].map((i) => i.dataset.language);
    const written = new Map(languages.map((l) => [l, isWritten(fieldIn(l)?.value || "")]));
    for (const language of languages) {
      const other = fieldIn(language)?.closest("[data-mt-lang]")?.querySelector(".mt-status");
      for (const item of other ? other.querySelectorAll("[data-language]") : []) {
        const yes = written.get(item.dataset.language);
        // Stale until saved: the server tells, from the text the translation was made from.
        const stale = yes && item.dataset.stale === "true";
        item.dataset.written = String(yes);
        item.title = stale
          ? item.dataset.titleStale
          : yes
            ? item.dataset.titleWritten
            : item.dataset.titleEmpty;
        item.querySelector(".mt-mark").textContent = stale ? "!" : yes ? "✓" : "–";
      }
    }
  }

  for (const button of buttons) {
    button.addEventListener("click", () => {
      show(button.dataset.language);
      remember(button.dataset.language);
    });
  }
  // The rich-text editor copies its text into the textarea and fires "input" there.
  document.addEventListener("input", (event) => refresh(event.target));
  document.addEventListener("change", (event) => refresh(event.target));
  document.addEventListener("formset:added", (event) => {
    mark(event.target);
    show(chosen);
  });

  mark(document);
  // A form sent back with an error in a language that is switched off would
  // hide the error: show every language, without changing the remembered one.
  const hiddenError = [...document.querySelectorAll("[data-mt-lang]:not(.mt-status)")].some(
    (row) => chosen !== "all" && row.dataset.mtLang !== chosen && row.querySelector(".errorlist"),
  );
  show(hiddenError ? "all" : chosen);
  bar.querySelector(".content-language-buttons")?.removeAttribute("hidden");
  bar.classList.add("content-language-ready");
}

// The admin loads form media in the page's head, before the form exists.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUpContentLanguage);
} else {
  setUpContentLanguage();
}
