#!/usr/bin/env python3
"""Writes the binary fixtures of this folder (all content invented for gazette):

  river-festival.htm     a page in windows-1251, declared by <meta http-equiv>
  market-hall.html.gz    a gzipped page in UTF-8 without a date of its own
  crawl.warc.gz          a WARC 1.0 crawl, one gzip member per record:
                         warcinfo, request, an HTML response (chunked and
                         gzip content-encoded), an image response, a 404, an
                         HTML response in ISO-8859-1, a metadata record and a
                         revisit record

Run it from anywhere; it is deterministic (gzip mtime 0), so the files only
change when this script does. The tests read the committed outputs.
"""
import gzip
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def page(title, paragraphs, head_extra="", lang="en"):
    body = "\n".join("<p>%s</p>" % p for p in paragraphs)
    return """<!DOCTYPE html>
<html lang="%s"><head>%s<title>%s</title></head>
<body>
<div id="top-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/city">City</a></li></ul></div>
<div id="content"><h1>%s</h1>
<div class="text">
%s
</div></div>
<div id="footer">Contact | Advertise | Privacy</div>
</body></html>
""" % (lang, head_extra, title, title, body)


def river_festival():
    html = page(
        "Речной фестиваль соберёт сто лодок",
        ["В субботу на набережной откроется речной фестиваль: организаторы ждут около ста "
         "лодок и парусников со всей области.",
         "Мэр города Ольга Петренко сказала, что в этом году впервые пройдёт ночной парад "
         "с фонарями, а вход на все площадки будет бесплатным."],
        head_extra='<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
                   '<meta name="date" content="2017-07-08">',
        lang="ru")
    with open(os.path.join(HERE, "river-festival.htm"), "wb") as f:
        f.write(html.encode("cp1251"))


def market_hall():
    html = page(
        "Market Hall Reopens After Restoration",
        ["The nineteenth-century market hall reopened on Thursday after a two-year restoration "
         "that replaced its cast-iron roof and glass lanterns.",
         "Forty stallholders have signed leases, among them a fishmonger whose family has "
         "traded in the hall since 1901."],
        head_extra='<meta charset="utf-8">')
    with open(os.path.join(HERE, "market-hall.html.gz"), "wb") as f:
        f.write(gz(html.encode("utf-8")))


def record(warc_type, headers, block):
    lines = ["WARC/1.0", "WARC-Type: " + warc_type]
    lines += ["%s: %s" % kv for kv in headers]
    lines.append("Content-Length: %d" % len(block))
    return gz(("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + block + b"\r\n\r\n")


def chunked(data, size=100):
    out = b""
    for i in range(0, len(data), size):
        part = data[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def crawl():
    uri1 = "https://example.org/coast-news/2022/09/05/seawall"
    html1 = page(
        "Seawall Repairs Finished Ahead of Storm Season",
        ["Contractors finished repairing the seawall along the promenade on Monday, two weeks "
         "ahead of schedule and before the autumn storms.",
         "The repairs, which cost 4.2 million euros, replaced 300 metres of concrete facing "
         "that had cracked during the storms of last winter."],
        head_extra='<meta charset="utf-8"><meta property="article:published_time" '
                   'content="2022-09-05T12:00:00Z"><meta property="og:site_name" content="Coast News">')
    payload1 = chunked(gz(html1.encode("utf-8")))
    http1 = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
             b"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" + payload1)
    uri2 = "https://example.org/coast-news/2022/09/06/lifeboat"
    html2 = page(
        "Lifeboat Crew Honoured for Night Rescue",
        ["The volunteer lifeboat crew received a bravery award on Tuesday for rescuing "
         "four sailors from a capsized yacht in a force nine gale.",
         "Coxswain Brígida Søndergaard said the crew had simply done what they were trained to do."],
        head_extra="")
    http2 = (b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n" +
             html2.encode("latin-1"))
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
    out = b""
    out += record("warcinfo", [("WARC-Date", "2022-09-07T08:00:00Z"),
                               ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000001>"),
                               ("Content-Type", "application/warc-fields")],
                  b"software: gazette fixture generator\r\nformat: WARC File Format 1.0\r\n")
    out += record("request", [("WARC-Target-URI", uri1), ("WARC-Date", "2022-09-07T08:00:01Z"),
                              ("Content-Type", "application/http; msgtype=request")],
                  b"GET /coast-news/2022/09/05/seawall HTTP/1.1\r\nHost: example.org\r\n\r\n")
    out += record("response", [("WARC-Target-URI", uri1), ("WARC-Date", "2022-09-07T08:00:02Z"),
                               ("Content-Type", "application/http; msgtype=response")], http1)
    out += record("response", [("WARC-Target-URI", "https://example.org/img/seawall.png"),
                               ("WARC-Date", "2022-09-07T08:00:03Z"),
                               ("Content-Type", "application/http; msgtype=response")],
                  b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n" + png)
    out += record("response", [("WARC-Target-URI", "https://example.org/coast-news/missing"),
                               ("WARC-Date", "2022-09-07T08:00:04Z"),
                               ("Content-Type", "application/http; msgtype=response")],
                  b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body>Not found</body></html>")
    out += record("response", [("WARC-Target-URI", uri2), ("WARC-Date", "2022-09-07T08:00:05Z"),
                               ("Content-Type", "application/http; msgtype=response")], http2)
    out += record("metadata", [("WARC-Target-URI", uri2), ("WARC-Date", "2022-09-07T08:00:05Z"),
                               ("Content-Type", "application/warc-fields")],
                  b"outlink: https://example.org/coast-news/\r\n")
    out += record("revisit", [("WARC-Target-URI", uri1), ("WARC-Date", "2022-09-07T09:00:00Z"),
                              ("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"),
                              ("Content-Type", "application/http; msgtype=response")],
                  b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
    with open(os.path.join(HERE, "crawl.warc.gz"), "wb") as f:
        f.write(out)


if __name__ == "__main__":
    river_festival()
    market_hall()
    crawl()
