#include "common/ner/text.h"

#include <algorithm>
#include <array>

#include "common/ner/feature_hash.h"

namespace gazette::ner {
namespace {

bool is_space_cp(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_upper_cp(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x17F) return (c & 1) == 0;
  if (c >= 0x391 && c <= 0x3A9) return true;
  if (c >= 0x400 && c <= 0x42F) return true;
  return false;
}

bool is_lower_cp(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
  if (c >= 0x100 && c <= 0x17F) return (c & 1) == 1;
  if (c >= 0x3B1 && c <= 0x3C9) return true;
  if (c >= 0x430 && c <= 0x45F) return true;
  return false;
}

// Letters and digits, approximately: everything from U+00C0 up that is not a
// known punctuation or symbol block counts as part of a word.
bool is_alnum_cp(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c == 0xAA || c == 0xB5 || c == 0xBA) return true;
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, maths
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if (c >= 0xFF00 && c <= 0xFF20) return false;
  if (c == 0xFEFF) return false;
  return true;
}

char32_t lower_cp(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c >= 0x100 && c <= 0x17F && (c & 1) == 0) return c + 1;
  if (c >= 0x391 && c <= 0x3A9) return c + 0x20;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

void put_utf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// ASCII form of typographic punctuation; 0 when there is none.
const char* ascii_punct(char32_t c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x60:
      return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0xAB:
    case 0xBB:
      return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return "-";
    case 0x2026:
      return "...";
    default:
      return nullptr;
  }
}

// Abbreviations that keep their period ("Mr." "Gen." "Feb.").
bool is_abbreviation(std::string_view w) {
  static constexpr std::array<std::string_view, 48> kAbbr = {
      "Mr",   "Mrs",    "Ms",  "Dr",   "St",   "Jr",   "Sr",   "Gen",  "Sen",  "Rep",
      "Gov",  "Lt",     "Col", "Capt", "Sgt",  "Prof", "Inc",  "Corp", "Co",   "Ltd",
      "Jan",  "Feb",    "Apr", "Aug",  "Sept", "Sep",  "Oct",  "Nov",  "Dec",  "No",
      "vs",   "Mt",     "Ft",  "Adm",  "Maj",  "Rev",  "Hon",  "Pres", "Cmdr", "Gens",
      "Bros", "Messrs", "Mme", "Assn", "Dept", "Govt", "Reps", "Sens"};
  for (std::string_view a : kAbbr)
    if (a == w) return true;
  if (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') return true;  // "John F. Kennedy"
  // Dotted initialisms: "U.S", "U.N", "H.R", "a.m".
  if (w.size() >= 3 && w.find('.') != std::string_view::npos) {
    size_t run = 0;
    for (char c : w) {
      if (c == '.') {
        if (run == 0 || run > 2) return false;
        run = 0;
      } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
        ++run;
      } else {
        return false;
      }
    }
    return run >= 1 && run <= 2;
  }
  return false;
}

// Suffixes split off a capitalised first part: "Britain-based" -> "Britain" "-" "based".
bool is_split_suffix(std::string_view lw) {
  static constexpr std::array<std::string_view, 27> kSuffixes = {
      "based",   "linked",  "backed",     "led",       "born",       "funded",      "owned",
      "run",     "allied",  "controlled", "held",      "affiliated", "aligned",     "bound",
      "made",    "style",   "inspired",   "sponsored", "dominated",  "brokered",    "friendly",
      "focused", "leaning", "era",        "appointed", "occupied",   "administered"};
  for (std::string_view s : kSuffixes)
    if (s == lw) return true;
  return false;
}

// Prefixes split off a capitalised second part: "pro-Assad" -> "pro" "-" "Assad".
bool is_split_prefix(std::string_view lw) {
  return lw == "pro" || lw == "anti" || lw == "ex" || lw == "non" || lw == "post" || lw == "pre" ||
         lw == "mid" || lw == "then" || lw == "former";
}

class Tokenizer {
 public:
  Tokenizer(std::string_view text, TokenizedText* out) : s_(text), out_(out) {}

