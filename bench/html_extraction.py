#!/usr/bin/env python3
"""Quality of gazette's HTML body extraction (indexer/html_extract.cc).

Builds article pages at run time from the AllSides texts of the shared corpus
(../shared/corpora/allsides/allsides.jsonl; nothing of it is committed): each
article's body is wrapped in the chrome of one of six page templates -- menus,
breadcrumbs, cookie banners, sidebars, ads, share bars, author boxes, related
and "more stories" lists with summaries, newsletter boxes, comment threads,
scripts and footers -- written to a temporary folder and indexed with
gazette-index. The body gazette stored for each page (read back through
gazette-search with an unbounded snippet) is compared with the true body:

  precision = |extracted tokens & true tokens| / |extracted tokens|
  recall    = |extracted tokens & true tokens| / |true tokens|

over lower-cased word tokens as multisets, micro-averaged (all tokens of all
pages) and macro-averaged (mean of per-page figures), overall and per template.

  bench/html_extraction.py [--pages 36] [--indexer PATH] [--searcher PATH]
                           [--corpus PATH] [--keep DIR] [--show-worst N]

Exits 77 when the corpus is absent.
"""
import argparse
import collections
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text):
    return TOKEN.findall(text.lower())


def esc(s):
    return html.escape(s, quote=True)


# ----------------------------------------------------------------- chrome --

SECTIONS = ["News", "Politics", "World", "Business", "Opinion", "Tech", "Science", "Health",
            "Sport", "Culture", "Travel", "Video"]
COOKIE = ("We use cookies and similar technologies to personalise content and ads, to provide "
          "social media features and to analyse our traffic. By clicking \u201cAccept all\u201d, "
          "you agree to the storing of cookies on your device. You can change your choices at any "
          "time in your privacy settings.")
NEWSLETTER = ("Sign up for the Morning Briefing: the day's most important stories, handpicked by "
              "our editors and delivered to your inbox every weekday, before breakfast.")
ABOUT = ("{site} is an independent news organisation founded in 1987, serving readers across the "
         "country with reporting, analysis and opinion. Our journalism is funded by readers like "
         "you; please consider supporting us with a subscription.")
RIGHTS = ("Copyright \u00a9 2018 {site}. All rights reserved. This material may not be published, "
          "broadcast, rewritten or redistributed without permission.")
BIO = ("{author} is a senior correspondent for {site}, covering national politics, Congress and "
       "the courts. Before joining {site} in 2012, {author} reported from Brussels and Nairobi.")
SCRIPT = """<script>
(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start': new Date().getTime(),event:'gtm.js'});
var f=d.getElementsByTagName(s)[0], j=d.createElement(s); j.async=true; j.src='https://www.example.net/gtm.js?id='+i;
f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-XXXX');
window.__ads = {slots: ["top", "mid", "rail"], targeting: {section: "politics", tags: ["news", "us"]}};
</script>"""
SITES = ["The Daily Ledger", "Capital Courier", "Metro Observer", "The Evening Standard-Post",
         "Northern Herald", "Valley Tribune"]
AUTHORS = ["Jane Holloway", "Marcus Webb", "Priya Raman", "Tomás Ferreira", "Helen Zhou",
           "David Okonkwo"]
USERS = ["patriot1776", "sandra_k", "realist42", "MikeFromOhio", "greenleaf", "j.doe",
         "OldTimer", "truthseeker99"]


class Chrome:
    """Chrome text drawn from the other articles: headlines for link lists and
    sentences for teaser summaries and reader comments."""

    def __init__(self, rng, others):
        self.rng = rng
        self.titles = [a["title"] for a in others if a.get("title")]
        self.sentences = []
        for a in others:
            for s in re.split(r"(?<=[.!?])\s+", a.get("body", "")):
                if 60 < len(s) < 260:
                    self.sentences.append(s)

    def titles_n(self, n):
        return self.rng.sample(self.titles, n)

    def sentence(self):
        return self.rng.choice(self.sentences)

    def comment_text(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 3)))

    def link_list(self, n, cls="", tag="ul"):
        items = "".join('<li><a href="/story/%d">%s</a></li>' % (self.rng.randint(1000, 99999), esc(t))
                        for t in self.titles_n(n))
        return '<%s class="%s">%s</%s>' % (tag, cls, items, tag)

    def menu(self):
        return "".join('<li><a href="/%s">%s</a></li>' % (s.lower(), s) for s in SECTIONS)


