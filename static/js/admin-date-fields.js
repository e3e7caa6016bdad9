// Django's admin puts its "Note: Enter times in the … timezone" beside date
// fields as well as time fields. A date has no time to enter, so the note
// stays beside time inputs only; a date-and-time field still gets it from its
// time input. Loaded with defer: after DateTimeShortcuts.js, before it runs.
"use strict";
{
    const shortcuts = window.DateTimeShortcuts;
    if (shortcuts) {
        const addTimezoneWarning = shortcuts.addTimezoneWarning;
        shortcuts.addTimezoneWarning = function (inp) {
            if (!inp.classList.contains("vDateField")) {
                addTimezoneWarning.call(this, inp);
            }
        };
    }
}