  void run() {
    size_t i = 0;
    const size_t n = s_.size();
    size_t line_start = 0;
    while (i < n) {
      size_t k = i;
      char32_t c = next_code_point(s_, &k);
      if (is_space_cp(c)) {
        if (c == '\n') {
          size_t line_len = i - line_start;
          size_t j = k;
          bool blank = false;
          while (j < n) {
            size_t m = j;
            char32_t d = next_code_point(s_, &m);
            if (d == '\n') {
              blank = true;
              break;
            }
            if (!is_space_cp(d)) break;
            j = m;
          }
          if (blank || line_len < 60) end_sentence();
          line_start = k;
        }
        space_before_ = true;
        i = k;
        continue;
      }
      if (is_alnum_cp(c)) {
        i = word(i);
      } else {
        i = punct(i, k, c);
      }
      space_before_ = false;
    }
    end_sentence();
  }

 private:
  // Scans a word starting at `i`; emits it (possibly split) and returns its end.
  size_t word(size_t i) {
    const size_t n = s_.size();
    size_t j = i;
    bool digits_only = true;
    for (;;) {
      while (j < n) {
        const unsigned char b = static_cast<unsigned char>(s_[j]);
        if (b < 0x80) {  // ASCII: no decoding
          const bool digit = b >= '0' && b <= '9';
          if (!digit && !((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) break;
          digits_only &= digit;
          ++j;
          continue;
        }
        size_t m = j;
        char32_t c = next_code_point(s_, &m);
        if (!is_alnum_cp(c)) break;
        if (c > '9' || c < '0') digits_only = false;
        j = m;
      }
      if (j >= n) break;
      size_t m = j;
      char32_t c = next_code_point(s_, &m);
      bool joiner =
          c == '.' || c == '\'' || c == 0x2019 || c == '-' || c == '&' || (c == ',' && digits_only);
      if (!joiner || m >= n) break;
      size_t m2 = m;
      char32_t after = next_code_point(s_, &m2);
      if (!is_alnum_cp(after)) break;
      if (c == ',' && !(after >= '0' && after <= '9')) break;
      j = m;
    }
    // Abbreviation period.
    if (j < n && s_[j] == '.') {
      std::string_view w = s_.substr(i, j - i);
      if (is_abbreviation(w)) ++j;
    }
    split_and_emit(i, j);
    return j;
  }

  void split_and_emit(size_t b, size_t e) {
    std::string_view w = s_.substr(b, e - b);
    // "U.S.-Mexico": split at a hyphen that follows a period.
    size_t dh = w.find(".-");
    if (dh != std::string_view::npos && dh + 2 < w.size()) {
      split_and_emit(b, b + dh + 1);
      emit(b + dh + 1, b + dh + 2, "-");
      split_and_emit(b + dh + 2, e);
      return;
    }
    // Possessive 's and n't.
    if (w.size() > 2) {
      size_t tail = 0;
      if (ends_with_apos(w, "s"))
        tail = apos_len(w, 1) + 1;
      else if (w.size() > 3 && ends_with_apos(w, "t") && (w[w.size() - 2 - apos_len(w, 1)] == 'n'))
        tail = apos_len(w, 1) + 2;
      if (tail != 0 && tail < w.size()) {
        split_and_emit(b, e - tail);
        emit(e - tail, e, nullptr);
        return;
      }
    }
    size_t hy = w.rfind('-');
    if (hy != std::string_view::npos && hy > 0 && hy + 1 < w.size()) {
      std::string suffix = lower(w.substr(hy + 1));
      std::string prefix = lower(w.substr(0, hy));
      if ((is_split_suffix(suffix) && starts_upper(w)) ||
          (is_split_prefix(prefix) && starts_lower(w) && starts_upper(w.substr(hy + 1)))) {
        split_and_emit(b, b + hy);
        emit(b + hy, b + hy + 1, "-");
        split_and_emit(b + hy + 1, e);
        return;
      }
    }
    emit(b, e, nullptr);
  }

  // True when `w` ends with an apostrophe (ASCII or U+2019) followed by `tail`.
  static bool ends_with_apos(std::string_view w, std::string_view tail) {
    if (w.size() < tail.size() + 1) return false;
    std::string_view t = w.substr(w.size() - tail.size());
    if (t != tail && !(tail == "s" && t == "S") && !(tail == "t" && t == "T")) return false;
    std::string_view before = w.substr(0, w.size() - tail.size());
    if (!before.empty() && before.back() == '\'') return before.size() > 1;
    return before.size() > 3 && before.substr(before.size() - 3) == "\xE2\x80\x99";
  }
  static size_t apos_len(std::string_view w, size_t tail) {
    return w[w.size() - tail - 1] == '\'' ? 1 : 3;
  }

  size_t punct(size_t i, size_t k, char32_t c) {
    const char* ascii = ascii_punct(c);
    size_t end = k;
    if (c == '.' && k < s_.size() && s_[k] == '.') {
      while (end < s_.size() && s_[end] == '.') ++end;
      ascii = "...";
    } else if (c == '-' && k < s_.size() && s_[k] == '-') {
      while (end < s_.size() && s_[end] == '-') ++end;
      ascii = "-";
    }
    emit(i, end, ascii);
    std::string_view t = out_->tokens.back().text;
    if (t == "." || t == "?" || t == "!" || t == "...") pending_end_ = true;
    return end;
  }

  void emit(size_t b, size_t e, const char* replacement) {
    std::vector<Token>& toks = out_->tokens;
    if (pending_end_) {
      // A quote or bracket right after the full stop stays in the sentence.
      size_t k = b;
      char32_t c = next_code_point(s_, &k);
      const char* a = ascii_punct(c);
      bool closer = !space_before_ && (c == '"' || c == ')' || c == '\'' ||
                                       (a != nullptr && (a[0] == '"' || a[0] == '\'')));
      if (!closer) {
        pending_end_ = false;
        bool opener = c == '"' || c == '(' || (a != nullptr && a[0] == '"') || c == '[';
        if (is_upper_cp(c) || opener || (c >= '0' && c <= '9')) end_sentence();
      }
    }
    if (toks.size() - sent_begin_ >= kMaxSentenceTokens) end_sentence();
    toks.emplace_back();
    Token& t = toks.back();
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    if (replacement != nullptr) {
      t.set_text(replacement);
      return;
    }
    std::string_view w = s_.substr(b, e - b);
    size_t q = w.find("\xE2\x80\x99");
    if (q == std::string_view::npos) {
      t.text.assign(w);
    } else {
      t.text.clear();
      size_t p = 0;
      while (q != std::string_view::npos) {
        t.text.append(w.substr(p, q - p));
        t.text.push_back('\'');
        p = q + 3;
        q = w.find("\xE2\x80\x99", p);
      }
      t.text.append(w.substr(p));
    }
    t.set_lower();
  }

  void end_sentence() {
    uint32_t n = static_cast<uint32_t>(out_->tokens.size());
    if (n > sent_begin_) {
      Sentence s;
      s.begin = sent_begin_;
      s.end = n;
      out_->sentences.push_back(s);
    }
    sent_begin_ = n;
    pending_end_ = false;
  }

  std::string_view s_;
  TokenizedText* out_;
  uint32_t sent_begin_ = 0;
  bool pending_end_ = false;
  bool space_before_ = false;
};

}  // namespace

char32_t next_code_point(std::string_view s, size_t* i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), k = *i;
  unsigned char b = p[k];
  if (b < 0x80) {
    *i = k + 1;
    return b;
  }
  int len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || k + len > n) {
    *i = k + 1;
    return b;
  }
  char32_t cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int j = 1; j < len; ++j) {
    if ((p[k + j] & 0xC0) != 0x80) {
      *i = k + 1;
      return b;
    }
    cp = (cp << 6) | (p[k + j] & 0x3F);
  }
  *i = k + len;
  return cp;
}

