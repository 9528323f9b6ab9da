#include "searcher/query_builder.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "common/date.h"
#include "common/error.h"
#include "common/normalise.h"
#include "common/schema.h"

namespace gazette {
namespace {

// Wildcards ("oil*") expand to at most this many terms, keeping the most frequent.
constexpr Xapian::termcount kMaxWildcardTerms = 1000;
// Bounds on a query's text (see parse()).
constexpr size_t kMaxQueryBytes = 64 * 1024;
constexpr size_t kMaxQueryWords = 1000;

// person:"John Kerry" -> the boolean facet term (folded like the index), or
// what the resolver makes of a value the index lacks.
class FacetFieldProcessor : public Xapian::FieldProcessor {
 public:
  FacetFieldProcessor(const FacetSpec& spec, FacetResolver* resolver)
      : spec_(spec), resolver_(resolver) {}
  Xapian::Query operator()(const std::string& value) override {
    return resolver_->resolve(spec_, value);
  }

 private:
  const FacetSpec& spec_;
  FacetResolver* resolver_;
};

// gzsyn:N -> the term of synonym group N (written by rewrite_synonyms).
// Weighted like a word: the term's wdf counts the entries' occurrences.
constexpr const char* kSynonymField = "gzsyn";
class SynonymFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit SynonymFieldProcessor(const Synonyms* synonyms) : synonyms_(synonyms) {}
  Xapian::Query operator()(const std::string& value) override {
    char* end = nullptr;
    const unsigned long g = std::strtoul(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || g >= synonyms_->size()) return Xapian::Query::MatchNothing;
    return Xapian::Query(synonyms_->group_term(g));
  }

 private:
  const Synonyms* synonyms_;
};

bool is_operator(std::string_view w) {
  return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

// An exception thrown through Xapian's query parser leaks the parser's state,
// so a bad date is recorded here and reported once parse_query has returned.
class DateFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit DateFieldProcessor(std::string* error) : error_(error) {}
  Xapian::Query operator()(const std::string& value) override {
    try {
      return date_query(value);
    } catch (const UsageError& e) {
      if (error_->empty()) *error_ = e.what();
      return Xapian::Query::MatchNothing;
    }
  }

 private:
  std::string* error_;
};

class IdFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(id_term(value));
  }
};

}  // namespace

Xapian::Query date_query(std::string_view expr) {
  auto bad = [&](const std::string& why) {
    return UsageError("bad date '" + std::string(expr) + "': " + why +
                      " (use 2016, 2016-02, 2016-02-21 or a range such as 2016-02-01..2016-02-29)");
  };
  size_t dots = expr.find("..");
  DateTime lo, hi, tmp;
  if (dots == std::string_view::npos) {
    if (!parse_date_bound(expr, &lo, &hi)) throw bad("not a date");
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot::kDay, day_key(lo), day_key(hi));
  }
  std::string_view from = expr.substr(0, dots), to = expr.substr(dots + 2);
  if (from.empty() && to.empty()) throw bad("a range needs at least one end");
  if (!from.empty() && !parse_date_bound(from, &lo, &tmp)) throw bad("start is not a date");
  if (!to.empty() && !parse_date_bound(to, &tmp, &hi)) throw bad("end is not a date");
  if (from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot::kDay, day_key(hi));
  if (to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot::kDay, day_key(lo));
  if (day_key(lo) > day_key(hi)) throw bad("the start is after the end");
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot::kDay, day_key(lo), day_key(hi));
}

