#include "searcher/aliases.h"

#include <algorithm>
#include <cctype>

#include "common/normalise.h"
#include "common/value_codec.h"

namespace gazette {
namespace {

// The words of a folded key: runs of letters and digits (any non-ASCII byte
// counts as a letter), so "bashar al-assad" has the words bashar, al, assad.
std::vector<std::string_view> key_words(std::string_view key) {
  std::vector<std::string_view> out;
  size_t start = 0;
  bool in_word = false;
  for (size_t i = 0; i <= key.size(); ++i) {
    const bool word = i < key.size() && (std::isalnum(static_cast<unsigned char>(key[i])) != 0 ||
                                         static_cast<unsigned char>(key[i]) >= 0x80);
    if (word && !in_word) start = i;
    if (!word && in_word) out.push_back(key.substr(start, i - start));
    in_word = word;
  }
  return out;
}

// True if `wanted` occur among `words` in this order (not necessarily adjacent).
bool contains_in_order(const std::vector<std::string_view>& words,
                       const std::vector<std::string_view>& wanted) {
  size_t k = 0;
  for (std::string_view w : words) {
    if (k < wanted.size() && w == wanted[k]) ++k;
  }
  return k == wanted.size();
}

}  // namespace

std::string_view resolution_name(Resolution::How how) {
  switch (how) {
    case Resolution::How::kSynonym: return "synonym";
    case Resolution::How::kAlias: return "alias";
    case Resolution::How::kAmbiguous: return "ambiguous";
    case Resolution::How::kUnknown: return "unknown";
  }
  return "?";
}

FacetResolver::FacetResolver(const Xapian::Database& db, const Synonyms& synonyms)
    : db_(db), synonyms_(synonyms) {}

void FacetResolver::record(Resolution r) {
  for (const Resolution& seen : resolutions_) {
    if (seen.field == r.field && seen.given == r.given) return;
  }
  resolutions_.push_back(std::move(r));
}

std::string FacetResolver::display_of(const FacetSpec& spec, const std::string& term,
                                      std::string_view fallback) const {
  Xapian::PostingIterator p = db_.postlist_begin(term);
  if (p != db_.postlist_end(term)) {
    const std::string list = db_.get_document(*p).get_value(spec.slot);
    std::string found;
    for_each_value(list, [&](std::string_view v) {
      if (found.empty() && facet_term(spec, v) == term) found = std::string(v);
    });
    if (!found.empty()) return found;
  }
  return std::string(fallback);
}

Xapian::Query FacetResolver::resolve(const FacetSpec& spec, std::string_view value) {
  const std::string term = facet_term(spec, value);
  if (term.empty()) return Xapian::Query::MatchNothing;
  const int group = synonyms_.group_of_value(value);
  if (group >= 0) {
    // Every entry of the group that the index holds.
    std::vector<Xapian::Query> parts;
    Resolution r{std::string(spec.name), std::string(value), Resolution::How::kSynonym, {}, {}};
    for (const std::string& entry : synonyms_.entries(static_cast<size_t>(group))) {
      const std::string t = facet_term(spec, entry);
      if (t.empty() || !db_.term_exists(t)) continue;
      parts.emplace_back(t);
      r.values.push_back(display_of(spec, t, entry));
    }
    if (parts.size() == 1 && parts[0].get_description() == Xapian::Query(term).get_description()) {
      return parts[0];  // the value itself, nothing else
    }
    if (!parts.empty()) {
      record(std::move(r));
      return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }
  }
  if (db_.term_exists(term)) return Xapian::Query(term);

  // Alias: values whose words include the given words, in order.
  const std::string key = fold_key(value);
  const std::vector<std::string_view> wanted = key_words(key);
  std::vector<std::pair<Xapian::doccount, std::string>> candidates;
  if (!wanted.empty()) {
    const std::string pre(spec.term_prefix);
    for (Xapian::TermIterator t = db_.allterms_begin(pre); t != db_.allterms_end(pre); ++t) {
      const std::string candidate = *t;
      if (contains_in_order(key_words(std::string_view(candidate).substr(pre.size())), wanted)) {
        candidates.emplace_back(t.get_termfreq(), candidate);
      }
    }
  }
  Resolution r{std::string(spec.name), std::string(value), Resolution::How::kUnknown, {}, {}};
  if (candidates.size() == 1) {
    r.how = Resolution::How::kAlias;
    r.values.push_back(display_of(spec, candidates[0].second, value));
    record(std::move(r));
    return Xapian::Query(candidates[0].second);
  }
  if (candidates.size() > 1) {
    r.how = Resolution::How::kAmbiguous;
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);
    for (const auto& [freq, t] : candidates)
      r.candidates.emplace_back(display_of(spec, t, t.substr(spec.term_prefix.size())),
                                static_cast<long>(freq));
  }
  record(std::move(r));
  return Xapian::Query(term);  // matches nothing
}

}  // namespace gazette