def paragraphs(body):
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def head(art, site, extra=""):
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>%s | %s</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="%s">
<meta property="og:site_name" content="%s">
<link rel="canonical" href="%s">
<link rel="stylesheet" href="/assets/main.css">
%s
%s
</head>""" % (esc(art["title"]), esc(site), esc(art["title"]), esc(site), esc(art["url"]), extra, SCRIPT)


def wordpress(art, c, site, author):
    ps = paragraphs(art["body"])
    body = []
    for i, p in enumerate(ps):
        body.append("<p>%s</p>" % esc(p))
        if i == 2:
            body.append('<div class="code-block code-block-3 ad-inline"><div class="ad-label">Advertisement</div>'
                        '<ins class="adsbygoogle" data-ad-slot="123"></ins></div>')
        if i == 4:
            body.append('<p><strong>Read more:</strong> <a href="/story/1">%s</a></p>' % esc(c.titles_n(1)[0]))
    comments = "".join(
        '<li class="comment"><article class="comment-body"><footer class="comment-meta"><b>%s</b> '
        '<time>March 3, 2018 at 9:1%d am</time></footer><div class="comment-content"><p>%s</p></div>'
        '<div class="reply"><a href="#">Reply</a></div></article></li>' % (u, i, esc(c.comment_text()))
        for i, u in enumerate(c.rng.sample(USERS, 4)))
    return head(art, site) + """
<body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">%(site)s</a></p>
<p class="site-description">News and commentary since 1998</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">%(menu)s</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-4412" class="post-4412 post type-post status-publish format-standard hentry category-politics">
<header class="entry-header"><h1 class="entry-title">%(title)s</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="2018-03-02T10:00:00+00:00">March 2, 2018</time></span>
<span class="byline"> by <span class="author vcard"><a href="/author/x">%(author)s</a></span></span></div></header>
<div class="entry-content">
%(body)s
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li><li><a href="#">Email</a></li></ul></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/politics">Politics</a></span>
<span class="tags-links">Tagged <a href="/t/1">congress</a>, <a href="/t/2">elections</a></span></footer>
</article>
<div class="author-info"><div class="author-description"><h2 class="author-title">About %(author)s</h2><p class="author-bio">%(bio)s</p></div></div>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="/p">%(prev)s</a></div><div class="nav-next"><a href="/n">%(next)s</a></div></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">4 thoughts on &ldquo;%(title)s&rdquo;</h2>
<ol class="comment-list">%(comments)s</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3><form><p class="comment-notes">Your email address will not be published. Required fields are marked *</p><textarea></textarea><input type="submit" value="Post Comment"></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_search"><form><input type="search" placeholder="Search"></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>%(recent)s</section>
<section class="widget widget_text"><h2 class="widget-title">About</h2><div class="textwidget"><p>%(about)s</p></div></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info"><p>%(rights)s</p><a href="/privacy">Privacy Policy</a></div></footer>
</div></body></html>""" % dict(site=esc(site), menu=c.menu(), title=esc(art["title"]), author=esc(author),
                                body="\n".join(body), bio=esc(BIO.format(author=author, site=site)),
                                prev=esc(c.titles_n(1)[0]), next=esc(c.titles_n(1)[0]), comments=comments,
                                recent=c.link_list(5), about=esc(ABOUT.format(site=site)),
                                rights=esc(RIGHTS.format(site=site)))


def modern(art, c, site, author):
    ps = paragraphs(art["body"])
    thirds = [ps[: len(ps) // 3], ps[len(ps) // 3: 2 * len(ps) // 3], ps[2 * len(ps) // 3:]]
    parts = []
    for k, chunk in enumerate(thirds):
        parts.append('<div class="article-body__content">%s%s</div>' % (
            "".join('<p class="paragraph">%s</p>' % esc(p) for p in chunk),
            '<aside class="newsletter-inline"><h4>Morning Briefing</h4><p>%s</p><form><input type="email"><button>Sign up</button></form></aside>'
            % esc(NEWSLETTER) if k == 1 else ""))
        if k == 0:
            parts.append('<div class="ad-container ad-container--mid"><div class="ad-label">Advertisement</div><div id="div-gpt-ad-mid-1"></div></div>')
        if k == 1:
            parts.append('<div class="related-inline"><h4>Related</h4><ul><li><a href="/r/1">%s</a></li><li><a href="/r/2">%s</a></li></ul></div>'
                         % tuple(esc(t) for t in c.titles_n(2)))
    cards = "".join('<div class="card"><a href="/s/%d"><h3 class="card__title">%s</h3></a><p class="card__summary">%s</p></div>'
                    % (i, esc(t), esc(c.sentence())) for i, t in enumerate(c.titles_n(6)))
    return head(art, site, '<meta property="article:published_time" content="2018-03-02T10:00:00Z">') + """
