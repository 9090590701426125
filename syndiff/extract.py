"""An article out of an HTML page, with its structure and its furniture.

1. The page is read as blocks, in reading order: the text of each block element (a
   paragraph, a heading, a list item, a caption …), each image as an image line.
2. An extractor says which blocks are the article: trafilatura; where it keeps too little
   of the page's text (a known failure: one fragment instead of the article), readability;
   for a site both get wrong, a CSS selector from ``SITE_SELECTORS``.
3. The article's blocks keep the kinds their tags give (the title a headline, h2-h4
   subheads, figure captions, images); the blocks the extractor left out but that stand
   in the article's part of the page (ads, share buttons, bylines, dates, related-story
   lists) are kept too, typed as furniture, so they show dimmed instead of vanishing.
   Site navigation, headers and footers outside the article are left out.

Pure: HTML text in, an ``Extracted`` (lines, kind hints, metadata) out; fetching is
``fetch``'s job and decoding bytes ``load``'s.
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
from htmldate import find_date
from lxml.cssselect import CSSSelector
from trafilatura.metadata import Document, extract_metadata

from .errors import InputError
from .kinds import pattern_kind
from .text import clean

# Sites whose article both extractors get wrong: host -> CSS selector of the article.
SITE_SELECTORS: dict[str, str] = {
    # The Japan News sets its ranking lists inside the story's <article>, where trafilatura
    # takes them for the body; the story itself stands in div.p-main-contents (seen on
    # japannews.yomiuri.co.jp, February 2025).
    "japannews.yomiuri.co.jp": "div.p-main-contents",
}

MIN_SHARE = 0.25          # of the page's visible text: an extraction keeping less lost the article
MIN_ARTICLE_CHARS = 400   # pages with less visible text than this are taken as they come

_SPACE = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")   # lxml refuses str input that declares an encoding
_PARSER = lxml.html.HTMLParser(huge_tree=True)
_HEADS = {"h1": "headline", "h2": "subhead", "h3": "subhead", "h4": "subhead"}
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section summary table tbody "
    "td tfoot th thead tr ul".split())
SKIP_TAGS = frozenset(
    "script style noscript template svg math iframe object embed head button select option textarea input "
    "label canvas video audio map".split())
IMAGE_TAGS = frozenset(("img", "amp-img", "graphic"))   # graphic: trafilatura's
TRAFILATURA_BLOCKS = frozenset(("p", "head", "item", "list", "quote", "row", "cell", "table", "main", "doc"))
SITE_FRAME = frozenset(("nav", "header", "footer"))   # site-wide parts, left out outside the article


@dataclass
class Extracted:
    """An article as lines, each with the kind the page's structure gives it (None: the
    engine decides), and what the page says of itself."""

    lines: list[str] = field(default_factory=list)
    kinds: list[str | None] = field(default_factory=list)
    title: str = ""
    site_name: str = ""
    published: str = ""
    author: str = ""
    extractor: str = "trafilatura"

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def meta(self) -> dict:
        """Version metadata, as the syndiff/1 document keeps it."""
        out = {"site_name": self.site_name, "published": self.published, "author": self.author,
               "extractor": self.extractor}
        return {k: v for k, v in out.items() if v}


@dataclass
class _Block:
    text: str
    el: object          # the block element the text belongs to
    tag: str            # its tag, "img" for an image


def extract_html(html: str, url: str | None = None, name: str | None = None) -> Extracted:
    """The article of a page, as lines with kinds. ``url``: where the page came from (for
    the site's name and the per-site selectors); ``name``: the input as the user gave it,
    for messages. Raises InputError when the page holds no article text."""
    name = name or url or "page"
    try:   # a whole document whatever the page holds; deep nesting kept (libxml2 stops at 256)
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        raise InputError(f"{name}: not an HTML page syndiff can read") from None
    # the extractors prune the tree they are given: each gets a copy
    meta = _guarded(lambda: extract_metadata(copy.deepcopy(tree), default_url=url), None)
    meta = meta or Document()
    # the date the page declares (meta tags, structured data, <time>), not one guessed from its text
    published = _guarded(lambda: find_date(copy.deepcopy(tree), extensive_search=False, original_date=True), "")
    host = (urlsplit(url).hostname or "") if url else ""
    out = Extracted(title=_clean(meta.title or ""), site_name=_clean(meta.sitename or "") or host,
                    published=published, author=_clean(meta.author or ""))
    page = _blocks(tree)
    selector = next((s for h, s in SITE_SELECTORS.items() if host == h or host.endswith("." + h)), None)
    chosen = [el for el in CSSSelector(selector)(tree)] if selector else []
    if chosen:
        out.extractor = f"selector {selector} ({host})"
        article = [(b.text, _tag_kind(b.tag)) for el in chosen for b in _blocks(el)]
    else:
        article = _guarded(lambda: _trafilatura(copy.deepcopy(tree), url), [])
        visible = sum(len(b.text) for b in page if b.tag != "img")
        if visible > MIN_ARTICLE_CHARS and _length(article) < MIN_SHARE * visible:
            fallback = _readability(html)
            if _length(fallback) > _length(article):
                article, out.extractor = fallback, "readability"
    for text, kind in _with_furniture(article, page):
        _add(out, text, kind)
    if not any(k not in ("image", "chrome") for k in out.kinds):
        raise InputError(f"{name}: nothing extractable (no article text in the page)")
    _headline(out)
    return out


def _guarded(step, fallback):
    """A step of the extractors' own: on a page they cannot handle (they raise assertion and
    type errors from deep inside on odd markup), its fallback, and the page is read without it."""
    try:
        return step()
    except Exception:
        return fallback


# --- the page as blocks -------------------------------------------------------------------

def _blocks(root, blocks: frozenset = BLOCK_TAGS, breaks: tuple[str, ...] = ("br",),
            skip: frozenset = SKIP_TAGS) -> list[_Block]:
    """The text of every block element under ``root`` in reading order (text in a nested
    block is that block's), a line break (``breaks``) ending a block, each image one image
    line. ``blocks``, ``skip``: the tags that make blocks and those whose text is no
    reader's (HTML's by default)."""
    out: list[_Block] = []
    buf: list[str] = []
    owners = [root]

    def flush() -> None:
        text = _clean("".join(buf))
        buf.clear()
        if text:
            out.append(_Block(text, owners[-1], _tag(owners[-1])))

    walk = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, el in walk:
        tag = _tag(el)
        if event == "start":
            if tag in skip or not tag:
                walk.skip_subtree()
            elif tag in IMAGE_TAGS:
                flush()
                out.append(_Block(_image_line(el.get("src", ""), el.get("alt", "")), el, "img"))
            elif tag in breaks:
                flush()
            elif tag in blocks:
                flush()
                owners.append(el)
                buf.append(el.text or "")
            else:
                buf.append(el.text or "")
        else:
            if tag in blocks and el is owners[-1] and el is not root:
                flush()
                owners.pop()
            if el is not root:
                buf.append(el.tail or "")
    flush()
    return out


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _clean(text: str) -> str:
    return _SPACE.sub(" ", clean(text)).strip()


def _image_line(src: str, alt: str) -> str:
    return f"![{_clean(alt).replace(']', '')}]({src.strip().replace(' ', '%20').replace(')', '%29')})"


def _image_key(line: str) -> str:
    """An image line by its file name: extractors make relative addresses absolute."""
    src = line[line.rfind("](") + 2:-1]
    return "img:" + urlsplit(src).path.rsplit("/", 1)[-1]


def _key(text: str) -> str:
    return _image_key(text) if text.startswith("![") else text.casefold()


def _tag_kind(tag: str) -> str | None:
    return {"img": "image", "figcaption": "caption", **_HEADS}.get(tag)


# --- extractors: the article as (text, kind) lines ---------------------------------------

def _trafilatura(tree, url: str | None) -> list[tuple[str, str | None]]:
    xml = trafilatura.extract(tree, url=url, output_format="xml", include_images=True, include_formatting=True,
                              include_comments=False, include_tables=True, favor_recall=True)
    if not xml:
        return []
    doc = lxml.etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    lines: list[tuple[str, str | None]] = []
    for el in (main if main is not None else doc).iter():
        if el.tag == "head":
            lines += [(t, _HEADS.get(el.get("rend", "h2"), "subhead")) for t in _split_lines(el)]
        elif el.tag in ("p", "item", "quote") and el.getparent().tag not in ("item", "cell", "quote"):
            lines += [(t, None) for t in _split_lines(el)]
        elif el.tag == "row":
            cells = [_split_lines(c) for c in el.iter("cell")]
            if all(len(c) <= 1 for c in cells):   # a row of a table: one line
                lines.append((" | ".join(c[0] for c in cells if c), None))
            else:                                  # a layout table: a cell of lines
                lines += [(t, None) for c in cells for t in c]
        elif el.tag == "graphic":
            lines.append((_image_line(el.get("src", ""), el.get("alt", "") or el.get("title", "")), "image"))
    return [(t, k) for t, k in lines if t]


def _split_lines(el) -> list[str]:
    """An element of trafilatura's output as lines: cut at its line breaks (<lb/>) and at
    the paragraphs it holds, as the page's blocks are."""
    return [b.text for b in _blocks(el, TRAFILATURA_BLOCKS, ("lb",), frozenset()) if b.tag != "img"]


