#include "common/synonyms.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

#include "common/error.h"
#include "common/normalise.h"
#include "common/schema.h"

namespace gazette {
namespace {

constexpr char kStoredSeparator = '\x1f';

struct Token {
  size_t begin, end;  // bytes
};

// Runs of word characters (Xapian's notion, as the TermGenerator uses).
std::vector<Token> tokens(std::string_view text) {
  std::vector<Token> out;
  const char* base = text.data();
  bool in_word = false;
  size_t start = 0;
  for (Xapian::Utf8Iterator it(text.data(), text.size()), end; it != end; ++it) {
    const bool word = Xapian::Unicode::is_wordchar(*it);
    const size_t at = static_cast<size_t>(it.raw() - base);
    if (word && !in_word) start = at;
    if (!word && in_word) out.push_back({start, at});
    in_word = word;
  }
  if (in_word) out.push_back({start, text.size()});
  return out;
}

// Lower-cased, accent-free form of one word.
std::string fold_word(std::string_view raw, std::string* buf) {
  bool ascii = true;
  for (char c : raw) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out(raw);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
  }
  return Xapian::Unicode::tolower(std::string(normalise_text(raw, buf)));
}

bool has_lowercase(std::string_view text) {
  for (Xapian::Utf8Iterator it(text.data(), text.size()), end; it != end; ++it) {
    if (Xapian::Unicode::get_category(*it) == Xapian::Unicode::LOWERCASE_LETTER) return true;
  }
  return false;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return std::string();
  const size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// The entries of one line, or a message in *error.
std::vector<std::string> split_line(std::string_view line, std::string* error) {
  std::vector<std::string> entries;
  std::string current;
  bool quoted_entry = false;
  size_t i = 0;
  auto finish = [&] {
    entries.push_back(quoted_entry ? current : trim(current));
    current.clear();
    quoted_entry = false;
  };
  bool any = false;
  while (i < line.size()) {
    const char c = line[i];
    if (c == '#') break;
    if (c == '"') {
      const size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos) {
        *error = "unclosed quote";
        return {};
      }
      if (!trim(current).empty()) {
        *error = "text before a quoted entry";
        return {};
      }
      current = std::string(line.substr(i + 1, close - i - 1));
      quoted_entry = true;
      i = close + 1;
      any = true;
      continue;
    }
    if (c == '=') {
      finish();
      ++i;
      any = true;
      continue;
    }
    if (quoted_entry && c != ' ' && c != '\t' && c != '\r') {
      *error = "text after a quoted entry";
      return {};
    }
    current.push_back(c);
    any |= c != ' ' && c != '\t' && c != '\r';
    ++i;
  }
  if (!any) return {};
  finish();
  return entries;
}

// The pieces of `text` between `sep` characters (a trailing empty piece
// included), in order.
std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(sep, pos);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace

void Synonyms::add_group(std::vector<std::string> entries, const std::string& where) {
  for (std::string& e : entries) e = clean_value(e);
  for (const std::string& e : entries) {
    if (e.empty() || fold_key(e).empty()) throw UsageError(where + ": empty entry");
  }
  // The canonical name (longest, first of equals) goes first.
  size_t best = 0;
  for (size_t i = 1; i < entries.size(); ++i)
    if (code_points(entries[i]) > code_points(entries[best])) best = i;
  std::rotate(entries.begin(), entries.begin() + static_cast<long>(best),
              entries.begin() + static_cast<long>(best) + 1);
  const size_t g = groups_.size();
  std::unordered_set<std::string> keys;
  std::vector<std::string> unique;
  for (const std::string& e : entries) {
    std::string key = fold_key(e);
    if (!keys.insert(key).second) continue;  // "Nato" = "NATO" written twice
    auto it = by_key_.find(key);
    if (it != by_key_.end() && it->second != g) {
      throw UsageError(where + ": '" + e + "' is already in the group of '" +
                       canonical(it->second) + "'");
    }
    by_key_[key] = g;
    unique.push_back(e);
  }
  groups_.push_back({std::move(unique)});
  std::string buf;
  for (const std::string& e : groups_.back().entries) {
    Entry entry{g, !has_lowercase(e), {}};
    for (const Token& t : tokens(e)) {
      std::string_view raw = std::string_view(e).substr(t.begin, t.end - t.begin);
      entry.words.push_back({fold_word(raw, &buf), std::string(raw)});
    }
    if (entry.words.empty()) continue;
    by_first_word_[entry.words[0].folded].push_back(text_entries_.size());
    text_entries_.push_back(std::move(entry));
  }
  // Longest entries first, so find() prefers "United States of America" to
  // "United States" at the same word.
  for (auto& [word, list] : by_first_word_) {
    std::stable_sort(list.begin(), list.end(), [&](size_t a, size_t b) {
      return text_entries_[a].words.size() > text_entries_[b].words.size();
    });
  }
}

Synonyms Synonyms::parse(std::string_view text, const std::string& origin) {
  Synonyms out;
  size_t line_no = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    const std::string where = origin + ":" + std::to_string(line_no);
    if (!is_valid_utf8(line)) throw UsageError(where + ": not valid UTF-8");
    std::string error;
    std::vector<std::string> entries = split_line(line, &error);
    if (!error.empty()) throw UsageError(where + ": " + error);
    if (entries.empty()) continue;
    if (entries.size() < 2) {
      throw UsageError(where + ": a group needs two or more entries: \"U.S.\" = \"United States\"");
    }
    out.add_group(std::move(entries), where);
  }
  return out;
}

