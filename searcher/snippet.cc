#include "searcher/snippet.h"

#include <algorithm>
#include <unordered_map>

#include "common/normalise.h"

namespace gazette {
namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

struct Word {
  size_t begin, end;  // byte offsets in the text
};

// Splits text into words as Xapian's TermGenerator roughly does: runs of word
// characters, with single apostrophes allowed inside.
std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  Xapian::Utf8Iterator it(text.data(), text.size()), end;
  const char* base = text.data();
  bool in_word = false;
  size_t start = 0;
  while (it != end) {
    const char* at = it.raw();
    unsigned ch = *it;
    ++it;
    bool word_char = Xapian::Unicode::is_wordchar(ch);
    if (!word_char && in_word && (ch == '\'' || ch == 0x2019) && it != end &&
        Xapian::Unicode::is_wordchar(*it)) {
      continue;  // "don't", "Damascus’s"
    }
    if (word_char && !in_word) {
      start = static_cast<size_t>(at - base);
      in_word = true;
    } else if (!word_char && in_word) {
      words.push_back({start, static_cast<size_t>(at - base)});
      in_word = false;
    }
  }
  if (in_word) words.push_back({start, text.size()});
  return words;
}

}  // namespace

SnippetMaker::SnippetMaker(const Xapian::Query& query, const Xapian::Stem& stemmer)
    : stemmer_(stemmer) {
  for (Xapian::TermIterator it = query.get_unique_terms_begin();
       it != query.get_unique_terms_end(); ++it) {
    std::string t = *it;
    if (t.empty()) continue;
    bool stem = false;
    if (t[0] == 'Z') {
      stem = true;
      t.erase(0, 1);
    }
    if (!t.empty() && t[0] == 'S' && t.size() > 1 && !is_upper_ascii(t[1])) {
      t.erase(0, 1);  // title: words are marked wherever they occur
    } else if (!t.empty() && is_upper_ascii(t[0])) {
      continue;  // a filter term (facets, id)
    }
    if (t.empty()) continue;
    if (stem) {
      stems_.insert(t);
      stem_prefixes_.insert(t.substr(0, 2));
    } else {
      words_.insert(t);
    }
  }
}

bool SnippetMaker::matches(const std::string& w) const {
  if (words_.count(w) != 0) return true;
  if (stems_.empty() || stem_prefixes_.count(w.substr(0, 2)) == 0) return false;
  return stems_.count(stemmer_(w)) != 0;
}

Snippet SnippetMaker::make(std::string_view text, size_t bytes) const {
  const std::vector<Word> words = split_words(text);
  // Matched words, with an id per distinct matched form.
  struct Match {
    size_t begin, end;
    int id;
  };
  std::vector<Match> matches;
  std::unordered_map<std::string, int> ids;
  if (!words_.empty() || !stems_.empty()) {
    std::string lower, buf;
    for (const Word& w : words) {
      std::string_view raw = text.substr(w.begin, w.end - w.begin);
      std::string_view folded = normalise_text(raw, &buf);  // the view itself when ASCII
      lower.clear();
      bool ascii = true;
      for (char c : folded) {
        ascii &= static_cast<unsigned char>(c) < 0x80;
        lower.push_back(is_upper_ascii(c) ? static_cast<char>(c + 32) : c);
      }
      if (!ascii) lower = Xapian::Unicode::tolower(lower);
      if (this->matches(lower)) {
        auto [it, added] = ids.try_emplace(lower, static_cast<int>(ids.size()));
        matches.push_back({w.begin, w.end, it->second});
      }
    }
  }
  // Choose the window: most distinct matched words, then most matches, then
  // the earliest; it opens a little before its first match, for context.
  size_t start = 0;
  if (!matches.empty()) {
    int best_distinct = -1, best_total = -1;
    const size_t candidates = std::min<size_t>(matches.size(), 256);
    std::vector<char> seen(ids.size());
    for (size_t i = 0; i < candidates; ++i) {
      size_t s = matches[i].begin > bytes / 4 ? matches[i].begin - bytes / 4 : 0;
      std::fill(seen.begin(), seen.end(), 0);
      int distinct = 0, total = 0;
      for (size_t j = i; j < matches.size() && matches[j].end <= s + bytes; ++j) {
        distinct += seen[static_cast<size_t>(matches[j].id)] == 0;
        seen[static_cast<size_t>(matches[j].id)] = 1;
        ++total;
      }
      if (distinct > best_distinct || (distinct == best_distinct && total > best_total)) {
        best_distinct = distinct;
        best_total = total;
        start = s;
      }
    }
  }
  // Align the window to words: start at a word's beginning, end after a word.
  auto first_word = std::lower_bound(words.begin(), words.end(), start,
                                     [](const Word& w, size_t pos) { return w.end <= pos; });
  if (first_word != words.end() && first_word->begin < start) start = first_word->begin;
  if (first_word == words.begin()) start = 0;
  size_t end = std::min(text.size(), start + bytes);
  if (end < text.size()) {
    auto last = std::upper_bound(words.begin(), words.end(), end,
                                 [](size_t pos, const Word& w) { return pos < w.end; });
    if (last != words.begin() && std::prev(last)->end > start) end = std::prev(last)->end;
  }
  // Between words the window may open or close inside a character ("—", an
  // emoji): move to character boundaries, so the text stays valid UTF-8.
  auto continuation = [&](size_t i) {
    return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  while (continuation(start)) ++start;
  while (end > start && continuation(end)) --end;
  if (end < start) end = start;

  Snippet out;
  size_t code_points = 0;
  auto append = [&](std::string_view s) {
    for (char c : s) {
      out.text.push_back(c);
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++code_points;
    }
  };
  if (start > 0) append("\xE2\x80\xA6");
  auto m = std::lower_bound(matches.begin(), matches.end(), start,
                            [](const Match& x, size_t pos) { return x.begin < pos; });
  bool pending_space = false;
  size_t open = 0;
  bool in_match = false;
  for (size_t i = start; i < end; ++i) {
    if (in_match && i == m->end) {
      out.highlights.emplace_back(open, code_points);
      in_match = false;
      ++m;
    }
    char c = text[i];
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.text.empty() && out.text != "\xE2\x80\xA6") append(" ");
    pending_space = false;
    if (!in_match && m != matches.end() && i == m->begin && m->end <= end) {
      open = code_points;
      in_match = true;
    }
    append(std::string_view(&text[i], 1));
  }
  if (in_match) out.highlights.emplace_back(open, code_points);
  if (end < text.size()) append("\xE2\x80\xA6");
  return out;
}

std::string mark_snippet(const Snippet& s, std::string_view start, std::string_view end) {
  if (s.highlights.empty()) return s.text;
  std::string out;
  out.reserve(s.text.size() + s.highlights.size() * (start.size() + end.size()));
  size_t cp = 0, next = 0;
  bool open = false;
  for (size_t i = 0; i <= s.text.size(); ++i) {
    const bool boundary =
        i == s.text.size() || (static_cast<unsigned char>(s.text[i]) & 0xC0) != 0x80;
    if (boundary) {
      if (open && cp == s.highlights[next].second) {
        out += end;
        open = false;
        ++next;
      }
      if (!open && next < s.highlights.size() && cp == s.highlights[next].first) {
        out += start;
        open = true;
      }
      ++cp;
    }
    if (i < s.text.size()) out.push_back(s.text[i]);
  }
  if (open) out += end;
  return out;
}

}  // namespace gazette