void Token::set_text(std::string_view t) {
  text.assign(t);
  set_lower();
}

void Token::set_lower() {
  lower_into(text, &lower);
  lower_hash = hash_bytes(lower);
}

void tokenize(std::string_view text, TokenizedText* out) {
  out->clear();
  Tokenizer(text, out).run();
}

void lower_into(std::string_view in, std::string* out) {
  out->clear();
  size_t i = 0;
  while (i < in.size()) {
    unsigned char b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {  // a run of ASCII, lowered in place
      size_t j = i + 1;
      while (j < in.size() && static_cast<unsigned char>(in[j]) < 0x80) ++j;
      const size_t at = out->size();
      out->append(in.substr(i, j - i));
      for (size_t k = at; k < out->size(); ++k) {
        char& ch = (*out)[k];
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
      }
      i = j;
      continue;
    }
    size_t k = i;
    char32_t c = next_code_point(in, &k);
    char32_t l = lower_cp(c);
    if (l == c || k - i == 1) {
      out->append(in.substr(i, k - i));
    } else {
      put_utf8(l, out);
    }
    i = k;
  }
}

std::string lower(std::string_view in) {
  std::string out;
  lower_into(in, &out);
  return out;
}

void shape_into(std::string_view w, std::string* out) {
  out->clear();
  size_t i = 0;
  while (i < w.size()) {
    unsigned char b = static_cast<unsigned char>(w[i]);
    if (b < 0x80) {
      char c = static_cast<char>(b);
      if (c >= 'A' && c <= 'Z')
        c = 'X';
      else if (c >= 'a' && c <= 'z')
        c = 'x';
      else if (c >= '0' && c <= '9')
        c = 'd';
      out->push_back(c);
      ++i;
      continue;
    }
    char32_t c = next_code_point(w, &i);
    out->push_back(is_upper_cp(c) ? 'X' : is_alnum_cp(c) ? 'x' : '?');
  }
}