<body>
<div class="consent-banner" role="dialog" aria-modal="true"><p>%(cookie)s</p><button>Accept all</button><button>Manage choices</button></div>
<a class="skip-link" href="#main-content">Skip to main content</a>
<header class="masthead"><div class="masthead__logo"><a href="/">%(site)s</a></div><nav class="primary-nav"><ul>%(menu)s</ul></nav>
<div class="masthead__account"><a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></div></header>
<div class="breaking-news-bar"><span>Breaking</span> <a href="/b">%(breaking)s</a></div>
<main id="main-content">
<article class="article">
<div class="article-header"><span class="kicker"><a href="/politics">Politics</a></span><h1 class="article-headline">%(title)s</h1>
<div class="byline-block">By <a href="/staff/1">%(author)s</a>, Political Correspondent <time datetime="2018-03-02T10:00:00Z">March 2, 2018</time> &middot; Updated 2 hours ago</div></div>
<figure class="lead-media"><img src="/i/lead.jpg" alt=""><figcaption>%(caption)s <span class="credit">Photo: Agency</span></figcaption></figure>
<div class="article-body">
%(parts)s
</div>
<div class="article-tags"><a href="/t/1">Congress</a> <a href="/t/2">White House</a> <a href="/t/3">Elections</a></div>
<div class="social-share"><a href="#">Facebook</a><a href="#">Twitter</a><a href="#">LinkedIn</a><a href="#">Copy link</a></div>
</article>
<section class="more-stories"><h2>More from Politics</h2>%(cards)s</section>
</main>
<aside class="rail"><div class="most-read"><h3>Most read</h3>%(mostread)s</div><div class="ad-container ad-container--rail"><div id="div-gpt-ad-rail"></div></div></aside>
<footer class="site-footer"><p>%(about)s</p><div class="footer-links"><ul>%(menu)s</ul></div><p>%(rights)s</p></footer>
</body></html>""" % dict(cookie=esc(COOKIE), site=esc(site), menu=c.menu(), breaking=esc(c.titles_n(1)[0]),
                         title=esc(art["title"]), author=esc(author), caption=esc(c.sentence()),
                         parts="\n".join(parts), cards=cards, mostread=c.link_list(5, "most-read__list", "ol"),
                         about=esc(ABOUT.format(site=site)), rights=esc(RIGHTS.format(site=site)))


def legacy(art, c, site, author):
    ps = paragraphs(art["body"])
    nav = "<br>".join('<a href="/%s"><font size="2">%s</font></a>' % (s.lower(), s) for s in SECTIONS)
    sponsored = "".join('<p><font size="1"><a href="/sp/%d">%s</a><br>%s</font></p>' % (i, esc(t), esc(c.sentence()))
                        for i, t in enumerate(c.titles_n(3)))
    return """<html><head><title>%(site)s - %(title)s</title>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<script language="JavaScript">function popUp(u){window.open(u,'w','width=400,height=300');}</script></head>
