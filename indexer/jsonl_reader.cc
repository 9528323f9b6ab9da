// JSON readers (fields as in README "Input formats"; which keys they are read
// from is InputFields, article_reader.h):
//   - read_jsonl: JSON Lines, one article object per line. Each line is parsed
//     in place inside LineReader's buffer, which keeps the padding simdjson
//     needs after it.
//   - read_json: a JSON document, streamed: a top-level array of article
//     objects, an object that wraps such an array (NewsAPI's {"articles":
//     [...]}, the NYT archive's {"response": {"docs": [...]}},
//     Elasticsearch's {"hits": {"hits": [...]}}), or article objects one after
//     another, pretty-printed or not. JsonStream finds where each article
//     object begins and ends without parsing it; only that object is held in
//     memory and parsed.
// Articles are parsed with simdjson's DOM parser rather than its On-Demand
// API: the DOM kernels are chosen at run time (AVX2 where present) while
// On-Demand's are fixed at compile time, which for a portable x86-64 build
// means the slow fallback kernel.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <simdjson.h>

#include "common/normalise.h"
#include "indexer/article_reader.h"
#include "indexer/web_dates.h"

namespace gazette {
namespace {

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

class ArticleParser {
 public:
  explicit ArticleParser(const InputFields& fields) {
    for (int f = 0; f < InputFields::kCount; ++f) {
      const auto field = static_cast<InputFields::Field>(f);
      // Slots are in the order tried: by field, then by the field's keys.
      for (const std::string& key : fields.keys(field))
        slots_.push_back({key, field, pointer(key)});
    }
  }

  // Parses `json` (padded) into *a. Returns "" or an error message; sets
  // *simd_error to the simdjson code behind a JSON syntax error.
  std::string parse(std::string_view json, Article* a, simdjson::error_code* simd_error) {
    *simd_error = simdjson::SUCCESS;
    simdjson::dom::element doc;
    // The DOM parser validates the whole line (and uses the CPU's best kernel,
    // chosen at run time); padding is guaranteed by LineReader.
    if (auto e = parser_.parse(json.data(), json.size(), false).get(doc)) {
      *simd_error = e;
      return std::string("invalid JSON: ") + simdjson::error_message(e);
    }
    simdjson::dom::object obj;
    if (doc.get_object().get(obj)) return "not a JSON object";
    // An Elasticsearch hit: the article is its "_source", the id its "_id".
    simdjson::dom::element hit_id;
    bool has_hit_id = false;
    simdjson::dom::element source;
    if (!obj["_source"].get(source) && source.is_object()) {
      has_hit_id = !obj["_id"].get(hit_id);
      doc = source;
      obj = source.get_object().value_unsafe();
    }
    // The slots present in this object (not null, not ""), in the order tried.
    found_.clear();
    for (auto [key, v] : obj) {
      if (absent(v)) continue;
      for (size_t i = 0; i < slots_.size(); ++i)
        if (slots_[i].key == key) found_.push_back({i, v});  // dotted keys too, literally
    }
    for (size_t i = 0; i < slots_.size(); ++i) {
      simdjson::dom::element v;
      if (!slots_[i].pointer.empty() && !doc.at_pointer(slots_[i].pointer).get(v) && !absent(v))
        found_.push_back({i, v});
    }
    std::stable_sort(found_.begin(), found_.end(),
                     [](const Found& x, const Found& y) { return x.slot < y.slot; });
    int done = -1;  // the last field that got a value: its other keys are skipped
    for (const Found& f : found_) {
      const Slot& slot = slots_[f.slot];
      if (slot.field == done) continue;
      std::string err = apply(slot.field, f.value, slot.key, a);
      if (err.empty()) {
        done = slot.field;
      } else {
        a->warnings.push_back(
            make_problem("bad-field", slot.key, err + "; field ignored", a->origin));
      }
    }
    if (a->id.empty() && has_hit_id) get_id(hit_id, &a->id);
    return "";
  }

 private:
  struct Slot {
    std::string key;
    InputFields::Field field;
    std::string pointer;  // JSON pointer for a dotted key, else empty
  };
  struct Found {
    size_t slot;  // index into slots_
    simdjson::dom::element value;
  };

