"""SVG logos: only drawing survives the upload.

An SVG is a document that can run script and fetch other sites' files when it
is opened on its own. The logo is shown with <img>, where a browser runs
neither, but its address can be opened directly and copied to mirrors: so an
upload is parsed (with no DOCTYPE and no entities, so no entity bomb and no
external entity), rebuilt from an allow-list of drawing elements and
attributes, and only that rebuilt copy is stored.
"""

import re
import uuid
from xml.etree import ElementTree
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# A logo is a few kilobytes; more means embedded pictures or an export gone wrong.
MAX_BYTES = 200 * 1024
MAX_ELEMENTS = 5000
MAX_DEPTH = 50

# Drawing only: no script, foreignObject, image, a, iframe, animation (which
# can rewrite an href) or anything else that acts or fetches.
ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle",
    "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern",
    "marker", "filter", "feGaussianBlur", "feOffset", "feBlend", "feFlood",
    "feComposite", "feColorMatrix", "feMerge", "feMergeNode", "style",
}  # fmt: skip
# Containers that editors' exports use (a logo wrapped in a link, Illustrator's
# <switch>): their drawing is kept as a plain group, without what they do.
AS_GROUP = {"a", "switch"}
ATTRIBUTES = {
    "id", "class", "style", "viewBox", "preserveAspectRatio", "width", "height",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy",
    "d", "points", "pathLength", "transform", "fill", "fill-opacity", "fill-rule",
    "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity",
    "opacity", "color", "display", "visibility", "clip-path", "clip-rule", "mask",
    "vector-effect", "paint-order", "shape-rendering", "offset", "stop-color",
    "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
    "clipPathUnits", "maskUnits", "maskContentUnits", "patternUnits",
    "patternContentUnits", "patternTransform", "markerWidth", "markerHeight",
    "markerUnits", "refX", "refY", "orient", "marker-start", "marker-mid",
    "marker-end", "filter", "filterUnits", "primitiveUnits", "in", "in2", "result",
    "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4", "type", "values",
    "flood-color", "flood-opacity", "dx", "dy", "rotate", "textLength",
    "lengthAdjust", "startOffset", "font-family", "font-size", "font-weight",
    "font-style", "font-variant", "text-anchor", "dominant-baseline",
    "alignment-baseline", "letter-spacing", "word-spacing", "text-decoration",
    "href", "role", "aria-label", "aria-hidden", "version", "media",
}  # fmt: skip
# An href may only point inside the file (a gradient, a symbol).
LOCAL_REFERENCE = re.compile(r"#[A-Za-z_][\w.:-]*")
URL = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
# CSS escapes ("\75 rl(") or comments could spell what the checks look for.
CSS_TRICKS = re.compile(r"\\|/\*|@import|@font-face|expression\s*\(|javascript:|<", re.IGNORECASE)


class UnsafeSVG(Exception):
    pass


def _local_urls_only(value):
    """True when every url(...) in `value` points inside the file."""
    return all(LOCAL_REFERENCE.fullmatch(found.group(2).strip()) for found in URL.finditer(value))


def _safe_css(text):
    return not CSS_TRICKS.search(text) and _local_urls_only(text)


def _local_name(name, namespace):
    if name.startswith(namespace + " "):
        return name.split(" ", 1)[1]
    return None


def _parse(data):
    """The document as a tree, with expat's doctype and entities refused."""
    root = None
    stack = []
    count = 0

    def refuse(*_args):
        raise UnsafeSVG("DOCTYPE or entity")

    def start(name, attributes):
        nonlocal root, count
        count += 1
        if count > MAX_ELEMENTS or len(stack) >= MAX_DEPTH:
            raise UnsafeSVG("too large")
        element = ElementTree.Element(name, attributes)
        if stack:
            stack[-1].append(element)
        else:
            root = element
        stack.append(element)

    def end(_name):
        stack.pop()

    def characters(text):
        if not stack:
            return
        parent = stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SkippedEntityHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    # Comments and processing instructions (<?xml-stylesheet?>) are dropped
    # by having no handler.
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise UnsafeSVG("not XML") from error
    return root


def _attribute_name(name):
    """The allowed name of a parsed attribute, or None to drop it."""
    if " " not in name:
        return name if name in ATTRIBUTES else None
    namespace, local = name.split(" ", 1)
    if namespace == XLINK and local == "href":
        return f"{{{XLINK}}}href"
    if namespace == XML and local in {"space", "lang"}:
        return f"{{{XML}}}{local}"
    return None


def _clean(element):
    """A copy of `element` with only allowed elements and attributes, or None."""
    local = _local_name(element.tag, SVG)
    if local in AS_GROUP:
        local = "g"
    if local not in ELEMENTS:
        return None
    copy = ElementTree.Element(f"{{{SVG}}}{local}")
    for name, value in element.attrib.items():
        allowed = _attribute_name(name)
        if allowed is None:
            continue  # on* handlers, unknown and foreign attributes
        if allowed.endswith("href"):
            if not LOCAL_REFERENCE.fullmatch(value.strip()):
                continue
        elif allowed == "style":
            if not _safe_css(value):
                continue
        elif "url(" in value.lower().replace(" ", "") and not _local_urls_only(value):
            continue
        if "javascript:" in value.lower().replace(" ", ""):
            continue
        copy.set(allowed, value)
    if local == "style":
        if element.text and not _safe_css(element.text):
            return None
        copy.text = element.text
    elif local in {"title", "desc", "text", "tspan", "textPath"}:
        copy.text = element.text
    for child in element:
        cleaned = _clean(child)
        if cleaned is not None:
            copy.append(cleaned)
            cleaned.tail = child.tail if local in {"text", "tspan", "textPath"} else None
    return copy


def sanitise_svg(data):
    """The safe SVG bytes rebuilt from `data`; raises UnsafeSVG if it is no SVG at all."""
    root = _parse(data)
    if root is None or _local_name(root.tag, SVG) != "svg":
        raise UnsafeSVG("not SVG")
    cleaned = _clean(root)
    ElementTree.register_namespace("", SVG)
    ElementTree.register_namespace("xlink", XLINK)
    return ElementTree.tostring(cleaned, encoding="utf-8", xml_declaration=False)


def validate_svg_file(file):
    if getattr(file, "_committed", False):
        return  # Stored already, so checked when it was uploaded.
    if file.size > MAX_BYTES:
        raise ValidationError(
            _("This logo is %(size)s; the limit is %(limit)s. Save it without embedded images.")
            % {
                "size": filesizeformat(file.size),
                "limit": filesizeformat(MAX_BYTES),
            }
        )
    try:
        file.seek(0)
        sanitise_svg(file.read())
    except UnsafeSVG as error:
        raise ValidationError(
            _("This file is not an SVG image. Upload the logo as an SVG file.")
        ) from error
    finally:
        file.seek(0)


class CleanSVGField(models.FileField):
    """A FileField for an SVG logo: checked on upload, stored sanitised under a random name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_svg_file])
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            file.file.seek(0)
            file.file = ContentFile(sanitise_svg(file.file.read()))
            file.name = f"{uuid.uuid4().hex}.svg"
        return super().pre_save(model_instance, add)