Synonyms Synonyms::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read synonyms file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

std::string Synonyms::stored() const {
  std::string out;
  for (const Group& g : groups_) {
    for (size_t i = 0; i < g.entries.size(); ++i) {
      if (i > 0) out.push_back(kStoredSeparator);
      out += g.entries[i];
    }
    out.push_back('\n');
  }
  return out;
}

Synonyms Synonyms::from_stored(std::string_view stored) {
  Synonyms out;
  for (std::string_view line : split(stored, '\n')) {
    std::vector<std::string> entries;
    for (std::string_view e : split(line, kStoredSeparator)) entries.emplace_back(e);
    if (entries.size() < 2) continue;
    try {
      out.add_group(std::move(entries), "stored synonyms");
    } catch (const UsageError&) {
      // A damaged line: skip it, keep the rest.
    }
  }
  return out;
}

int Synonyms::group_of_value(std::string_view value) const {
  if (groups_.empty()) return -1;
  auto it = by_key_.find(fold_key(value));
  return it == by_key_.end() ? -1 : static_cast<int>(it->second);
}

void Synonyms::apply_to_facets(Article* a) const {
  if (groups_.empty()) return;
  for (std::vector<std::string>* list : {&a->persons, &a->places, &a->groups, &a->topics}) {
    std::unordered_set<std::string> seen;
    std::vector<std::string> out;
    out.reserve(list->size());
    for (std::string& v : *list) {
      const int g = group_of_value(v);
      if (g >= 0) v = canonical(static_cast<size_t>(g));
      if (seen.insert(fold_key(v)).second) out.push_back(std::move(v));
    }
    *list = std::move(out);
  }
  if (!a->source.empty()) {
    const int g = group_of_value(a->source);
    if (g >= 0) a->source = canonical(static_cast<size_t>(g));
  }
}

std::string Synonyms::group_term(size_t g) const { return synonym_term(canonical(g)); }

void Synonyms::find(std::string_view text,
                    const std::function<void(size_t, size_t, size_t)>& found,
                    bool capitals_rule) const {
  if (text_entries_.empty()) return;
  const std::vector<Token> words = tokens(text);
  const bool acronyms = !capitals_rule || has_lowercase(text);  // a field in capitals has no acronyms
  std::string buf;
  std::vector<std::string> folded(words.size());
  std::vector<char> done(words.size(), 0);
  auto folded_at = [&](size_t i) -> const std::string& {
    if (!done[i]) {
      folded[i] = fold_word(text.substr(words[i].begin, words[i].end - words[i].begin), &buf);
      done[i] = 1;
    }
    return folded[i];
  };
  for (size_t i = 0; i < words.size();) {
    auto it = by_first_word_.find(folded_at(i));
    size_t matched = 0;
    if (it != by_first_word_.end()) {
      for (size_t e : it->second) {
        const Entry& entry = text_entries_[e];
        if (entry.acronym && !acronyms) continue;
        if (i + entry.words.size() > words.size()) continue;
        bool ok = true;
        for (size_t k = 0; k < entry.words.size() && ok; ++k) {
          const Token& t = words[i + k];
          ok = entry.acronym ? text.substr(t.begin, t.end - t.begin) == entry.words[k].raw
                             : folded_at(i + k) == entry.words[k].folded;
        }
        if (!ok) continue;
        found(entry.group, words[i].begin, words[i + entry.words.size() - 1].end);
        matched = entry.words.size();
        break;
      }
    }
    i += matched > 0 ? matched : 1;
  }
}

void Synonyms::add_terms(const Article& a, Xapian::Document* doc) const {
  if (text_entries_.empty()) return;
  std::map<size_t, Xapian::termcount> wdf;
  find(a.title, [&](size_t g, size_t, size_t) { wdf[g] += kTitleWdf; });
  find(a.dateline, [&](size_t g, size_t, size_t) { ++wdf[g]; });
  find(a.body, [&](size_t g, size_t, size_t) { ++wdf[g]; });
  for (const auto& [g, n] : wdf) doc->add_term(group_term(g), n);
}

}  // namespace gazette