  // "a.b" -> "/a/b" (RFC 6901 escapes); "" for a key without dots.
  static std::string pointer(const std::string& key) {
    if (key.find('.') == std::string::npos) return "";
    std::string p = "/";
    for (char c : key) {
      if (c == '.')
        p += '/';
      else if (c == '~')
        p += "~0";
      else if (c == '/')
        p += "~1";
      else
        p += c;
    }
    return p;
  }

  // null and "" say nothing: the next key for the field is tried.
  static bool absent(simdjson::dom::element v) {
    std::string_view s;
    return v.is_null() || (!v.get_string().get(s) && s.empty());
  }

  // Sets field f of *a from v (read from `key`). Returns "" or what is wrong
  // with v's type; a value that is only partly usable is kept with a warning.
  std::string apply(InputFields::Field f, simdjson::dom::element v, const std::string& key,
                    Article* a) {
    std::string err;
    switch (f) {
      case InputFields::kId:
        return get_id(v, &a->id);
      case InputFields::kTitle:
        err = get_string(v, &scratch_);
        a->title = clean_value(scratch_);
        return err;
      case InputFields::kBody:
        err = get_string(v, &scratch_);
        clean_text(scratch_, &cleaned_);
        a->body = std::string(trim_text(cleaned_));
        return err;
      case InputFields::kDate:
        return get_date(v, key, a);
      case InputFields::kSource:
        return get_string(v, &a->source);
      case InputFields::kUrl:
        err = get_string(v, &scratch_);
        a->url = clean_value(scratch_);
        return err;
      case InputFields::kDateline:
        err = get_string(v, &scratch_);
        a->dateline = clean_value(scratch_);
        return err;
      case InputFields::kPersons:
      case InputFields::kPlaces:
      case InputFields::kGroups:
      case InputFields::kTopics: {
        size_t dropped = 0;
        err = get_list(v, InputFields::list(f, a), &dropped);
        if (!err.empty()) return err;
        if (dropped > 0) {
          a->warnings.push_back(make_problem(
              "bad-field", key,
              std::to_string(dropped) + " value(s) neither a string nor a named object dropped",
              a->origin));
        }
        if (f != InputFields::kTopics) a->has_entity_metadata = true;
        return "";
      }
      case InputFields::kCount:
        break;
    }
    return "";
  }

  // Reads a string (null -> ""), or the name of an object that names one
  // (named(): NewsAPI's "source": {"id": null, "name": "BBC News"}); any other
  // type is an error.
  static std::string get_string(simdjson::dom::element v, std::string* out) {
    out->clear();
    if (v.is_null()) return "";
    std::string_view s;
    if (v.get_string().get(s) && !named(v, &s)) return "expected a string";
    out->assign(s);
    return "";
  }

  // The date: a string in any form parse_web_date reads, or a number as
  // date_from_number reads it (YYYYMMDD, or Unix time in seconds or
  // milliseconds). A date that cannot be read is a bad-date warning, a value of
  // another type a bad-field one.
  std::string get_date(simdjson::dom::element v, const std::string& key, Article* a) {
    // MongoDB extended JSON: {"$date": "2016-02-21T..."} or {"$date":
    // {"$numberLong": "1456050600000"}} (milliseconds, read by the rules below).
    simdjson::dom::element inner;
    for (int depth = 0; depth < 2 && v.is_object(); ++depth) {
      if (!v["$date"].get(inner) || !v["$numberLong"].get(inner))
        v = inner;
      else
        break;
    }
    double number = 0;
    std::string_view digits;
    if (!v.get_string().get(digits) && digits.size() >= 9 && digits.size() <= 19 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      // Unix time written as a string, as a $numberLong is (nine digits or
      // more: "2016" and "20160221" stay dates as written).
      number = std::strtod(std::string(digits).c_str(), nullptr);
      if (!date_from_number(number, &a->date))
        a->warnings.push_back(bad_date_problem(key, digits, "Unix time out of range", a->origin));
      return "";
    }
    if (v.is_int64()) {
      number = static_cast<double>(v.get_int64().value_unsafe());
    } else if (v.is_uint64()) {
      number = static_cast<double>(v.get_uint64().value_unsafe());
    } else if (v.is_double()) {
      number = v.get_double().value_unsafe();
    } else {
      std::string err = get_string(v, &scratch_);
      if (!err.empty()) return "expected a string or a number";
      if (scratch_.empty()) return "";
      const std::string why = parse_web_date(scratch_, &a->date);
      if (!why.empty())
        a->warnings.push_back(bad_date_problem(key, clean_value(scratch_), why, a->origin));
      return "";
    }
    if (!date_from_number(number, &a->date)) {
      a->warnings.push_back(
          bad_date_problem(key, simdjson::minify(v), "Unix time out of range", a->origin));
    }
    return "";
  }

