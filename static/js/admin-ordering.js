/* Drag-and-drop ordering of admin inline rows (sections, activity rows,
 * call-to-action links, meeting topics).
 *
 * Each row's position stays a number input, so the form works without
 * JavaScript; this script adds a handle beside it, moves the row where it is
 * dropped (or with the arrow keys on the handle) and numbers the rows 1..n in
 * the order shown. A new row gets the next number.
 *
 * Django's inlines.js renames the rows' fields by their place in the page
 * when an unsaved row is removed, and saved rows must keep the first
 * numbers: so the rows go back to their form order just before a removal and
 * to the order shown right after it.
 */
"use strict";
{
    const POSITION = "input.ordering-position";

    function prefixOf(group) {
        return JSON.parse(group.dataset.inlineFormset).options.prefix;
    }

    function indexOf(row, prefix) {
        const match = new RegExp("^" + prefix + "-(\\d+)$").exec(row.id);
        return match ? Number(match[1]) : null;
    }

    function groupOf(element) {
        return element.closest(".js-inline-admin-formset");
    }

    // The rows of a group in the order shown, the hidden template left out.
    function rowsOf(group) {
        const prefix = prefixOf(group);
        return Array.from(group.querySelectorAll("[id^='" + prefix + "-']")).filter(
            (row) => indexOf(row, prefix) !== null && row.querySelector(POSITION),
        );
    }

    function rowOf(element) {
        const group = groupOf(element);
        if (!group) {
            return null;
        }
        return rowsOf(group).find((row) => row.contains(element)) || null;
    }

    // A tabular row's errors stand in a row of their own just above it.
    function withErrors(row) {
        const previous = row.previousElementSibling;
        if (previous && previous.classList.contains("row-form-errors")) {
            return [previous, row];
        }
        return [row];
    }

    function place(row, before) {
        for (const node of withErrors(row)) {
            before.parentNode.insertBefore(node, before);
        }
    }

    function moveBefore(row, target) {
        place(row, withErrors(target)[0]);
    }

    function moveAfter(row, target) {
        const next = target.nextElementSibling;
        if (next) {
            place(row, next);
        } else {
            for (const node of withErrors(row)) {
                target.parentNode.appendChild(node);
            }
        }
    }

    function arrange(rows) {
        if (!rows.length) {
            return;
        }
        const last = rows.reduce((a, b) =>
            a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? b : a,
        );
        const anchor = last.nextSibling;
        const parent = last.parentNode;
        for (const row of rows) {
            for (const node of withErrors(row)) {
                parent.insertBefore(node, anchor);
            }
        }
    }

    function renumber(group) {
        rowsOf(group).forEach((row, index) => {
            row.querySelector(POSITION).value = String(index + 1);
        });
    }

    function highest(group, except) {
        return rowsOf(group)
            .filter((row) => row !== except)
            .reduce((max, row) => Math.max(max, Number(row.querySelector(POSITION).value) || 0), 0);
    }

    // Unnumbered new rows (0 is the model's default) go after all others.
    function numberNewRows(group) {
        for (const row of rowsOf(group)) {
            const input = row.querySelector(POSITION);
            if (!row.classList.contains("has_original") && !Number(input.value)) {
                input.value = String(highest(group, row) + 1);
            }
        }
    }

    function addHandle(input) {
        if (input.parentNode.matches(".ordering-control")) {
            return;
        }
        // Not a <button>: Firefox does not drag buttons.
        const handle = document.createElement("span");
        handle.className = "ordering-handle";
        handle.draggable = true;
        handle.tabIndex = 0;
        handle.setAttribute("role", "button");
        handle.textContent = "↕";
        handle.title = input.dataset.handleLabel;
        handle.setAttribute("aria-label", input.dataset.handleLabel);
        // Handle and number side by side, whatever the field's layout.
        const control = document.createElement("span");
        control.className = "ordering-control";
        input.parentNode.insertBefore(control, input);
        control.append(handle, input);
    }

    let dragged = null;

    // Only the handle is draggable, so that text in the row's fields can
    // still be selected with the mouse; the whole row moves with it.
    document.addEventListener("dragstart", (event) => {
        const handle = event.target instanceof Element && event.target.closest(".ordering-handle");
        const row = handle && rowOf(handle);
        if (!row) {
            return;
        }
        dragged = row;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", "");
        event.dataTransfer.setDragImage(row, 10, 10);
        row.classList.add("ordering-dragged");
    });

    document.addEventListener("dragover", (event) => {
        if (!dragged || !(event.target instanceof Element)) {
            return;
        }
        const target = rowOf(event.target);
        if (!target || groupOf(target) !== groupOf(dragged)) {
            return;
        }
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        if (target === dragged) {
            return;
        }
        const box = target.getBoundingClientRect();
        if (event.clientY < box.top + box.height / 2) {
            if (target.previousElementSibling !== dragged) {
                moveBefore(dragged, target);
            }
        } else if (target.nextElementSibling !== dragged) {
            moveAfter(dragged, target);
        }
    });

    document.addEventListener("drop", (event) => {
        if (dragged) {
            event.preventDefault();
        }
    });

    document.addEventListener("dragend", () => {
        if (!dragged) {
            return;
        }
        const row = dragged;
        dragged = null;
        row.classList.remove("ordering-dragged");
        renumber(groupOf(row));
    });

    document.addEventListener("keydown", (event) => {
        const handle = event.target instanceof Element && event.target.closest(".ordering-handle");
        const row = handle && rowOf(handle);
        if (!row || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) {
            return;
        }
        event.preventDefault();
        const rows = rowsOf(groupOf(row));
        const index = rows.indexOf(row);
        if (event.key === "ArrowUp" && index > 0) {
            moveBefore(row, rows[index - 1]);
        } else if (event.key === "ArrowDown" && index < rows.length - 1) {
            moveAfter(row, rows[index + 1]);
        }
        renumber(groupOf(row));
        handle.focus();
    });

    // Before inlines.js renames the fields of the rows left (see above).
    document.addEventListener(
        "click",
        (event) => {
            const link = event.target instanceof Element && event.target.closest(".inline-deletelink");
            const group = link && groupOf(link);
            if (!group || !group.querySelector(POSITION)) {
                return;
            }
            const shown = rowsOf(group);
            const prefix = prefixOf(group);
            arrange(shown.slice().sort((a, b) => indexOf(a, prefix) - indexOf(b, prefix)));
            setTimeout(() => arrange(shown.filter((row) => row.isConnected)));
        },
        true,
    );

    document.addEventListener("formset:added", (event) => {
        const group = groupOf(event.target);
        if (group && event.target.querySelector(POSITION)) {
            event.target.querySelectorAll(POSITION).forEach(addHandle);
            numberNewRows(group);
        }
    });

    // A form sent back with an error shows its rows in form order, not in
    // the order the editor dragged them to: put them back where their
    // numbers say, or the next drag would renumber them as shown and undo it.
    function showInNumberOrder(group) {
        const rows = rowsOf(group);
        const number = (row) => {
            const value = row.querySelector(POSITION).value;
            return value === "" || Number.isNaN(Number(value)) ? Infinity : Number(value);
        };
        const sorted = rows.slice().sort((a, b) => {
            const [x, y] = [number(a), number(b)];
            return x === y ? 0 : x < y ? -1 : 1;
        });
        if (sorted.some((row, index) => row !== rows[index])) {
            arrange(sorted);
        }
    }

    function start() {
        document.querySelectorAll(POSITION).forEach(addHandle);
        for (const group of document.querySelectorAll(".js-inline-admin-formset")) {
            if (group.querySelector(POSITION)) {
                numberNewRows(group);
                showInNumberOrder(group);
            }
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
