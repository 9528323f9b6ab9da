// WARC files (ISO 28500, versions 0.17-1.1), plain or gzipped. A .warc.gz is a
// series of gzip members, one per record; zlib's gzread reads concatenated
// members as one stream, so the file is read as one record stream:
//
//   warc-file   = *( record *CRLF )
//   record      = version CRLF *( header CRLF ) CRLF block CRLF CRLF
//   version     = "WARC/" 1*DIGIT "." 1*DIGIT
//   header      = name ":" value          ; Content-Length is required
//   block       = Content-Length bytes    ; for WARC-Type response with
//                                         ; Content-Type application/http:
//   http        = status-line CRLF *( header CRLF ) CRLF payload
//
// Records are read one at a time: memory is bounded by the largest record kept
// (ReaderOptions::max_article_bytes), whatever the file size. Each HTML capture
// (response, resource or conversion record whose payload is text/html or
// XHTML) becomes one article read by html_article, with WARC-Target-URI as its
// url and WARC-Date as its date when the page gives none. Other captures are
// skipped and counted by reason: "not-html", "http-status" (not 2xx),
// "warc-revisit" (no payload), "too-large"; request, warcinfo and metadata
// records describe the crawl and are passed over. Offsets in messages are byte
// offsets in the decompressed stream.

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "common/normalise.h"
#include "indexer/article_reader.h"
#include "indexer/html_charset.h"
#include "indexer/html_extract.h"

namespace gazette {
namespace {

constexpr size_t kMaxHeaderBytes = 1 << 16;
constexpr size_t kMaxHeaders = 512;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

// Headers as (lower-cased name, value) in order.
struct Headers {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string get(std::string_view name) const {
    for (const auto& [k, v] : fields)
      if (k == name) return v;
    return "";
  }
  bool has(std::string_view name) const {
    for (const auto& f : fields)
      if (f.first == name) return true;
    return false;
  }
  // Adds "Name: value", or continues the previous value for a folded line.
  bool add_line(std::string_view line) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !fields.empty()) {
      fields.back().second += ' ';
      fields.back().second += trim(line);
      return true;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    fields.emplace_back(lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
    return true;
  }
};

// Buffered record stream over a ByteSource, tracking the byte offset.
class RecordStream {
 public:
  explicit RecordStream(ByteSource* source) : source_(source) { buf_.resize(1 << 17); }

  unsigned long long offset() const { return offset_; }

  // Reads a line without its LF (and CR). Returns false at end of stream. A
  // line longer than `max` is returned cut to `max` bytes with *too_long set.
  bool read_line(std::string* line, size_t max, bool* too_long) {
    line->clear();
    *too_long = false;
    for (;;) {
      if (begin_ == end_ && !fill()) return !line->empty() || *too_long;
      const char* start = buf_.data() + begin_;
      const void* nl = std::memchr(start, '\n', end_ - begin_);
      size_t n = nl == nullptr ? end_ - begin_ : static_cast<size_t>(static_cast<const char*>(nl) - start);
      size_t keep = std::min(n, max > line->size() ? max - line->size() : 0);
      line->append(start, keep);
      if (keep < n) *too_long = true;
      consume(n + (nl != nullptr ? 1 : 0));
      if (nl != nullptr) {
        if (!line->empty() && line->back() == '\r') line->pop_back();
        return true;
      }
    }
  }

  // Appends up to n bytes to *out (or drops them when out is null); returns
  // how many there were.
  size_t read_bytes(size_t n, std::string* out) {
    size_t done = 0;
    while (done < n) {
      if (begin_ == end_ && !fill()) break;
      size_t k = std::min(n - done, end_ - begin_);
      if (out != nullptr) out->append(buf_.data() + begin_, k);
      consume(k);
      done += k;
    }
    return done;
  }

  // The next byte without consuming it; -1 at end of stream.
  int peek() {
    if (begin_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buf_[begin_]);
  }

 private:
  bool fill() {
    begin_ = end_ = 0;
    size_t got = source_->read(buf_.data(), buf_.size());
    end_ = got;
    return got > 0;
  }
  void consume(size_t n) {
    begin_ += n;
    offset_ += n;
  }

