"""Web pages built around the fixtures' copy, as news sites print it: site navigation,
ads between paragraphs, share buttons, a byline and a date, figures with captions,
related-story lists, scripts, a paywall teaser, an AMP page, a page in windows-1252.

Each builder returns the page and what a reader sees as the article and its furniture:
``(html, expected)``, ``expected`` a list of ``(line, kind)`` in reading order."""

from __future__ import annotations

import html as html_mod
import json
import re

from conftest import SEED, read

EXPECTED = json.loads(read(SEED / "expected.json"))
IMAGE = re.compile(r"!\[(.*)\]\((.*)\)$")

NAV = """<header class="site-header"><a class="logo" href="/"><img src="/logo.png" alt="{site}"></a>
<nav class="main-menu"><ul><li><a href="/news">News</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sports">Sports</a></li><li><a href="/opinion">Opinion</a></li>
</ul></nav><form class="search" action="/search"><input name="q" placeholder="Search"><button>Go</button></form>
</header>"""
FOOTER = """<footer class="site-footer"><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy
policy</a></li><li><a href="/terms">Terms of use</a></li></ul><p>© 2025 {site}. All rights reserved.</p></footer>"""
SCRIPTS = """<script>window.dataLayer = window.dataLayer || []; dataLayer.push({"event": "article view"});
document.write("<p>Tracking pixel paragraph that is not text</p>");</script>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle"}</script>"""
SHARE = """<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>"""
AD = """<div class="ad-slot" data-ad="mid-{n}"><span class="ad-label">ADVERTISEMENT</span>
<script>googletag.cmd.push(function() {{ googletag.display("ad-{n}"); }});</script></div>"""
JN_HEADLINE = "Trump Says He Has Talked to Putin about Ending Ukraine War"
RELATED = ["Kremlin says no date set for Putin-Trump meeting", "Ukraine strikes Russian oil refinery overnight",
           "Zelenskiy urges allies to keep up pressure on Moscow", "Oil prices edge higher on supply worries"]


def lines_of(name: str) -> list[tuple[str, str]]:
    """A fixture's lines with the kinds expected.json gives them."""
    text = [line for line in read(SEED / name).split("\n") if line.strip()]
    return list(zip(text, EXPECTED["kinds"][name]))


def esc(text: str) -> str:
    return html_mod.escape(text, quote=True)


def _figure(line: str, caption: str | None = None) -> str:
    alt, src = IMAGE.match(line).groups()
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure class="wp-block-image"><img src="{esc(src)}" alt="{esc(alt)}" loading="lazy">{cap}</figure>'


def inquirer_page() -> tuple[str, list[tuple[str, str]]]:
    """The Inquirer's story on a WordPress-like page: the story as the fixture has it, with a
    byline and a date under the headline, share buttons, ads between paragraphs and a
    'Read more' list inside the article, site navigation and footer around it."""
    story = lines_of("inquirer.txt")
    site = "INQUIRER.net"
    body, expected = [], []
    headline = story[0][0]
    body.append(f'<h1 class="entry-title">{esc(headline)}</h1>')
    expected.append((headline, "headline"))
    body.append('<div class="art-byline">By: Reuters</div>')
    expected.append(("By: Reuters", "byline"))
    body.append('<div class="art-date"><time datetime="2025-02-09T10:10:00+08:00">February 09, 2025 10:10 AM</time>'
                '</div>')
    expected.append(("February 09, 2025 10:10 AM", "timestamp"))
    body.append(SHARE)
    expected += [("Share on Facebook Share on X", "chrome")]
    paragraphs = 0
    for line, kind in story[1:]:
        if kind == "image":
            body.append(_figure(line))
        elif kind == "subhead":
            body.append(f"<h2>{esc(line)}</h2>")
        else:
            body.append(f"<p>{esc(line)}</p>")
        expected.append((line, kind))
        if kind == "paragraph":
            paragraphs += 1
            if paragraphs in (3, 9):
                body.append(AD.format(n=paragraphs))
                expected.append(("ADVERTISEMENT", "chrome"))
    body.append('<div class="read-more"><h3>Read more</h3><ul>'
                + "".join(f'<li><a href="/r/{n}">{esc(t)}</a></li>' for n, t in enumerate(RELATED)) + "</ul></div>")
    expected += [("Read more", "chrome")] + [(t, "chrome") for t in RELATED]
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{esc(headline)} | Inquirer News</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{esc(headline)}">
<meta property="article:published_time" content="2025-02-09T10:10:00+08:00">
<meta name="author" content="Reuters">
<link rel="canonical" href="https://newsinfo.inquirer.net/2018866/trump-says-he-has-spoken-to-putin">
<style>.ad-slot {{ min-height: 250px }}</style>{SCRIPTS}</head>
<body class="single-post">{NAV.format(site=site)}
<div id="content"><article id="post-2018866" class="post">
{chr(10).join(body)}
</article>
<aside id="sidebar"><section class="widget"><h2>Most read</h2><ol><li><a href="/m/1">Most read story one</a></li>
<li><a href="/m/2">Most read story two</a></li></ol></section></aside></div>
{FOOTER.format(site=site)}</body></html>"""
    return page, expected


def japannews_page() -> tuple[str, list[tuple[str, str]]]:
    """The Japan News's story: its headline (the fixture's copy starts below it), the
    caption of a lazy-loaded photo (no <img> until a script runs), the date, the story,
    then its ranking lists inside the same <article>."""
    story = [(JN_HEADLINE, "headline")] + lines_of("japannews.txt")
    body, lists = [f"<h1>{JN_HEADLINE}</h1>"], []
    for line, kind in story:
        if kind == "headline":
            continue
        if kind == "caption":
            body.append(f'<figure class="p-photo"><div class="lazy" data-src="/photo.jpg"></div>'
                        f"<figcaption>{esc(line)}</figcaption></figure>")
        elif kind == "timestamp":
            body.append(f'<p class="c-date"><time>{esc(line)}</time></p>')
        elif kind == "paragraph":
            body.append(f"<p>{esc(line)}</p>")
        elif line != "-":
            lists.append(line)
    ranking = []
    for line in lists:
        if line.isupper() or line.startswith('"'):
            ranking.append(f'<h2 class="p-ranking__title">{esc(line)}</h2>')
        else:
            ranking.append(f'<div class="p-ranking__item"><div class="bullet">-</div>'
                           f'<a href="/articles/{len(ranking)}">{esc(line)}</a></div>')
    expected = [(line, kind) for line, kind in story]
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{JN_HEADLINE} - The Japan News</title>
<meta property="og:site_name" content="The Japan News"></head>
<body>{NAV.format(site="The Japan News")}<main><article class="p-article">
<div class="p-main-contents">{chr(10).join(body)}</div>
<section class="p-ranking">{"".join(ranking)}</section></article></main>
{FOOTER.format(site="The Japan News")}{SCRIPTS}</body></html>"""
    return page, expected


