"""A page's characters, shapes and pictures from pdfplumber's layout, in one lean pass.

pdfplumber's `page.chars` turns every pdfminer object into a dict of all its attributes, resolving
each one recursively; on text-dense minutes that costs about as much as parsing the page itself.
The layout code needs a handful of keys, so this walks `page.layout` once and builds only those,
with pdfplumber's own coordinate conventions (`top`/`bottom` from the top of the MediaBox).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect
from pdfplumber.utils.pdfinternals import resolve_all


@dataclass
class PageObjects:
    chars: list[dict] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    curves: list[dict] = field(default_factory=list)  # not plain lines
    images: list[dict] = field(default_factory=list)

    @property
    def shapes(self) -> list[dict]:
        return self.rects + self.curves


def _colour(value):
    value = resolve_all(value)
    return value if isinstance(value, (tuple, list)) or value is None else (value,)


def _fontname(name) -> str:
    if type(name) is str:
        return name
    if isinstance(name, bytes):
        return name.decode("utf-8", "replace")
    return str(name)


def page_objects(page) -> PageObjects:
    """What `page.chars`, `page.rects`, `page.curves` and `page.images` hold, with only the keys we use."""
    out = PageObjects()
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    doctop0 = page.initial_doctop
    stack = [iter(page.layout._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        if isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
            continue
        if not isinstance(obj, (LTChar, LTCurve, LTImage)):
            continue
        top = height - obj.y1 + mb_top
        item = {"x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0, "top": top, "bottom": height - obj.y0 + mb_top}
        if isinstance(obj, LTChar):
            ncolor = obj.graphicstate.ncolor
            item.update(text=obj.get_text(), doctop=doctop0 + top, upright=obj.upright, size=obj.size,
                        fontname=_fontname(obj.fontname),
                        non_stroking_color=ncolor if isinstance(ncolor, tuple) else (ncolor,))
            out.chars.append(item)
        elif isinstance(obj, LTImage):
            item["srcsize"] = resolve_all(obj.srcsize)
            out.images.append(item)
        elif not isinstance(obj, LTLine):
            item.update(fill=obj.fill, non_stroking_color=_colour(obj.non_stroking_color))
            (out.rects if isinstance(obj, LTRect) else out.curves).append(item)
    return out