  ByteSource* source_;
  std::string buf_;
  size_t begin_ = 0, end_ = 0;
  unsigned long long offset_ = 0;
};

// Undoes chunked transfer coding. Returns false if `in` is not chunked (some
// crawlers store the payload de-chunked but keep the header).
bool dechunk(std::string_view in, std::string* out) {
  out->clear();
  size_t pos = 0;
  for (;;) {
    size_t eol = in.find('\n', pos);
    if (eol == std::string_view::npos) return false;
    std::string_view size_line = trim(in.substr(pos, eol - pos));
    size_t semi = size_line.find(';');
    if (semi != std::string_view::npos) size_line = trim(size_line.substr(0, semi));
    if (size_line.empty() || size_line.size() > 15) return false;
    size_t size = 0;
    for (char c : size_line) {
      int d = c >= '0' && c <= '9' ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return false;
      size = size * 16 + static_cast<size_t>(d);
    }
    pos = eol + 1;
    if (size == 0) return true;
    if (size > in.size() - pos) {
      out->append(in.substr(pos));  // truncated capture: keep what is there
      return true;
    }
    out->append(in.substr(pos, size));
    pos += size;
    if (pos < in.size() && in[pos] == '\r') ++pos;
    if (pos < in.size() && in[pos] == '\n') ++pos;
  }
}

// Inflates gzip, zlib or raw deflate data, at most `limit` bytes of output.
bool inflate_payload(std::string_view in, size_t limit, std::string* out, std::string* error) {
  for (int window : {15 + 32, -15}) {  // gzip/zlib by header, then raw deflate
    out->clear();
    z_stream z{};
    if (inflateInit2(&z, window) != Z_OK) {
      *error = "cannot start zlib";
      return false;
    }
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), 0xffffffffu));
    char chunk[1 << 15];
    int rc = Z_OK;
    while (rc == Z_OK) {
      z.next_out = reinterpret_cast<Bytef*>(chunk);
      z.avail_out = sizeof chunk;
      rc = inflate(&z, Z_NO_FLUSH);
      out->append(chunk, sizeof chunk - z.avail_out);
      if (out->size() > limit) {
        inflateEnd(&z);
        *error = "payload inflates to more than " + std::to_string(limit >> 20) + " MiB";
        return false;
      }
      if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // truncated: keep what there is
    }
    inflateEnd(&z);
    if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && !out->empty())) return true;
  }
  *error = "content-encoding data is corrupt";
  return false;
}

bool is_html_type(std::string_view mime) {
  return mime == "text/html" || mime == "application/xhtml+xml" || mime == "application/xhtml";
}

std::string mime_of(std::string_view content_type) {
  size_t semi = content_type.find(';');
  return lower(trim(content_type.substr(0, semi)));
}

class WarcReader {
 public:
  WarcReader(ByteSource* source, const ReaderOptions& limits, ArticleSink* sink)
      : source_(source), stream_(source), limits_(limits), sink_(sink) {}

  void run() {
    while (!sink_->stopped()) {
      unsigned long long start = 0;
      if (!find_record(&start)) break;
      read_record(start);
    }
    if (!source_->error().empty()) {
      sink_->reject(make_problem("truncated-input", "",
                                 "read error at offset " + std::to_string(stream_.offset()) +
                                     ": " + source_->error() +
                                     " (the records before it are indexed)",
                                 Origin{source_->path(), 0, {}}));
    }
  }

 private:
  Origin origin_at(unsigned long long offset) const {
    return Origin{source_->path(), 0, "offset " + std::to_string(offset)};
  }

  // Skips to the next version line; reports bytes that are not a record once.
  bool find_record(unsigned long long* start) {
    std::string line;
    bool too_long = false;
    bool junk_reported = false;
    for (;;) {
      unsigned long long at = stream_.offset();
      if (!stream_.read_line(&line, 256, &too_long)) return false;
      if (!too_long && starts_with(line, "WARC/") && line.size() <= 16) {
        resyncing_ = false;
        *start = at;
        return true;
      }
      if (trim(line).empty() && !too_long) continue;
      if (!junk_reported && !resyncing_) {
        junk_reported = true;
        sink_->reject(make_problem("bad-warc-record", "",
                                   "expected a 'WARC/1.x' record header; skipping to the next "
                                   "record",
                                   origin_at(at)));
      }
    }
  }