std::vector<QueryWord> free_words(std::string_view text) {
  std::vector<QueryWord> out;
  const char* base = text.data();
  Xapian::Utf8Iterator it(text.data(), text.size()), end;
  auto skip_value = [&] {
    // A field's value: a quoted string, or up to whitespace or ')'.
    if (it != end && *it == '"') {
      ++it;
      while (it != end && *it != '"') ++it;
      if (it != end) ++it;
      return;
    }
    while (it != end && *it != ' ' && *it != '\t' && *it != '\n' && *it != ')') ++it;
  };
  while (it != end) {
    const unsigned ch = *it;
    if (ch == '"') {  // a phrase: taken as written
      ++it;
      while (it != end && *it != '"') ++it;
      if (it != end) ++it;
      continue;
    }
    if (!Xapian::Unicode::is_wordchar(ch)) {
      ++it;
      continue;
    }
    const size_t begin = static_cast<size_t>(it.raw() - base);
    while (it != end && Xapian::Unicode::is_wordchar(*it)) ++it;
    const size_t stop = static_cast<size_t>(it.raw() - base);
    if (it != end && *it == ':') {  // field:value
      ++it;
      skip_value();
      continue;
    }
    if (it != end && *it == '*') continue;  // a wildcard
    if (is_operator(text.substr(begin, stop - begin))) continue;
    out.push_back({begin, stop});
  }
  return out;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db)
    : db_(db),
      synonyms_(Synonyms::from_stored(db.get_metadata(meta::kSynonyms))),
      resolver_(db, synonyms_),
      stemmer_("english") {
  parser_.set_database(db);
  parser_.set_stemmer(stemmer_);
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser_.set_default_op(Xapian::Query::OP_AND);
  parser_.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                            Xapian::QueryParser::FLAG_WILDCARD);
  parser_.add_prefix("title", std::string(prefix::kTitle));
  for (const FacetSpec& spec : kFacets) {
    parser_.add_boolean_prefix(std::string(spec.name),
                               (new FacetFieldProcessor(spec, &resolver_))->release());
  }
  parser_.add_prefix(kSynonymField, (new SynonymFieldProcessor(&synonyms_))->release());
  parser_.add_boolean_prefix("date", (new DateFieldProcessor(&field_error_))->release());
  parser_.add_boolean_prefix("id", (new IdFieldProcessor)->release());
}

Xapian::Query QueryBuilder::parse(std::string_view text, Xapian::Query::op default_op) {
  // Xapian's parser and matcher slow down much faster than linearly with
  // thousands of terms (20,000 ORed words take ~40 s): refuse such queries.
  if (text.size() > kMaxQueryBytes) {
    throw UsageError("query too long (" + std::to_string(text.size()) + " bytes; the limit is " +
                     std::to_string(kMaxQueryBytes) + ")");
  }
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool word_char = std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                     static_cast<unsigned char>(c) >= 0x80;
    words += word_char && !in_word;
    in_word = word_char;
  }
  if (words > kMaxQueryWords) {
    throw UsageError("query has " + std::to_string(words) + " words; the limit is " +
                     std::to_string(kMaxQueryWords));
  }
  if (text.find_first_not_of(" \t\n\r") == std::string_view::npos) return Xapian::Query::MatchAll;
  const std::string rewritten = rewrite_synonyms(text);
  std::string_view normalised = normalise_text(rewritten, &buffer_);
  constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT |
                              Xapian::QueryParser::FLAG_WILDCARD |
                              Xapian::QueryParser::FLAG_PURE_NOT;
  try {
    field_error_.clear();
    parser_.set_default_op(default_op);
    Xapian::Query parsed = parser_.parse_query(std::string(normalised), kFlags);
    if (!field_error_.empty()) throw UsageError(field_error_);
    return expand_wildcards(parsed);
  } catch (const Xapian::QueryParserError& e) {
    throw UsageError("malformed query '" + std::string(text) + "': " + e.get_msg());
  }
}

std::vector<std::string> QueryBuilder::plain_words(std::string_view text) {
  std::vector<std::string> words;
  std::string_view normalised = normalise_text(text, &buffer_);
  std::string word;
  auto flush = [&] {
    if (word.empty()) return true;
    static const char* kOperators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (const char* op : kOperators)
      if (word == op) return false;
    words.push_back(Xapian::Unicode::tolower(word));
    word.clear();
    return true;
  };
  for (size_t i = 0; i < normalised.size(); ++i) {
    const char c = normalised[i];
    const bool word_char = std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                           static_cast<unsigned char>(c) >= 0x80 ||
                           (c == '\'' && !word.empty()) || (c == '.' && !word.empty());
    if (word_char) {
      word.push_back(c);
    } else if (c == ' ' || c == '\t' || c == '\n' || c == ',') {
      if (!flush()) return {};
    } else {
      return {};  // quotes, prefixes, +/-, wildcards, parentheses: the user's own syntax
    }
  }
  if (!flush()) return {};
  return words;
}