  static std::string get_id(simdjson::dom::element v, std::string* out) {
    if (v.is_int64() || v.is_uint64()) {
      *out = simdjson::minify(v);
      return "";
    }
    // A MongoDB export's {"$oid": "5a1b..."}.
    simdjson::dom::element oid;
    std::string_view hex;
    if (v.is_object() && !v["$oid"].get(oid) && !oid.get_string().get(hex)) {
      *out = clean_value(std::string(hex));
      return "";
    }
    std::string s;
    std::string err = get_string(v, &s);
    if (err.empty()) *out = clean_value(s);
    return err;
  }

  // An array of strings (null -> empty; a lone string -> one value), or of
  // objects naming entities (named()). Other elements are dropped and counted
  // in *dropped; the rest are kept.
  static std::string get_list(simdjson::dom::element v, std::vector<std::string>* out,
                              size_t* dropped) {
    out->clear();
    if (v.is_null()) return "";
    std::string_view s;
    if (!v.get_string().get(s)) {
      out->emplace_back(s);
      return "";
    }
    simdjson::dom::array arr;
    if (v.get_array().get(arr)) return "expected an array of strings";
    for (simdjson::dom::element item : arr) {
      if (!item.get_string().get(s) || named(item, &s)) {
        if (!s.empty()) out->emplace_back(s);
      } else {
        ++*dropped;
      }
    }
    return "";
  }

  // The name of an entity given as an object, as entity taggers and news APIs
  // write them ({"name": "Angela Merkel", "type": "PERSON", ...}): its "name",
  // else "text", else "label", else "main" (the NYT's "headline": {"main":
  // ...}). False if it has no such string.
  static bool named(simdjson::dom::element item, std::string_view* name) {
    simdjson::dom::object obj;
    if (item.get_object().get(obj)) return false;
    for (const char* key : {"name", "text", "label", "main"}) {
      simdjson::dom::element v;
      if (!obj[key].get(v) && !v.get_string().get(*name)) return true;
    }
    return false;
  }

  std::vector<Slot> slots_;  // every field's keys, in the order tried
  std::vector<Found> found_;
  simdjson::dom::parser parser_;
  std::string scratch_;
  std::string cleaned_;
};

// Parses one article object (padded as simdjson needs) and reports it: invalid
// UTF-8 and raw control characters are repaired and the object parsed again,
// so one bad byte costs a character, not the article.
class RecordReader {
 public:
  RecordReader(const ReaderOptions& options, ArticleSink* sink)
      : parser_(options.fields), sink_(sink) {}

  void read(std::string_view json, const Origin& origin) {
    Article a;
    if (parse(json, origin, &a)) deliver_record(std::move(a), sink_);
  }

  // Parses without delivering; false (reported as invalid-json) if the JSON
  // is not an object even after repair.
  bool parse(std::string_view json, const Origin& origin, Article* out) {
    Article a;
    a.origin = origin;
    simdjson::error_code code;
    std::string err = parser_.parse(json, &a, &code);
    if (!err.empty() && (code == simdjson::UTF8_ERROR || code == simdjson::UNESCAPED_CHARS ||
                         code == simdjson::UNCLOSED_STRING)) {
      size_t bad = clean_text(json, &repaired_);
      repaired_.reserve(repaired_.size() + LineReader::kPadding);
      Article retry;
      retry.origin = origin;
      if (parser_.parse(repaired_, &retry, &code).empty()) {
        retry.warnings.insert(
            retry.warnings.begin(),
            bad > 0 ? invalid_utf8_problem(bad, origin)
                    : make_problem("control-chars", "", "raw control characters replaced by spaces",
                                   origin));
        a = std::move(retry);
        err.clear();
      }
    }
    if (!err.empty()) {
      sink_->reject(make_problem("invalid-json", "", err, origin));
      return false;
    }
    *out = std::move(a);
    return true;
  }