  void read_record(unsigned long long start) {
    Origin origin = origin_at(start);
    Headers warc;
    std::string line;
    bool too_long = false;
    size_t header_bytes = 0;
    for (;;) {
      if (!stream_.read_line(&line, kMaxHeaderBytes, &too_long)) {
        sink_->reject(make_problem("truncated-record", "", "the file ends inside a WARC header",
                                   origin));
        return;
      }
      if (line.empty()) break;
      header_bytes += line.size();
      if (too_long || header_bytes > kMaxHeaderBytes || warc.fields.size() > kMaxHeaders ||
          !warc.add_line(line)) {
        resyncing_ = true;
        sink_->reject(make_problem("bad-warc-record", "",
                                   "malformed WARC header line; skipping to the next record",
                                   origin));
        return;
      }
    }
    std::string length_text = std::string(trim(warc.get("content-length")));
    unsigned long long length = 0;
    bool length_ok = !length_text.empty() && length_text.size() <= 18;
    for (char c : length_text) {
      if (c < '0' || c > '9') length_ok = false;
      else length = length * 10 + static_cast<unsigned>(c - '0');
    }
    if (!length_ok) {
      resyncing_ = true;
      sink_->reject(make_problem("bad-warc-record", "Content-Length",
                                 "missing or invalid Content-Length; skipping to the next record",
                                 origin));
      return;
    }
    std::string type = lower(trim(warc.get("warc-type")));
    std::string uri = clean_value(warc.get("warc-target-uri"));
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
    bool capture = type == "response" || type == "resource" || type == "conversion";
    if (type == "revisit") {
      stream_.read_bytes(length, nullptr);
      sink_->reject(make_problem("warc-revisit", "",
                                 "revisit record for " + uri + " (no payload); skipped", origin));
      return;
    }
    if (!capture) {
      if (stream_.read_bytes(length, nullptr) < length) {
        sink_->reject(make_problem("truncated-record", "",
                                   "the file ends inside a " + type + " record", origin));
      }
      return;
    }
    if (length > limits_.max_article_bytes) {
      size_t got = stream_.read_bytes(length, nullptr);
      sink_->reject(make_problem(got < length ? "truncated-record" : "too-large", "",
                                 "record of " + std::to_string(length) + " bytes for " + uri +
                                     " is larger than " +
                                     std::to_string(limits_.max_article_bytes >> 20) +
                                     " MiB; skipped",
                                 origin));
      return;
    }
    block_.clear();
    size_t got = stream_.read_bytes(length, &block_);
    if (got < length) {
      sink_->reject(make_problem("truncated-record", "",
                                 "the file ends inside the record for " + uri + " (" +
                                     std::to_string(got) + " of " + std::to_string(length) +
                                     " bytes)",
                                 origin));
      return;
    }
    DateTime capture_date;
    parse_iso_date(trim(warc.get("warc-date")), &capture_date);
    std::string content_type = warc.get("content-type");
    std::string_view payload = block_;
    Headers http;
    if (type == "response" && starts_with(mime_of(content_type), "application/http")) {
      if (!parse_http(&payload, &http, origin, uri)) return;
      content_type = http.get("content-type");
    }
    std::string mime = mime_of(content_type);
    if (mime.empty()) {
      Format sniffed = format_from_content(payload.substr(0, 1024));
      if (sniffed == Format::kHtml) mime = "text/html";
    }
    if (!is_html_type(mime)) {
      sink_->reject(make_problem("not-html", "",
                                 type + " record for " + uri + " is " +
                                     (mime.empty() ? std::string("of unknown type") : mime) +
                                     ", not HTML; skipped",
                                 origin));
      return;
    }
    if (!decode_payload(&payload, http, origin, uri)) return;
    Article a = html_article(payload, charset_from_content_type(content_type), origin, uri, true,
                             capture_date);
    if (a.title.empty() && a.body.empty()) {
      sink_->reject(make_problem("empty-article", "", "page " + uri + " has no headline and no text",
                                 origin));
      return;
    }
    if (a.body.empty()) a.warnings.push_back(make_problem("no-text", "", "no article text", origin));
    sink_->accept(std::move(a));
  }