<body bgcolor="#ffffff" topmargin="0">
<table width="100%%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="3" bgcolor="#003366"><img src="/img/logo.gif" alt="%(site)s"> <font color="#ffffff" size="1"><a href="/">Home</a> | <a href="/archive">Archive</a> | <a href="/contact">Contact</a> | <a href="/advertise">Advertise</a></font></td></tr>
<tr><td width="150" valign="top" bgcolor="#eeeeee">%(nav)s<br><br><font size="1">Search:</font><form><input type="text" name="q"></form></td>
<td valign="top"><font face="Arial" size="4"><b>%(title)s</b></font><br>
<font face="Arial" size="1">By %(author)s &middot; Posted 03/02/2018</font><br><br>
<font face="Arial" size="2">%(body)s</font>
<br><br><font size="1">%(rights)s</font><br>
<a href="javascript:popUp('/print')"><font size="1">Printer-friendly version</font></a> | <a href="/email"><font size="1">E-mail this story</font></a></td>
<td width="160" valign="top"><font size="1"><b>Sponsored links</b></font>%(sponsored)s<img src="/ads/banner.gif" width="160" height="600"></td></tr>
<tr><td colspan="3" align="center"><font size="1">%(about)s</font></td></tr>
</table></body></html>""" % dict(site=esc(site), title=esc(art["title"]), nav=nav, author=esc(author),
                                  body="<br><br>\n".join(esc(p) for p in ps), rights=esc(RIGHTS.format(site=site)),
                                  sponsored=sponsored, about=esc(ABOUT.format(site=site)))


def obfuscated(art, c, site, author):
    ps = paragraphs(art["body"])
    body = []
    for i, p in enumerate(ps):
        body.append('<p class="css-1k7dq3b e1wiw7pq0">%s</p>' % esc(p))
        if i == 3:
            body.append('<div class="css-8atqhb"><a href="/s/9" class="css-1gv3jdk">%s</a></div>' % esc(c.titles_n(1)[0]))
    comments = "".join(
        '<div class="css-15fdr99"><div class="css-u3k2ok"><span class="css-1v2kqyb">%s</span> <span class="css-9qh0wm">%d hours ago</span></div>'
        '<p class="css-1k7dq3b">%s</p><div class="css-7m3b1z"><button>Like</button><button>Reply</button></div></div>'
        % (u, i + 1, esc(c.comment_text())) for i, u in enumerate(c.rng.sample(USERS, 3)))
    return head(art, site, '<script type="application/ld+json">%s</script>' % json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": art["title"],
        "datePublished": "2018-03-02T10:00:00Z", "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": site}})) + """
<body><div id="__next"><div class="css-1dbjc4n">
<div class="css-13x0kbj"><a href="/" class="css-4rbku5">%(site)s</a><ul class="css-1l4spti">%(menu)s</ul></div>
<div class="css-1ae8klu"><div class="css-53u6y8"><h1 class="css-19v093x">%(title)s</h1>
<div class="css-1xq1kgq"><span>By %(author)s</span> &middot; <span>5 min read</span></div>
<div class="css-s99gbd">%(body)s</div>
<div class="css-1r5gb7q"><h2 class="css-1a5u9y">Conversation</h2><p class="css-6h3r4z">Join the discussion. Comments are moderated and may take a few minutes to appear.</p>%(comments)s</div>
</div><div class="css-1wo8cq5"><h3>Trending</h3>%(trending)s</div></div>
<div class="css-1qf1x6n"><p>%(rights)s</p><ul class="css-9f5t1d">%(menu)s</ul></div>
</div></div>
<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"id":123,"section":"politics"}}}</script>
</body></html>""" % dict(site=esc(site), menu=c.menu(), title=esc(art["title"]), author=esc(author),
                         body="\n".join(body), comments=comments, trending=c.link_list(6, "css-2f3r1q", "ol"),
                         rights=esc(RIGHTS.format(site=site)))


def magazine(art, c, site, author):
    ps = paragraphs(art["body"])
    body = []
    for i, p in enumerate(ps):
        body.append("<p>%s</p>" % esc(p))
        if i == 1:
            body.append('<figure class="wp-block-image"><img src="/i/2.jpg" alt=""><figcaption>%s</figcaption></figure>' % esc(c.sentence()))
        if i == 2 and len(ps) > 4:
            quote = re.split(r"(?<=[.!?])\s+", ps[3])[0]
            body.append('<blockquote class="pullquote"><p>%s</p></blockquote>' % esc(quote))
        if i == 3:
            body.append('<div class="advert-label">ADVERTISEMENT</div><div class="dfp-slot" id="dfp-mid"></div>')
            body.append('<div class="continue-reading">Story continues below advertisement</div>')
        if i == 5:
            body.append('<blockquote class="twitter-tweet"><p lang="en">%s</p>&mdash; Someone (@someone) <a href="https://twitter.com/x">March 2, 2018</a></blockquote>'
                        % esc(c.sentence()))
    return head(art, site, '<meta name="author" content="%s"><meta name="date" content="2018-03-02">' % esc(author)) + """