def paywall_page() -> tuple[str, list[tuple[str, str]]]:
    """A teaser: the headline and the first three paragraphs, then a subscription box."""
    story = lines_of("inquirer.txt")
    paragraphs = [line for line, kind in story if kind == "paragraph"][:3]
    box = ["Subscribe to continue reading", "Get unlimited access to our journalism for $1 a month."]
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{esc(story[0][0])}</title></head><body>
{NAV.format(site="The Daily Example")}<article><h1>{esc(story[0][0])}</h1>
{"".join(f"<p>{esc(p)}</p>" for p in paragraphs)}
<div class="paywall"><h3>{box[0]}</h3><p>{box[1]}</p><a class="button" href="/subscribe">Subscribe</a></div>
</article>{FOOTER.format(site="The Daily Example")}</body></html>"""
    expected = ([(story[0][0], "headline")] + [(p, "paragraph") for p in paragraphs]
                + [(box[0], "chrome"), (box[1], "chrome"), ("Subscribe", "chrome")])
    return page, expected


def amp_page() -> tuple[str, list[tuple[str, str]]]:
    """The Inquirer's story as an AMP page: amp-img, amp-ad, inline amp-custom styles."""
    story = lines_of("inquirer.txt")
    body = []
    for line, kind in story:
        if kind == "headline":
            body.append(f"<h1>{esc(line)}</h1>")
        elif kind == "image":
            alt, src = IMAGE.match(line).groups()
            body.append(f'<amp-img src="{esc(src)}" alt="{esc(alt)}" width="600" height="400" layout="responsive">'
                        "</amp-img>")
        elif kind == "subhead":
            body.append(f"<h2>{esc(line)}</h2>")
        else:
            body.append(f"<p>{esc(line)}</p>")
        if line == story[5][0]:
            body.append('<amp-ad width="300" height="250" type="doubleclick" data-slot="/1/amp"></amp-ad>')
    page = f"""<!doctype html><html amp lang="en"><head><meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<title>{esc(story[0][0])}</title><link rel="canonical" href="https://newsinfo.inquirer.net/2018866">
<style amp-custom>body {{ font-family: serif }}</style><meta property="og:site_name" content="INQUIRER.net">
</head><body><header><amp-img src="/logo.png" width="100" height="30" alt="INQUIRER.net"></amp-img></header>
<article>{"".join(body)}</article></body></html>"""
    return page, list(story)


def cp1252_page() -> tuple[bytes, list[tuple[str, str]]]:
    """The Japan News's story in windows-1252, curly quotes and all, its charset declared
    only in the page's meta tag."""
    page, expected = japannews_page()
    page = page.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; '
                                                  'charset=windows-1252">')
    page = page.replace("©", "&copy;")
    return page.encode("cp1252", errors="xmlcharrefreplace"), expected