  // Splits an HTTP response into headers and payload; skips non-2xx.
  bool parse_http(std::string_view* payload, Headers* http, const Origin& origin,
                  const std::string& uri) {
    std::string_view block = *payload;
    size_t eol = block.find('\n');
    std::string_view status_line = trim(block.substr(0, eol));
    int status = 0;
    if (starts_with(status_line, "HTTP/")) {
      size_t sp = status_line.find(' ');
      if (sp != std::string_view::npos && sp + 4 <= status_line.size()) {
        for (size_t k = sp + 1; k < sp + 4; ++k) {
          char c = status_line[k];
          if (c < '0' || c > '9') {
            status = 0;
            break;
          }
          status = status * 10 + (c - '0');
        }
      }
    }
    if (status == 0) {
      sink_->reject(make_problem("bad-http", "", "response record for " + uri +
                                                     " has no HTTP status line; skipped",
                                 origin));
      return false;
    }
    size_t pos = eol == std::string_view::npos ? block.size() : eol + 1;
    for (;;) {
      if (pos >= block.size()) break;
      size_t next = block.find('\n', pos);
      std::string_view line = block.substr(pos, next == std::string_view::npos ? next : next - pos);
      pos = next == std::string_view::npos ? block.size() : next + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) break;
      if (http->fields.size() < kMaxHeaders) http->add_line(line);
    }
    *payload = block.substr(std::min(pos, block.size()));
    if (status < 200 || status > 299) {
      sink_->reject(make_problem("http-status", "",
                                 "HTTP " + std::to_string(status) + " for " + uri + "; skipped",
                                 origin));
      return false;
    }
    return true;
  }

  // Undoes transfer and content codings.
  bool decode_payload(std::string_view* payload, const Headers& http, const Origin& origin,
                      const std::string& uri) {
    if (lower(http.get("transfer-encoding")).find("chunked") != std::string::npos) {
      if (dechunk(*payload, &dechunked_)) *payload = dechunked_;
    }
    std::string coding = lower(trim(http.get("content-encoding")));
    if (coding.empty() || coding == "identity") return true;
    // A crawler may have stored the decoded payload (and kept the header).
    bool looks_compressed = payload->size() >= 2 &&
                            ((static_cast<unsigned char>((*payload)[0]) == 0x1f &&
                              static_cast<unsigned char>((*payload)[1]) == 0x8b) ||
                             coding == "deflate");
    if (!looks_compressed && (coding == "gzip" || coding == "x-gzip")) return true;
    if (coding != "gzip" && coding != "x-gzip" && coding != "deflate") {
      sink_->reject(make_problem("unsupported-encoding", "Content-Encoding",
                                 "page " + uri + " is '" + coding + "'-encoded; skipped", origin));
      return false;
    }
    std::string error;
    if (!inflate_payload(*payload, limits_.max_article_bytes, &inflated_, &error)) {
      if (format_from_content(payload->substr(0, 1024)) == Format::kHtml) return true;
      sink_->reject(make_problem("bad-encoding", "Content-Encoding",
                                 "page " + uri + ": " + error + "; skipped", origin));
      return false;
    }
    *payload = inflated_;
    return true;
  }

  ByteSource* source_;
  RecordStream stream_;
  const ReaderOptions& limits_;
  ArticleSink* sink_;
  std::string block_, dechunked_, inflated_;
  bool resyncing_ = false;  // a bad record was reported: its bytes are not again
};

}  // namespace

void read_warc(ByteSource* source, const ReaderOptions& limits, ArticleSink* sink) {
  WarcReader(source, limits, sink).run();
}

}  // namespace gazette