 private:
  ArticleParser parser_;
  ArticleSink* sink_;
  std::string repaired_;
};

// A byte stream read as JSON tokens without building values: where strings,
// objects and arrays begin and end, and the line each starts on. While
// capturing, every byte consumed is also appended to capture() (up to a
// limit, past which overflowed() is set and the bytes are dropped).
class JsonStream {
 public:
  explicit JsonStream(ByteSource* source) : source_(source) { buf_.resize(1 << 16); }

  // The next byte, or -1 at the end of the stream (or on a read error).
  int peek() {
    if (pos_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  int get() {
    const int c = peek();
    if (c < 0) return c;
    ++pos_;
    if (c == '\n') ++line_;
    if (capturing_) {
      if (capture_.size() < limit_)
        capture_.push_back(static_cast<char>(c));
      else
        overflowed_ = true;
    }
    return c;
  }
  void skip_space() {
    for (int c = peek(); c == ' ' || c == '\t' || c == '\r' || c == '\n'; c = peek()) get();
  }
  // The first byte after `c` == peek() and any white space after it, without
  // consuming anything; -1 if the stream ends first or the white space runs
  // past the look-ahead.
  int peek_after_space() {
    if (peek() < 0) return -1;
    if (end_ - pos_ < kLookAhead) fill();
    for (size_t i = pos_ + 1; i < end_ && i < pos_ + kLookAhead; ++i) {
      const char c = buf_[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return static_cast<unsigned char>(c);
    }
    return -1;
  }

  // Consumes a string (peek() == '"'); its raw bytes, escapes as written, go
  // to *raw if given. False if the stream ends inside it.
  bool string(std::string* raw) {
    get();
    for (;;) {
      if (raw == nullptr) skip_plain_string_bytes();
      const int c = get();
      if (c < 0) return false;
      if (c == '"') return true;
      if (c == '\\') {
        const int e = get();
        if (e < 0) return false;
        if (raw != nullptr && raw->size() < 256) {
          raw->push_back('\\');
          raw->push_back(static_cast<char>(e));
        }
        continue;
      }
      if (raw != nullptr && raw->size() < 256) raw->push_back(static_cast<char>(c));
    }
  }

  // Consumes one value of any kind, checking only that brackets and strings
  // close (the parser checks the rest). False if the stream ends first, a
  // bracket closes what it did not open, or no value begins here.
  bool value() {
    int c = peek();
    if (c == '"') return string(nullptr);
    if (c != '{' && c != '[') {
      // A number, true, false or null: up to the next delimiter.
      bool any = false;
      while (c >= 0 && c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\r' &&
             c != '\n' && c != '"' && c != '{' && c != '[' && c != ':') {
        get();
        c = peek();
        any = true;
      }
      return any;
    }
    std::string open;
    for (;;) {
      c = peek();
      if (c < 0) return false;
      if (c == '"') {
        if (!string(nullptr)) return false;
        continue;
      }
      get();
      if (c == '{' || c == '[') {
        open.push_back(static_cast<char>(c));
      } else if (c == '}' || c == ']') {
        if (open.empty() || open.back() != (c == '}' ? '{' : '[')) return false;
        open.pop_back();
        if (open.empty()) return true;
      }
    }
  }

  // Consumes the bytes of a string up to its next quote, backslash or line
  // break in the buffer at once (the hot path: article text).
  void skip_plain_string_bytes() {
    if (pos_ == end_ && !fill()) return;
    size_t i = pos_;
    while (i < end_ && buf_[i] != '"' && buf_[i] != '\\' && buf_[i] != '\n') ++i;
    if (capturing_) {
      const size_t n = i - pos_;
      if (capture_.size() + n <= limit_)
        capture_.append(buf_, pos_, n);
      else
        overflowed_ = true;
    }
    pos_ = i;
  }

  void start_capture(size_t limit) {
    capture_.clear();
    capturing_ = true;
    overflowed_ = false;
    limit_ = limit;
  }
  // Stops capturing; the captured bytes stay in capture(), followed by
  // simdjson's padding.
  void stop_capture() {
    capturing_ = false;
    capture_.reserve(capture_.size() + LineReader::kPadding);
  }
  const std::string& capture() const { return capture_; }
  bool overflowed() const { return overflowed_; }
  // The stream ended in a read or decompression error (reported by read_json).
  bool failed() const { return !source_->error().empty(); }
  long line() const { return line_; }

 private:
  static constexpr size_t kLookAhead = 4096;

  // Keeps the unread bytes (at least) and reads more after them.
  bool fill() {
    if (pos_ > 0) {
      std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
    }
    if (end_ == buf_.size()) return false;
    const size_t got = source_->read(buf_.data() + end_, buf_.size() - end_);
    end_ += got;
    return got > 0;
  }

  ByteSource* source_;
  std::string buf_;
  size_t pos_ = 0, end_ = 0;
  long line_ = 1;
  bool capturing_ = false;
  bool overflowed_ = false;
  size_t limit_ = 0;
  std::string capture_;
};

class JsonDocumentReader {
 public:
  JsonDocumentReader(ByteSource* source, const ReaderOptions& options, ArticleSink* sink)
      : in_(source),
        path_(source->path()),
        options_(options),
        sink_(sink),
        records_(options, sink) {}

  void run() {
    if (in_.peek() == 0xEF) {  // a UTF-8 byte order mark
      for (int i = 0; i < 3 && in_.peek() >= 0x80; ++i) in_.get();
    }
    for (;;) {
      in_.skip_space();
      const int c = in_.peek();
      if (c < 0 || sink_->stopped()) break;
      if (c == ',') {
        in_.get();
        continue;
      }
      if (++values_ == 2) deliver_held();
      bool ok = false;
      if (c == '[') {
        ok = array();
      } else if (c == '{') {
        ok = top_object();
      } else {
        broken(in_.line(), "expected '{' or '[' where an article or a list of articles begins");
        break;
      }
      if (!ok) break;
    }
    // A file that is one object with no id, title or body (metadata beside
    // the articles: "story.entities.json") holds no article: ignored, as a
    // file of unknown type is.
    if (held_.has_value() && values_ == 1 && !in_.failed())
      sink_->file_ignored();
    else
      deliver_held();
  }

 private:
  enum class Result { kRecord, kWrapper, kBroken };

  // The articles of an array (peek() == '['). False when the stream is broken
  // (reported).
  bool array() {
    const long start = in_.line();
    in_.get();
    long index = 0;
    for (;;) {
      in_.skip_space();
      const int c = in_.peek();
      if (c < 0) {
        broken(start, "the list of articles that begins here never closes");
        return false;
      }
      if (c == ']') {
        in_.get();
        return true;
      }
      if (c == ',') {
        in_.get();
        continue;
      }
      if (sink_->stopped()) return false;
      ++index;
      const Origin origin{path_, in_.line(), "element " + std::to_string(index)};
      if (c != '{') {
        if (!in_.value()) {
          broken(origin.line, "a value in the list of articles never closes");
          return false;
        }
        sink_->reject(make_problem("invalid-json", "", "not a JSON object; skipped", origin));
        continue;
      }
      in_.start_capture(options_.max_article_bytes);
      const bool closed = in_.value();
      in_.stop_capture();
      if (!closed) {
        broken(origin.line, "the article object that begins here never closes");
        return false;
      }
      record(origin);
    }
  }

  // A top-level object: one article, or a wrapper of an array of articles.
  bool top_object() {
    const Origin origin{path_, in_.line(), {}};
    in_.start_capture(options_.max_article_bytes);
    const Result r = object(0);
    in_.stop_capture();
    if (r == Result::kBroken) return false;
    if (r != Result::kRecord) return true;
    if (values_ > 1 || in_.overflowed()) {
      record(origin);
      return true;
    }
    Article a;
    if (!records_.parse(in_.capture(), origin, &a)) return true;
    if (a.id.empty() && a.title.empty() && a.body.empty())
      held_ = std::move(a);  // the whole file, if nothing follows
    else
      deliver_record(std::move(a), sink_);
    return true;
  }

  void deliver_held() {
    if (!held_.has_value()) return;
    deliver_record(std::move(*held_), sink_);
    held_.reset();
  }

  // An object (peek() == '{') at `level` of a possible wrapper. Streams the
  // articles of the first array it holds under a list_key() whose first
  // element is an object (or that is empty), looking one level into objects
  // under a container_key(); then it is a wrapper. Otherwise it is a record
  // (captured by the caller, if top-level).
  Result object(int level) {
    const long start = in_.line();
    in_.get();
    bool wrapper = false;
    std::string key;
    for (;;) {
      in_.skip_space();
      int c = in_.peek();
      if (c < 0) return broken(start, "the object that begins here never closes");
      if (c == '}') {
        in_.get();
        return wrapper ? Result::kWrapper : Result::kRecord;
      }
      if (c == ',') {
        in_.get();
        continue;
      }
      if (c != '"') return broken(in_.line(), "expected a key in quotes");
      key.clear();
      if (!in_.string(&key)) return broken(start, "a key never closes");
      in_.skip_space();
      if (in_.get() != ':') return broken(in_.line(), "expected ':' after the key '" + key + "'");
      in_.skip_space();
      c = in_.peek();
      if (!wrapper && c == '[' && json_list_key(key)) {
        const int first = in_.peek_after_space();
        if (first == '{' || first == ']') {
          in_.stop_capture();  // a wrapper: what it captured is not an article
          if (!array()) return Result::kBroken;
          wrapper = true;
          continue;
        }
      }
      if (!wrapper && c == '{' && level < 2 && json_container_key(key)) {
        const Result inner = object(level + 1);
        if (inner == Result::kBroken) return inner;
        wrapper = wrapper || inner == Result::kWrapper;
        continue;
      }
      if (!in_.value()) return broken(start, "the object that begins here never closes");
    }
  }

  void record(const Origin& origin) {
    if (in_.overflowed()) {
      sink_->reject(make_problem("too-large", "",
                                 "article object larger than " +
                                     std::to_string(options_.max_article_bytes >> 20) +
                                     " MiB; skipped",
                                 origin));
      return;
    }
    records_.read(in_.capture(), origin);
  }

  // The stream cannot be followed past this point: the rest of the file is
  // skipped (the articles before it are kept).
  Result broken(long line, const std::string& why) {
    // A cut file is reported as such (truncated-input), not as broken JSON.
    if (in_.failed()) return Result::kBroken;
    sink_->reject(make_problem("broken-json", "", why + "; the rest of the file is skipped",
                               Origin{path_, line, {}}));
    return Result::kBroken;
  }

  JsonStream in_;
  std::string path_;
  const ReaderOptions& options_;
  ArticleSink* sink_;
  RecordReader records_;
  long values_ = 0;              // top-level values so far
  std::optional<Article> held_;  // a first object with no id, title or body
};

}  // namespace

void read_jsonl(ByteSource* source, const ReaderOptions& options, ArticleSink* sink) {
  LineReader lines(source, options.max_article_bytes);
  RecordReader records(options, sink);
  std::string_view line;
  bool too_long = false;
  while (!sink->stopped() && lines.next(&line, &too_long)) {
    Origin origin{source->path(), lines.line_number(), {}};
    if (too_long) {
      sink->reject(make_problem(
          "too-large", "",
          "line longer than " + std::to_string(options.max_article_bytes >> 20) + " MiB; skipped",
          origin));
      continue;
    }
    if (lines.line_number() == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (blank(line)) continue;
    records.read(line, origin);
  }
  if (!source->error().empty()) {
    sink->reject(make_problem("truncated-input", "",
                              "read error after line " + std::to_string(lines.line_number()) +
                                  ": " + source->error(),
                              Origin{source->path(), lines.line_number(), {}}));
  }
}

void read_json(ByteSource* source, const ReaderOptions& options, ArticleSink* sink) {
  JsonDocumentReader reader(source, options, sink);
  reader.run();
  report_read_error(*source, sink);
}

}  // namespace gazette