void short_shape_into(std::string_view w, std::string* out) {
  shape_into(w, out);
  auto last = std::unique(out->begin(), out->end());
  out->erase(last, out->end());
}

bool starts_upper_slow(std::string_view w) {
  if (w.empty()) return false;
  size_t i = 0;
  return is_upper_cp(next_code_point(w, &i));
}

bool starts_lower_slow(std::string_view w) {
  if (w.empty()) return false;
  size_t i = 0;
  return is_lower_cp(next_code_point(w, &i));
}

bool starts_alnum(std::string_view w) {
  if (w.empty()) return false;
  size_t i = 0;
  return is_alnum_cp(next_code_point(w, &i));
}

bool is_all_caps(std::string_view w) {
  bool letter = false;
  size_t i = 0;
  while (i < w.size()) {
    const auto b = static_cast<unsigned char>(w[i]);
    if (b < 0x80) {  // ASCII without decoding
      if (b >= 'a' && b <= 'z') return false;
      letter |= b >= 'A' && b <= 'Z';
      ++i;
      continue;
    }
    char32_t c = next_code_point(w, &i);
    if (is_lower_cp(c)) return false;
    if (is_upper_cp(c)) letter = true;
  }
  return letter;
}

bool has_letter(std::string_view w) {
  size_t i = 0;
  while (i < w.size()) {
    const auto b = static_cast<unsigned char>(w[i]);
    if (b < 0x80) {  // ASCII without decoding
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) return true;
      ++i;
      continue;
    }
    char32_t c = next_code_point(w, &i);
    if (is_upper_cp(c) || is_lower_cp(c) || (c >= 0x80 && is_alnum_cp(c))) return true;
  }
  return false;
}

std::string title_case(std::string_view w) {
  std::string out;
  size_t i = 0;
  bool first = true;
  while (i < w.size()) {
    size_t k = i;
    char32_t c = next_code_point(w, &k);
    if (first || !is_upper_cp(c)) {
      out.append(w.substr(i, k - i));
    } else {
      put_utf8(lower_cp(c), &out);
    }
    first = c == '-' || c == '\'' || c == '.' || c == ' ';
    i = k;
  }
  return out;
}

}  // namespace gazette::ner
