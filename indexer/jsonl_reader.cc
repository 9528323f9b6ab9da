// JSON Lines reader: one article object per line (fields as in README "Input
// formats"; which keys they are read from is InputFields, article_reader.h).
// Each line is parsed in place inside LineReader's buffer, which keeps the
// padding simdjson needs after it, with simdjson's DOM parser rather than its
// On-Demand API: the DOM kernels are chosen at run time (AVX2 where present)
// while On-Demand's are fixed at compile time, which for a portable x86-64
// build means the slow fallback kernel.

#include <algorithm>
#include <cmath>

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

  // Reads a string (null -> ""); any other type is an error.
  static std::string get_string(simdjson::dom::element v, std::string* out) {
    out->clear();
    if (v.is_null()) return "";
    std::string_view s;
    if (v.get_string().get(s)) return "expected a string";
    out->assign(s);
    return "";
  }

  // The date: a string in any form parse_web_date reads, or a number as
  // date_from_number reads it (YYYYMMDD, or Unix time in seconds or
  // milliseconds). A date that cannot be read is a bad-date warning, a value of
  // another type a bad-field one.
  std::string get_date(simdjson::dom::element v, const std::string& key, Article* a) {
    double number = 0;
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
  // else "text", else "label". False if it has no such string.
  static bool named(simdjson::dom::element item, std::string_view* name) {
    simdjson::dom::object obj;
    if (item.get_object().get(obj)) return false;
    for (const char* key : {"name", "text", "label"}) {
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

}  // namespace

void read_jsonl(ByteSource* source, const ReaderOptions& options, ArticleSink* sink) {
  LineReader lines(source, options.max_article_bytes);
  ArticleParser parser(options.fields);
  std::string repaired;
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
    Article a;
    a.origin = origin;
    simdjson::error_code code;
    std::string err = parser.parse(line, &a, &code);
    if (!err.empty() && (code == simdjson::UTF8_ERROR || code == simdjson::UNESCAPED_CHARS ||
                           code == simdjson::UNCLOSED_STRING)) {
      // Invalid UTF-8 or raw control characters: repair the line and retry, so
      // one bad byte costs a character, not the article.
      size_t bad = clean_text(line, &repaired);
      repaired.reserve(repaired.size() + LineReader::kPadding);
      Article retry;
      retry.origin = origin;
      if (parser.parse(repaired, &retry, &code).empty()) {
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
      sink->reject(make_problem("invalid-json", "", err, origin));
      continue;
    }
    deliver_record(std::move(a), sink);
  }
  if (!source->error().empty()) {
    sink->reject(make_problem("truncated-input", "",
                              "read error after line " + std::to_string(lines.line_number()) +
                                  ": " + source->error(),
                              Origin{source->path(), lines.line_number(), {}}));
  }
}

}  // namespace gazette
