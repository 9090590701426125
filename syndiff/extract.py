"""An article out of an HTML page, with its structure: trafilatura finds the article; the
title becomes the headline, h2-h4 inside it subheads, figures an image line and their
caption, the author and date a byline and a timestamp. Where trafilatura keeps too little
of the page's text (a known failure: one fragment instead of the article), readability
takes over. A small table of per-site XPath overrides covers sites both get wrong.

Pure: HTML text in, lines with kind hints out; fetching is ``fetch``'s job."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.metadata import extract_metadata

from .errors import InputError
from .text import clean

# Sites whose article both extractors get wrong: host -> XPath of the article's element.
SITE_XPATHS: dict[str, str] = {
    # The Japan News puts the story in div.p-main-contents; its ranking lists stand inside
    # the same <article> and trafilatura takes them for the body.
    "japannews.yomiuri.co.jp": "//div[contains(@class, 'p-main-contents')]",
}

MIN_SHARE = 0.25       # of the page's visible text: below this the extraction lost the article
MIN_ARTICLE_CHARS = 400  # pages this short are taken as they come

_SPACE = re.compile(r"\s+")
_HEADS = {"h1": "headline", "h2": "subhead", "h3": "subhead", "h4": "subhead"}


@dataclass
class Extracted:
    lines: list[str]
    kinds: list[str | None]          # a kind the page's structure gives, or None: syndiff decides
    title: str = ""
    site_name: str = ""
    published: str = ""
    extractor: str = "trafilatura"
    meta: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def add(self, line: str, kind: str | None) -> None:
        line = _SPACE.sub(" ", clean(line)).strip()
        if line:
            self.lines.append(line)
            self.kinds.append(kind)


def extract_html(html: str, url: str | None = None, name: str | None = None) -> Extracted:
    """The article of a page. ``name`` (the file or URL) is only for error messages."""
    name = name or url or "page"
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        raise InputError(f"{name}: not an HTML page syndiff can read") from None
    meta = extract_metadata(tree, default_url=url)
    host = urlsplit(url).hostname or "" if url else ""
    out = Extracted([], [], title=(meta.title or "").strip(), site_name=(meta.sitename or "").strip() or host,
                    published=meta.date or "")
    captions = _captions(tree)
    xpath = next((x for h, x in SITE_XPATHS.items() if host == h or host.endswith("." + h)), None)
    if xpath:
        nodes = tree.xpath(xpath)
        if nodes:
            out.extractor = f"site override ({host})"
            _from_html_nodes(out, nodes, captions)
    if not out.lines:
        xml = trafilatura.extract(tree, url=url, output_format="xml", include_images=True, include_formatting=True,
                                  include_comments=False, include_tables=True, favor_recall=True)
        if xml:
            _from_trafilatura(out, lxml.etree.fromstring(xml.encode()), captions)
    visible = len(_SPACE.sub(" ", _visible_text(tree)))
    if len(" ".join(out.lines)) < MIN_SHARE * visible and visible > MIN_ARTICLE_CHARS:
        fallback = Extracted([], [], out.title, out.site_name, out.published, "readability")
        _from_readability(fallback, html, captions)
        if len(" ".join(fallback.lines)) > len(" ".join(out.lines)):
            out = fallback
    if not any(k != "image" for k in out.kinds) and not out.lines:
        raise InputError(f"{name}: nothing extractable (no article text in the page)")
    _frame(out, meta)
    out.meta = {"site_name": out.site_name, "published": out.published, "extractor": out.extractor}
    if url:
        out.meta["url"] = url
    return out


def _visible_text(tree) -> str:
    body = tree.find("body") if tree.tag != "body" else tree
    if body is None:
        body = tree
    return " ".join(t for t in body.xpath(".//text()[not(ancestor::script) and not(ancestor::style)"
                                           " and not(ancestor::noscript)]"))


def _captions(tree) -> dict[str, str]:
    """Figure captions by the image they stand under, and credits (figure > .credit)."""
    out = {}
    for fig in tree.iter("figure"):
        img = next(fig.iter("img"), None)
        cap = next(fig.iter("figcaption"), None)
        if img is not None and cap is not None:
            out[_image_key(img.get("src", ""))] = cap.text_content()
    return out


def _image_key(src: str) -> str:
    """An image by its file name: extractors make relative addresses absolute."""
    return urlsplit(src).path.rsplit("/", 1)[-1]


def _image_line(src: str, alt: str) -> str:
    return f"![{alt.replace(']', '')}]({src.replace(')', '%29')})"


def _from_trafilatura(out: Extracted, doc, captions: dict[str, str]) -> None:
    main = doc.find("main")
    for el in (main if main is not None else doc).iter():
        tag = el.tag
        if tag == "head":
            out.add(_text(el), _HEADS.get(el.get("rend", "h2"), "subhead"))
        elif tag == "p" and el.getparent().tag not in ("item", "cell", "quote"):
            out.add(_text(el), None)
        elif tag == "item" or tag == "quote":
            out.add(_text(el), None)
        elif tag == "row":
            out.add(" | ".join(_text(c) for c in el.iter("cell")), None)
        elif tag == "graphic":
            _figure(out, el.get("src", ""), el.get("alt", "") or el.get("title", ""), captions)


def _from_html_nodes(out: Extracted, nodes, captions: dict[str, str]) -> None:
    for node in nodes:
        for el in node.iter():
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag in _HEADS:
                out.add(el.text_content(), _HEADS[tag])
            elif tag in ("p", "li", "blockquote") and not _inside(el, ("p", "li", "figure")):
                out.add(el.text_content(), None)
            elif tag == "img" and not _inside(el, ("p",)):
                _figure(out, el.get("src", ""), el.get("alt", ""), captions)


def _from_readability(out: Extracted, html: str, captions: dict[str, str]) -> None:
    from readability import Document

    summary = lxml.html.fromstring(Document(html).summary(html_partial=True))
    _from_html_nodes(out, [summary], captions)


def _inside(el, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def _figure(out: Extracted, src: str, alt: str, captions: dict[str, str]) -> None:
    out.add(_image_line(src, alt), "image")
    if _image_key(src) in captions:
        out.add(captions[_image_key(src)], "caption")


def _text(el) -> str:
    return "".join(el.itertext())


def _frame(out: Extracted, meta) -> None:
    """The title as the headline when the body does not open with it, then the byline and
    the date the page declares, as its furniture."""
    head = []
    if out.title and not (out.lines and out.kinds[0] == "headline"):
        if out.lines and _SPACE.sub(" ", out.lines[0]).casefold() == out.title.casefold():
            out.kinds[0] = "headline"
        else:
            head.append((out.title, "headline"))
    if meta.author:
        head.append((f"By {meta.author}", "byline"))
    if out.published:
        head.append((out.published, "timestamp"))
    at = 1 if out.lines and out.kinds[0] == "headline" else 0
    for offset, (line, kind) in enumerate(head):
        out.lines.insert(at + offset, line)
        out.kinds.insert(at + offset, kind)