<body class="single">
<div class="top-bar"><div class="promo-strip">Subscribe today: first month free. <a href="/subscribe">Claim offer</a></div></div>
<div class="site-header"><div class="logo"><a href="/">%(site)s</a></div><div class="menu-main-container"><ul id="menu-main">%(menu)s</ul></div></div>
<div class="container"><div class="row"><div class="col-md-8 main-column">
<div class="post-header"><div class="post-category"><a href="/culture">Culture</a></div><h1 class="post-title">%(title)s</h1>
<div class="post-meta">%(author)s &middot; March 2, 2018 &middot; <a href="#comments">12 comments</a></div></div>
<div class="post-content">%(body)s</div>
<div class="post-share"><span>Share</span><a href="#">f</a><a href="#">t</a><a href="#">in</a></div>
<div class="you-may-also-like"><h3>You may also like</h3>%(also)s</div>
</div><div class="col-md-4 sidebar"><div class="widget popular-posts"><h4>Popular</h4>%(popular)s</div>
<div class="widget newsletter"><p>%(newsletter)s</p><form><input type="email"><button>Subscribe</button></form></div></div></div></div>
<div class="footer"><div class="footer-about"><p>%(about)s</p></div><div class="footer-bottom">%(rights)s</div></div>
</body></html>""" % dict(site=esc(site), menu=c.menu(), title=esc(art["title"]), author=esc(author),
                         body="\n".join(body), also=c.link_list(4), popular=c.link_list(5),
                         newsletter=esc(NEWSLETTER), about=esc(ABOUT.format(site=site)),
                         rights=esc(RIGHTS.format(site=site)))


def minimal(art, c, site, author):
    ps = paragraphs(art["body"])
    return head(art, site) + """
<body><div class="header"><a href="/">%(site)s</a> <a href="/menu">Menu</a></div>
<div class="wrapper"><h1>%(title)s</h1><div class="meta">%(author)s, 2 March 2018</div>
<div itemprop="articleBody">%(body)s</div>
<div class="recommended"><h2>Recommended for you</h2>%(rec)s</div></div>
<div class="footer">%(rights)s <a href="/privacy">Privacy</a> <a href="/cookies">Cookies</a></div>
</body></html>""" % dict(site=esc(site), title=esc(art["title"]), author=esc(author),
                         body="".join("<p>%s</p>" % esc(p) for p in ps), rec=c.link_list(6),
                         rights=esc(RIGHTS.format(site=site)))


# Held out: written after the extractor's rules were settled and not used to
# tune them, to show how the figures carry over to chrome it was not fitted to.
def guardianish(art, c, site, author):
    ps = paragraphs(art["body"])
    body = []
    for i, p in enumerate(ps):
        body.append("<p>%s</p>" % esc(p))
        if i == 1:
            body.append('<aside class="element element-rich-link"><p><span>Related: </span><a href="/r">%s</a></p></aside>'
                        % esc(c.titles_n(1)[0]))
        if i == 3:
            body.append('<figure class="element element-image"><img src="/i.jpg"><figcaption><span class="element-image__caption">%s</span></figcaption></figure>'
                        % esc(c.sentence()))
    teasers = "".join('<li class="fc-item"><div class="fc-item__container"><a class="fc-item__link" href="/o/%d">'
                      '<span class="fc-item__kicker">Analysis</span><span class="js-headline-text">%s</span></a>'
                      '<div class="fc-item__standfirst">%s</div></div></li>' % (i, esc(t), esc(c.sentence()))
                      for i, t in enumerate(c.titles_n(4)))
    return head(art, site) + """