Xapian::Query QueryBuilder::expand_wildcards(const Xapian::Query& query) const {
  const Xapian::Query::op op = query.get_type();
  if (op == Xapian::Query::OP_WILDCARD) {
    // The pattern is not exposed by Xapian 1.4's API, only in the description:
    // "Query(WILDCARD SYNONYM Secon)".
    std::string desc = query.get_description();
    size_t last = desc.rfind(' ');
    if (desc.compare(0, 15, "Query(WILDCARD ") != 0 || last == std::string::npos ||
        desc.back() != ')') {
      return query;
    }
    const std::string pattern = desc.substr(last + 1, desc.size() - last - 2);
    std::vector<std::pair<Xapian::doccount, std::string>> terms;
    for (Xapian::TermIterator t = db_.allterms_begin(pattern); t != db_.allterms_end(pattern); ++t)
      terms.emplace_back(t.get_termfreq(), *t);
    if (terms.size() > kMaxWildcardTerms) {
      std::partial_sort(terms.begin(), terms.begin() + kMaxWildcardTerms, terms.end(),
                        [](const auto& a, const auto& b) {
                          return a.first != b.first ? a.first > b.first : a.second < b.second;
                        });
      terms.resize(kMaxWildcardTerms);
      std::sort(terms.begin(), terms.end(),
                [](const auto& a, const auto& b) { return a.second < b.second; });
    }
    if (terms.empty()) return Xapian::Query::MatchNothing;
    std::vector<Xapian::Query> leaves;
    for (const auto& [freq, term] : terms) leaves.emplace_back(term);
    return Xapian::Query(Xapian::Query::OP_SYNONYM, leaves.begin(), leaves.end());
  }
  const size_t n = query.get_num_subqueries();
  if (n == 0) return query;
  // Rebuild only operators without parameters; a wildcard inside a phrase, NEAR
  // or weight scaling is left to Xapian.
  switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      break;
    default:
      return query;
  }
  std::vector<Xapian::Query> subs;
  bool changed = false;
  for (size_t i = 0; i < n; ++i) {
    Xapian::Query sub = query.get_subquery(i);
    Xapian::Query expanded = expand_wildcards(sub);
    changed |= expanded.get_description() != sub.get_description();
    subs.push_back(std::move(expanded));
  }
  if (!changed) return query;
  return Xapian::Query(op, subs.begin(), subs.end());
}

std::string QueryBuilder::rewrite_synonyms(std::string_view text) const {
  if (synonyms_.empty()) return std::string(text);
  // Only free words may match: everything else is blanked out (same offsets).
  std::string masked(text.size(), ' ');
  const std::vector<QueryWord> words = free_words(text);
  for (size_t i = 0; i < words.size(); ++i) {
    // A word, and what separates it from the next free word ("U.S." is U . S).
    const size_t stop = i + 1 < words.size() ? words[i + 1].begin : words[i].end;
    const size_t gap_end = text.find_first_of(" \t\n\"():", words[i].end);
    const size_t until = std::min(stop, gap_end == std::string_view::npos ? text.size() : gap_end);
    for (size_t b = words[i].begin; b < std::max(until, words[i].end); ++b) masked[b] = text[b];
  }
  std::string out;
  size_t copied = 0;
  synonyms_.find(
      masked,
      [&](size_t g, size_t begin, size_t end) {
        while (end < text.size() && text[end] == '.') ++end;  // "U.S." ends in a dot
        out.append(text.substr(copied, begin - copied));
        out += std::string(kSynonymField) + ":" + std::to_string(g);
        copied = end;
      },
      /*capitals_rule=*/false);
  if (copied == 0 && out.empty()) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

Xapian::Query QueryBuilder::filter(std::string_view field, const std::vector<std::string>& values) {
  const FacetSpec* spec = field == "date" ? nullptr : find_facet(field);
  if (spec == nullptr) return field_filter(field, values);
  std::vector<Xapian::Query> parts;
  for (const std::string& v : values) parts.push_back(resolver_.resolve(*spec, v));
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query QueryBuilder::field_filter(std::string_view field,
                                         const std::vector<std::string>& values) {
  std::vector<Xapian::Query> parts;
  if (field == "date") {
    for (const std::string& v : values) parts.push_back(date_query(v));
  } else {
    const FacetSpec* spec = find_facet(field);
    if (spec == nullptr) {
      throw UsageError("unknown filter field '" + std::string(field) +
                       "' (use person, place, group, topic, source or date)");
    }
    for (const std::string& v : values) {
      std::string term = facet_term(*spec, v);
      parts.push_back(term.empty() ? Xapian::Query::MatchNothing : Xapian::Query(term));
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace gazette
