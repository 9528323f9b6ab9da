#include "common/ner/truecase.h"

#include <array>
#include <string>
#include <vector>

namespace gazette::ner {
namespace {

bool is_function_word(std::string_view lw) {
  // Grouped by length: most words are rejected by their length alone.
  static constexpr std::string_view k1[] = {"a", "s"};
  static constexpr std::string_view k2[] = {"an", "or", "of", "in", "on", "at", "to", "by",
                                            "as", "vs", "is", "be", "up", "no", "'s"};
  static constexpr std::string_view k3[] = {"the", "and", "but", "for", "via", "are", "was", "has",
                                            "had", "out", "its", "his", "her", "not", "new", "who"};
  static constexpr std::string_view k4[] = {"with", "from", "were", "have", "will", "says",
                                            "said", "over", "into", "than", "amid", "what"};
  static constexpr std::string_view k5[] = {"after", "their", "about"};
  auto in = [&](const auto& words) {
    for (std::string_view w : words)
      if (w == lw) return true;
    return false;
  };
  switch (lw.size()) {
    case 1:
      return in(k1);
    case 2:
      return in(k2);
    case 3:
      return in(k3);
    case 4:
      return in(k4);
    case 5:
      return in(k5);
    default:
      return false;
  }
}

}  // namespace

bool is_headline(const TokenizedText& doc, const Sentence& s) {
  int alpha = 0, content = 0, capital = 0, lower_content = 0;
  for (uint32_t i = s.begin; i < s.end; ++i) {
    const std::string& w = doc.tokens[i].text;
    if (!has_letter(w)) continue;
    ++alpha;
    if (is_function_word(doc.tokens[i].lower)) continue;
    ++content;
    if (starts_upper(w)) {
      ++capital;
    } else if (++lower_content > 1) {
      return false;  // the verdict below needs lower_content <= 1
    }
  }
  if (alpha < 2 || content < 2) return false;
  std::string_view last = doc.tokens[s.end - 1].text;
  // Headlines rarely end in a full stop; sentences full of names do.
  if (last == "." && lower_content > 0) return false;
  if ((last == "?" || last == "!") && s.end - s.begin > 12) return false;
  return capital * 5 >= content * 4 && lower_content <= 1;
}

void truecase(const Gazetteer& gazetteer, TokenizedText* doc) {
  bool any = false;
  for (Sentence& s : doc->sentences) {
    s.headline = is_headline(*doc, s);
    any |= s.headline;
  }
  if (!any) return;
  // Forms seen in the body for each headline word (by lowercase hash).
  struct Forms {
    uint64_t key;
    std::array<uint32_t, 3> token{};  // a token index showing the form
    std::array<int, 3> count{};
    int n = 0;
  };
  std::vector<Forms> forms;
  FlatMap<uint32_t> index;
  for (const Sentence& s : doc->sentences) {
    if (!s.headline) continue;
    for (uint32_t i = s.begin; i < s.end; ++i) {
      if (!has_letter(doc->tokens[i].text)) continue;
      uint64_t h = doc->tokens[i].lower_hash;
      uint32_t next = static_cast<uint32_t>(forms.size());
      if (*index.get_or_insert(h, next) == next) forms.push_back(Forms{h, {}, {}, 0});
    }
  }
  for (const Sentence& s : doc->sentences) {
    if (s.headline) continue;
    for (uint32_t i = s.begin + 1; i < s.end; ++i) {
      const std::string& w = doc->tokens[i].text;
      if (!has_letter(w)) continue;
      std::string_view prev = doc->tokens[i - 1].text;
      if (prev == "\"" || prev == ":" || prev == "(") continue;  // quote starts
      const uint32_t* f = index.find(doc->tokens[i].lower_hash);
      if (f == nullptr) continue;
      Forms& fm = forms[*f];
      int k = 0;
      for (; k < fm.n; ++k)
        if (doc->tokens[fm.token[k]].text == w) break;
      if (k == fm.n) {
        if (fm.n == 3) continue;
        fm.token[k] = i;
        ++fm.n;
      }
      ++fm.count[k];
    }
  }
  // Rewrite headline tokens. Body forms are read before any headline token is
  // changed: they live in non-headline sentences only.
  for (const Sentence& s : doc->sentences) {
    if (!s.headline) continue;
    bool all_caps = true;
    for (uint32_t i = s.begin; i < s.end; ++i)
      if (has_letter(doc->tokens[i].text) && !is_all_caps(doc->tokens[i].text)) all_caps = false;
    bool first = true;
    for (uint32_t i = s.begin; i < s.end; ++i) {
      Token& tok = doc->tokens[i];
      std::string& w = tok.text;
      if (!has_letter(w)) continue;
      const std::string& low = tok.lower;
      const uint32_t* f = index.find(tok.lower_hash);
      std::string out;
      if (f != nullptr && forms[*f].n > 0) {
        const Forms& fm = forms[*f];
        int best = 0;
        for (int k = 1; k < fm.n; ++k)
          if (fm.count[k] > fm.count[best]) best = k;
        out = doc->tokens[fm.token[best]].text;
      } else if (gazetteer.is_common(tok.lower_hash) && !(is_all_caps(w) && !all_caps)) {
        out = low;
      } else if (all_caps && w.size() > 1) {
        out = title_case(w);
      } else {
        out = w;
      }
      if (first && !out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 32);
      first = false;
      if (out != w) {
        w = std::move(out);
        tok.set_lower();  // the same but for invalid UTF-8, which title_case() repairs
      }
    }
  }
}

}  // namespace gazette::ner