<body><div class="new-header"><ul class="pillars">%(menu)s</ul><a class="support-the-guardian" href="/support">Support us</a></div>
<div class="content__main"><div class="content__headline-standfirst-wrapper"><h1 class="content__headline" itemprop="headline">%(title)s</h1>
<div class="content__standfirst"><p>%(stand)s</p></div></div>
<div class="content__meta-container"><p class="byline" itemprop="author">%(author)s</p><p class="content__dateline"><time itemprop="datePublished" datetime="2018-03-02T10:00:00+0000">Fri 2 Mar 2018 10.00 GMT</time></p></div>
<div class="content__article-body from-content-api js-article__body" itemprop="articleBody">%(body)s</div>
<div class="submeta"><ul class="submeta__links"><li><a href="/t/1">US politics</a></li><li><a href="/t/2">Congress</a></li></ul></div>
</div>
<div class="onward-journey"><h2 class="fc-container__title">More on this story</h2><ul class="u-unstyled">%(teasers)s</ul></div>
<div class="discussion" id="comments"><div class="discussion__heading">Reader comments</div><ul class="d-thread">%(comments)s</ul></div>
<footer class="l-footer"><p>%(rights)s</p></footer></body></html>""" % dict(
        menu=c.menu(), title=esc(art["title"]), stand=esc(c.sentence()), author=esc(author),
        body="\n".join(body), teasers=teasers,
        comments="".join('<li class="d-comment"><div class="d-comment__meta">%s</div><div class="d-comment__body"><p>%s</p></div></li>'
                         % (u, esc(c.comment_text())) for u in c.rng.sample(USERS, 3)),
        rights=esc(RIGHTS.format(site=site)))


def blogger(art, c, site, author):
    ps = paragraphs(art["body"])
    snippets = "".join('<li><div class="item-title"><a href="/p/%d">%s</a></div><div class="item-snippet">%s</div></li>'
                       % (i, esc(t), esc(c.sentence())) for i, t in enumerate(c.titles_n(4)))
    comments = "".join('<dt class="comment-author" id="c%d"><a href="/u">%s</a> said...</dt><dd class="comment-body"><p>%s</p></dd>'
                       '<dd class="comment-footer"><span class="comment-timestamp">March 3, 2018 at 10:%02d AM</span></dd>'
                       % (i, u, esc(c.comment_text()), i) for i, u in enumerate(c.rng.sample(USERS, 4)))
    return head(art, site) + """
