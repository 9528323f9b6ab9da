#include "searcher/spelling.h"

#include <algorithm>
#include <cstdint>

#include "common/normalise.h"
#include "searcher/query_builder.h"

namespace gazette {
namespace {

void code_points(std::string_view s, std::u32string* out) {
  out->clear();
  for (Xapian::Utf8Iterator it(s.data(), s.size()), end; it != end; ++it) out->push_back(*it);
}

std::u32string code_points(std::string_view s) {
  std::u32string out;
  code_points(s, &out);
  return out;
}

// Optimal-string-alignment distance, or max + 1 once it must exceed max. The
// rows are the caller's, reused: a vocabulary scan calls this for every term
// of plausible length.
struct DistanceRows {
  std::vector<size_t> before, prev, cur;
};

size_t distance(const std::u32string& a, const std::u32string& b, size_t max, DistanceRows* rows) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max) return max + 1;
  std::vector<size_t>& before = rows->before;
  std::vector<size_t>& prev = rows->prev;
  std::vector<size_t>& cur = rows->cur;
  before.assign(m + 1, 0);
  prev.resize(m + 1);
  cur.assign(m + 1, 0);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d = std::min(d, before[j - 2] + 1);
      cur[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > max) return max + 1;
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], max + 1);
}

struct Candidate {
  std::string term;
  size_t distance = SIZE_MAX;
  Xapian::doccount freq = 0;
};

// Updates *best with the unprefixed terms starting with `prefix` ("" = all)
// within `max` edits of `w` and in at least `min_freq` articles.
void scan(const Xapian::Database& db, const std::u32string& w, size_t max, const std::string& prefix,
          Xapian::doccount min_freq, Candidate* best) {
  std::u32string c;
  DistanceRows rows;
  Xapian::TermIterator t = db.allterms_begin(prefix);
  // Unprefixed words start with a lower-case letter or a non-ASCII byte; the
  // prefixes (Q, S, X.., Z) are upper-case ASCII and sort before "a", and
  // digits make no corrections: start there.
  if (prefix.empty()) t.skip_to("a");
  for (; t != db.allterms_end(prefix); ++t) {
    const std::string& term = *t;
    // Cheap length filter on bytes (a code point is 1 to 4 bytes).
    if (term.size() + max < w.size() || term.size() > 4 * (w.size() + max)) continue;
    code_points(term, &c);
    const size_t bound = std::min(max, best->distance);
    const size_t d = distance(w, c, bound, &rows);
    if (d > bound) continue;
    const Xapian::doccount freq = t.get_termfreq();
    if (freq < min_freq) continue;
    if (d < best->distance || freq > best->freq || (freq == best->freq && term < best->term)) {
      best->term = term;
      best->distance = d;
      best->freq = freq;
    }
  }
}

// The most likely intended index word for `word` (folded), or "": the closest
// (at most 1 edit for words of up to 4 letters, else 2), the most frequent of
// equals. Words with the same first letter are scanned first (most typos keep
// it, and that is a small part of the vocabulary); only if none is within one
// edit is the whole vocabulary scanned ("rcude": "rule" is two edits away,
// "crude" one).
std::string best_candidate(const Xapian::Database& db, const std::string& word,
                           Xapian::doccount min_freq) {
  const std::u32string w = code_points(word);
  const size_t max = w.size() <= 4 ? 1 : 2;
  Candidate best;
  std::string first;
  append_utf8(w[0], &first);
  scan(db, w, max, first, min_freq, &best);
  if (best.term.empty() || best.distance > 1) scan(db, w, max, std::string(), min_freq, &best);
  return best.term;
}

// `replacement` written in the case pattern of `original` (ASCII letters).
std::string like_case(std::string_view original, std::string replacement) {
  const bool all_upper = original.size() > 1 &&
                         std::none_of(original.begin(), original.end(),
                                      [](char ch) { return ch >= 'a' && ch <= 'z'; });
  if (all_upper) {
    for (char& ch : replacement)
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
  } else if (!original.empty() && original[0] >= 'A' && original[0] <= 'Z' &&
             !replacement.empty() && replacement[0] >= 'a' && replacement[0] <= 'z') {
    replacement[0] = static_cast<char>(replacement[0] - 32);
  }
  return replacement;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b, size_t max) {
  DistanceRows rows;
  return distance(code_points(a), code_points(b), max, &rows);
}

SpellingSuggestion suggest_spelling(const Xapian::Database& db, const Xapian::Stem& stemmer,
                                    std::string_view query, bool nothing_matched) {
  SpellingSuggestion out;
  std::string buf, result;
  size_t copied = 0;
  for (const QueryWord& qw : free_words(query)) {
    const std::string_view raw = query.substr(qw.begin, qw.end - qw.begin);
    const std::string word = Xapian::Unicode::tolower(std::string(normalise_text(raw, &buf)));
    if (code_points(word).size() < 3) continue;
    if (word.find_first_of("0123456789") != std::string::npos) continue;
    // How many articles have it as written or through its stem (the query
    // matches either).
    const Xapian::doccount freq =
        std::max(db.get_termfreq(word), db.get_termfreq("Z" + stemmer(word)));
    if (freq > 0 && (!nothing_matched || freq > kRareWord)) continue;
    const std::string best = best_candidate(db, word, freq == 0 ? 1 : freq * kCommonerBy);
    if (best.empty() || best == word) continue;
    const std::string replacement = like_case(raw, best);
    out.corrections.emplace_back(std::string(raw), replacement);
    result.append(query.substr(copied, qw.begin - copied));
    result += replacement;
    copied = qw.end;
  }
  if (!out.corrections.empty()) {
    result.append(query.substr(copied));
    out.suggestion = std::move(result);
  }
  return out;
}

}  // namespace gazette