def _readability(html: str) -> list[tuple[str, str | None]]:
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
    except Exception:   # readability raises its own Unparseable and lxml's errors alike
        return []
    return [(b.text, _tag_kind(b.tag)) for b in _blocks(lxml.html.fromstring(summary))]


def _length(lines: list[tuple[str, str | None]]) -> int:
    return sum(len(t) for t, k in lines if k != "image")


# --- the article's place in the page, and its furniture ------------------------------------

def _with_furniture(article: list[tuple[str, str | None]], page: list[_Block]) -> list[tuple[str, str | None]]:
    """The article's lines with the page blocks the extractor left out between and around
    them (inside the element that holds the article), typed as furniture, in page order."""
    positions: dict[str, list[int]] = {}
    for n, b in enumerate(page):
        positions.setdefault(_key(b.text), []).append(n)
    matched: list[tuple[int, int]] = []   # (article line, page block), increasing in both
    last = -1
    for a, (text, _) in enumerate(article):
        ps = positions.get(_key(text), [])
        k = bisect.bisect_right(ps, last)
        if k < len(ps):
            last = ps[k]
            matched.append((a, last))
    if not matched:
        return article
    span = _span(page, [p for _, p in matched])
    out: list[tuple[str, str | None]] = []
    taken = {p: a for a, p in matched}
    a_next = 0
    for p in span:
        if p in taken:
            a = taken[p]
            out += article[a_next:a]          # lines of the extractor's own, where they stand
            text, kind = article[a]
            kind = _tag_kind(page[p].tag) or kind
            if kind == "subhead":   # a heading over furniture: "Read more", "Advertisement"
                kind = pattern_kind(page[p].text) or kind
            if kind != "headline" and _marked_as_author(page[p].el):
                kind = "byline"
            out.append((page[p].text, kind))
            a_next = a + 1
        elif not _in_site_frame(page[p].el):
            out.append((page[p].text, _furniture_kind(page[p])))
    return out + article[a_next:]