<body><div id="outer-wrapper"><div id="header-wrapper"><div class="header"><h1 class="title">%(site)s</h1><p class="description">Notes on politics and the press</p></div></div>
<div id="content-wrapper"><div id="main-wrapper"><div class="date-outer"><h2 class="date-header"><span>Friday, March 2, 2018</span></h2>
<div class="post hentry"><h3 class="post-title entry-title">%(title)s</h3>
<div class="post-header"></div>
<div class="post-body entry-content" id="post-body-8812">%(body)s</div>
<div class="post-footer"><span class="post-author vcard">Posted by %(author)s</span> <span class="post-labels">Labels: <a href="/l/1">politics</a>, <a href="/l/2">media</a></span></div></div>
<div class="comments" id="comments"><h4>4 comments:</h4><dl id="comments-block">%(comments)s</dl><p class="comment-footer"><a href="/c">Post a Comment</a></p></div>
</div></div>
<div id="sidebar-wrapper"><div class="widget PopularPosts"><h2>Popular Posts</h2><ul>%(snippets)s</ul></div>
<div class="widget BlogArchive"><h2>Blog Archive</h2><ul><li>2018 (112)</li><li>2017 (240)</li></ul></div></div></div>
<div id="footer-wrapper">%(rights)s Powered by Blogger.</div></div></body></html>""" % dict(
        site=esc(site), title=esc(art["title"]), body="<br /><br />\n".join(esc(p) for p in ps),
        author=esc(author), comments=comments, snippets=snippets, rights=esc(RIGHTS.format(site=site)))


TEMPLATES = [("wordpress", wordpress), ("modern-news", modern), ("legacy-tables", legacy),
             ("css-in-js", obfuscated), ("magazine", magazine), ("minimal", minimal),
             ("held-out:news-cms", guardianish), ("held-out:blogger", blogger)]


def load_articles(path, n, rng):
    arts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                a = json.loads(line)
            except ValueError:
                continue
            body = a.get("body") or ""
            if a.get("title") and 150 <= len(tokens(body)) <= 2500 and len(paragraphs(body)) >= 4:
                arts.append(a)
    rng.shuffle(arts)
    return arts[:n], arts[n:n + 400]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--indexer", default=os.path.join(ROOT, "build", "indexer", "gazette-index"))
    ap.add_argument("--searcher", default=os.path.join(ROOT, "build", "searcher", "gazette-search"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpora", "allsides", "allsides.jsonl"))
    ap.add_argument("--keep", help="write the pages here and keep them")
    ap.add_argument("--show-worst", type=int, default=0)
    args = ap.parse_args()
    if not os.path.exists(args.corpus):
        print("no AllSides corpus at %s; skipped" % args.corpus)
        return 77
    rng = random.Random(args.seed)
    arts, others = load_articles(args.corpus, args.pages, rng)
    chrome = Chrome(rng, others)
    work = args.keep or tempfile.mkdtemp(prefix="gazette-html-bench-")
    pages_dir = os.path.join(work, "pages")
    shutil.rmtree(pages_dir, ignore_errors=True)
    os.makedirs(pages_dir)
    truth = {}
    for i, a in enumerate(arts):
        name, template = TEMPLATES[i % len(TEMPLATES)]
        url = "https://example.org/bench/%03d" % i
        art = {"title": a["title"].strip(), "body": a["body"], "url": url}
        site, author = rng.choice(SITES), rng.choice(AUTHORS)
        with open(os.path.join(pages_dir, "page-%03d.html" % i), "w", encoding="utf-8") as f:
            f.write(template(art, chrome, site, author))
        truth[url] = (name, art["title"], a["body"])
    # One index per page: the page's article is then the only hit, whatever
    # url or title the extractor found for it.
    hits = {}
    for i, url in enumerate(sorted(truth)):
        db = os.path.join(work, "db-%03d" % i)
        shutil.rmtree(db, ignore_errors=True)
        subprocess.run([args.indexer, "--db", db, "--jobs", "1", "-q",
                        os.path.join(pages_dir, "page-%s.html" % url.rsplit("/", 1)[1])], check=True)
        res = subprocess.run([args.searcher, "--db", db, "--format", "json", "--compact", "--limit", "1",
                              "--snippet-size", "1000000", ""], capture_output=True, text=True)
        try:
            found = json.loads(res.stdout)["hits"]
        except ValueError:
            sys.exit("gazette-search failed (exit %d): %s" % (res.returncode, res.stderr))
        if found:
            hits[url] = found[0]
        shutil.rmtree(db, ignore_errors=True)
    per_template = collections.defaultdict(lambda: [0, 0, 0, [], [], 0])
    rows = []
    for url, (name, title, body) in sorted(truth.items()):
        h = hits.get(url)
        got = tokens(h.get("snippet", "")) if h else []
        want = tokens(body)
        common = sum((collections.Counter(got) & collections.Counter(want)).values())
        p = common / len(got) if got else 0.0
        r = common / len(want) if want else 1.0
        t = per_template[name]
        t[0] += common; t[1] += len(got); t[2] += len(want); t[3].append(p); t[4].append(r)
        t[5] += 1 if h and h.get("title") == title else 0
        rows.append((p + r, url, name, p, r))
    tot = [sum(v[i] for v in per_template.values()) for i in range(3)]
    allp = [x for v in per_template.values() for x in v[3]]
    allr = [x for v in per_template.values() for x in v[4]]
    titles_ok = sum(v[5] for v in per_template.values())
    print("HTML body extraction: %d pages from AllSides texts, %d templates (seed %d)" %
          (len(truth), len(TEMPLATES), args.seed))
    print("%-22s %5s %10s %10s %10s %10s %7s" % ("template", "pages", "micro P", "micro R", "macro P", "macro R", "titles"))
    for name, _ in TEMPLATES:
        v = per_template[name]
        if not v[3]:
            continue
        print("%-22s %5d %9.1f%% %9.1f%% %9.1f%% %9.1f%% %4d/%d" % (
            name, len(v[3]), 100 * v[0] / max(v[1], 1), 100 * v[0] / max(v[2], 1),
            100 * sum(v[3]) / len(v[3]), 100 * sum(v[4]) / len(v[4]), v[5], len(v[3])))
    print("%-22s %5d %9.1f%% %9.1f%% %9.1f%% %9.1f%% %4d/%d" % (
        "all", len(allp), 100 * tot[0] / max(tot[1], 1), 100 * tot[0] / max(tot[2], 1),
        100 * sum(allp) / len(allp), 100 * sum(allr) / len(allr), titles_ok, len(allp)))
    for _, url, name, p, r in sorted(rows)[: args.show_worst]:
        print("  worst: %s (%s) P %.3f R %.3f" % (url, name, p, r))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
