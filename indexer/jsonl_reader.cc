// JSON Lines reader: one article object per line (fields as in README "Input
// formats"). Parsing uses simdjson's On-Demand API: each line is parsed in place
// inside LineReader's buffer, which keeps the padding simdjson needs after it.
// simdjson's DOM parser is used rather than On-Demand because the DOM kernels are
// chosen at run time (AVX2 where present) while On-Demand's are fixed at compile
// time, which for a portable x86-64 build means the slow fallback kernel.

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

std::string trim_copy(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\n' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\n' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

class ArticleParser {
 public:
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
    std::string publisher;
    for (auto [key, v] : obj) {
      std::string err;
      if (key == "id") {
        err = get_id(v, &a->id);
      } else if (key == "title") {
        err = get_string(v, &scratch_);
        a->title = clean_value(scratch_);
      } else if (key == "body") {
        err = get_string(v, &scratch_);
        clean_text(scratch_, &cleaned_);
        a->body = trim_copy(cleaned_);
      } else if (key == "date") {
        err = get_date(v, a);
      } else if (key == "source") {
        err = get_string(v, &a->source);
      } else if (key == "publisher") {
        err = get_string(v, &publisher);
      } else if (key == "url") {
        err = get_string(v, &scratch_);
        a->url = clean_value(scratch_);
      } else if (key == "dateline") {
        err = get_string(v, &scratch_);
        a->dateline = clean_value(scratch_);
      } else if (key == "persons" || key == "places" || key == "groups" || key == "topics") {
        std::vector<std::string>* list = key == "persons"  ? &a->persons
                                         : key == "places" ? &a->places
                                         : key == "groups" ? &a->groups
                                                           : &a->topics;
        size_t dropped = 0;
        err = get_list(v, list, &dropped);
        if (dropped > 0) {
          a->warnings.push_back(make_problem(
              "bad-field", key,
              std::to_string(dropped) + " non-string value(s) dropped from the array", a->origin));
        }
        if (key != "topics") a->has_entity_metadata = true;
      } else {
        continue;  // unknown field
      }
      if (!err.empty()) {
        a->warnings.push_back(
            make_problem("bad-field", key, err + "; field ignored", a->origin));
      }
    }
    // The publisher (an outlet such as "Reuters") is a better source facet than
    // a collection name ("allsides"); see README "Input formats".
    if (!publisher.empty()) a->source = std::move(publisher);
    return "";
  }

 private:
  // Reads a string (null -> ""); any other type is an error.
  static std::string get_string(simdjson::dom::element v, std::string* out) {
    out->clear();
    if (v.is_null()) return "";
    std::string_view s;
    if (v.get_string().get(s)) return "expected a string";
    out->assign(s);
    return "";
  }

  // The date: a string in any form parse_web_date reads, or a number, Unix
  // time in seconds (milliseconds from 10^11 on: as seconds that would be after
  // the year 5138). A date that cannot be read is a bad-date warning, a value
  // of another type a bad-field one.
  std::string get_date(simdjson::dom::element v, Article* a) {
    double seconds = 0;
    if (v.is_null()) return "";
    if (v.is_int64()) {
      seconds = static_cast<double>(v.get_int64().value_unsafe());
    } else if (v.is_uint64()) {
      seconds = static_cast<double>(v.get_uint64().value_unsafe());
    } else if (v.is_double()) {
      seconds = v.get_double().value_unsafe();
    } else {
      std::string err = get_string(v, &scratch_);
      if (!err.empty()) return "expected a string or a number";
      if (scratch_.empty()) return "";
      const std::string why = parse_web_date(scratch_, &a->date);
      if (!why.empty()) bad_date("'" + clean_value(scratch_) + "' (" + why + ")", a);
      return "";
    }
    if (std::fabs(seconds) >= 1e11) seconds /= 1000;
    if (!date_from_unix_time(seconds, &a->date))
      bad_date(simdjson::minify(v) + " (Unix time out of range)", a);
    return "";
  }

  static void bad_date(const std::string& what, Article* a) {
    a->warnings.push_back(make_problem(
        "bad-date", "date", "invalid date " + what + "; indexed without a date", a->origin));
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

  // An array of strings (null -> empty; a lone string -> one value). Non-string
  // elements are dropped and counted in *dropped; the strings are kept.
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
      if (item.get_string().get(s)) {
        ++*dropped;
        continue;
      }
      out->emplace_back(s);
    }
    return "";
  }

  simdjson::dom::parser parser_;
  std::string scratch_;
  std::string cleaned_;
};

}  // namespace

void read_jsonl(ByteSource* source, const ReaderLimits& limits, ArticleSink* sink) {
  LineReader lines(source, limits.max_article_bytes);
  ArticleParser parser;
  std::string repaired;
  std::string_view line;
  bool too_long = false;
  while (!sink->stopped() && lines.next(&line, &too_long)) {
    Origin origin{source->path(), lines.line_number(), {}};
    if (too_long) {
      sink->reject(make_problem("too-large", "",
                                "line longer than " +
                                    std::to_string(limits.max_article_bytes >> 20) +
                                    " MiB; skipped",
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
            make_problem(bad > 0 ? "invalid-utf8" : "control-chars", "",
                         bad > 0 ? std::to_string(bad) + " invalid UTF-8 byte(s) read as CP1252"
                                 : "raw control characters replaced by spaces",
                         origin));
        a = std::move(retry);
        err.clear();
      }
    }
    if (!err.empty()) {
      sink->reject(make_problem("invalid-json", "", err, origin));
      continue;
    }
    if (a.title.empty() && a.body.empty()) {
      if (a.id.empty()) {
        sink->reject(make_problem("empty-article", "", "no id, title or body", origin));
        continue;
      }
      a.warnings.push_back(make_problem("no-text", "", "no title and no body", origin));
    }
    sink->accept(std::move(a));
  }
  if (!source->error().empty()) {
    sink->reject(make_problem("truncated-input", "",
                              "read error after line " + std::to_string(lines.line_number()) +
                                  ": " + source->error(),
                              Origin{source->path(), lines.line_number(), {}}));
  }
}

}  // namespace gazette