def _span(page: list[_Block], hits: list[int]) -> list[int]:
    """The page blocks that stand in the article's part of the page: under the element
    holding every block the extractor took, or from its first block to its last where that
    element is the whole page."""
    common: list | None = None
    for p in hits:
        chain = [page[p].el, *page[p].el.iterancestors()]
        if common is not None:
            keep = set(common)
            chain = [el for el in chain if el in keep]
        common = chain
    holder = common[0] if common else None
    article = next((el for el in (common or []) if _tag(el) == "article"), None)
    holder = article if article is not None else holder   # all that the article element holds
    if holder is None or _tag(holder) in ("body", "html"):
        return list(range(min(hits), max(hits) + 1))
    return [n for n, b in enumerate(page) if b.el is holder or holder in set(b.el.iterancestors())]


def _in_site_frame(el) -> bool:
    """Inside the site's navigation, header or footer, and not inside an article."""
    tags = [_tag(a) for a in (el, *el.iterancestors())]
    return any(t in SITE_FRAME for t in tags) and "article" not in tags


def _furniture_kind(b: _Block) -> str:
    if b.tag == "img":
        return "image"
    if b.tag == "figcaption":
        return "caption"
    kind = pattern_kind(b.text)
    if kind:
        return kind
    if _marked_as_author(b.el):   # the page says so where the words do not ("By Reuters staff")
        return "byline"
    if b.tag == "time" or b.el.find(".//time") is not None:
        return "timestamp"
    return "chrome"


# What sites call the byline's element: a class that names the byline ("byline",
# "c-byline", "article__byline") or the author ("author", "post-author", "author-name"), or
# itemprop or rel "author". Not "author-bio", "author-layout": a box or a page layout.
_AUTHOR_CLASS = re.compile(r"^(?:.*byline.*|(?:[\w-]*[-_])?authors?(?:[-_]+(?:name|names|info|line|byline))?)$", re.I)


def _marked_as_author(el) -> bool:
    """Whether the block's element, or the one around it that holds its text alone, is
    marked as the byline."""
    text = (el.text_content() or "").strip()
    for e in (el, el.getparent()):
        if e is None or _tag(e) in ("article", "body") or (e is not el and (e.text_content() or "").strip() != text):
            return False
        if (e.get("itemprop") or "").lower() == "author" or "author" in (e.get("rel") or "").lower().split():
            return True
        if any(_AUTHOR_CLASS.match(token) for token in (e.get("class") or "").split()):
            return True
    return False


def _add(out: Extracted, text: str, kind: str | None) -> None:
    text = _clean(text)
    if text:
        out.lines.append(text)
        out.kinds.append(kind)


def _headline(out: Extracted) -> None:
    """The title as the headline: the first line that says it, else added on top."""
    if any(k == "headline" for k in out.kinds):
        return
    if out.title:
        for n, line in enumerate(out.lines):
            if line.casefold() == out.title.casefold():
                out.kinds[n] = "headline"
                return
        out.lines.insert(0, out.title)
        out.kinds.insert(0, "headline")
