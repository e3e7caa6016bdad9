// The rich-text editor (django-prose-editor) writes the tooltips of its
// toolbar and the entries of its block menu in English, outside gettext.
// This module replaces its Menu extension with the same Menu whose items get
// their labels from Django's JavaScript catalogue (window.gettext, loaded by
// the admin's jsi18n script before any module runs). newsroom/settings.py
// loads it through DJANGO_PROSE_EDITOR_EXTENSIONS.
import { Menu as EditorMenu } from "django-prose-editor/editor"

const gettext = window.gettext || ((text) => text)
const interpolate = window.interpolate || ((format, args) => format.replace("%s", args[0]))

// The editor's own labels (lower case), in django_prose_editor's menu.js and link.js.
const LABELS = {
  bold: gettext("Bold"),
  italic: gettext("Italic"),
  underline: gettext("Underline"),
  strike: gettext("Strikethrough"),
  subscript: gettext("Subscript"),
  superscript: gettext("Superscript"),
  paragraph: gettext("Paragraph"),
  blockquote: gettext("Quotation"),
  "unordered list": gettext("Bulleted list"),
  "ordered list": gettext("Numbered list"),
  "horizontal rule": gettext("Horizontal line"),
  figure: gettext("Figure"),
  "insert link": gettext("Insert link"),
  "remove link": gettext("Remove link"),
  undo: gettext("Undo"),
  redo: gettext("Redo"),
  "edit html": gettext("Edit HTML"),
  left: gettext("Align left"),
  center: gettext("Centre"),
  right: gettext("Align right"),
  justify: gettext("Justify"),
}
const HEADING = /^heading (\d)$/i

function translated(label) {
  const heading = HEADING.exec(label.trim())
  if (heading) return interpolate(gettext("Heading %s"), [heading[1]])
  return LABELS[label.trim().toLowerCase()] ?? label
}

function translateButton(button) {
  if (!button) return button
  if (button.title) button.title = translated(button.title)
  const label = button.getAttribute("aria-label")
  if (label) button.setAttribute("aria-label", translated(label))
  return button
}

function translateOption(option) {
  // Options are elements holding only their label ("Heading 3", "Paragraph").
  if (option && option.childElementCount === 0 && option.textContent) {
    option.textContent = translated(option.textContent)
  }
  return option
}

export const Menu = EditorMenu.extend({
  addStorage() {
    const storage = this.parent()
    const defineItem = storage.menu.defineItem
    // Every item, the menu's own and the other extensions' (links), is
    // defined here before the toolbar is built or its buttons are copied.
    storage.menu.defineItem = (definition) =>
      defineItem({
        ...definition,
        button: translateButton(definition.button),
        option: translateOption(definition.option),
      })
    return storage
  },
})
