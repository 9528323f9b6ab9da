#include "common/normalise.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdint>

namespace gazette {
namespace {

// Decodes one UTF-8 sequence at s[i]. Returns its length (1..4) and sets *cp,
// or 0 if the bytes there are not a well-formed sequence.
size_t decode_utf8(std::string_view s, size_t i, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  size_t left = s.size() - i;
  unsigned char c = p[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    if (left < 2 || (p[1] & 0xC0) != 0x80) return 0;
    *cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    return 2;
  }
  if (c < 0xF0) {
    if (left < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && p[1] >= 0xA0) return 0;  // surrogate
    *cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    return 3;
  }
  if (c < 0xF5) {
    if (left < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && p[1] >= 0x90) return 0;  // > U+10FFFF
    *cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    return 4;
  }
  return 0;
}

// Windows-1252 for bytes 0x80..0x9F; Latin-1 elsewhere. Undefined CP1252
// positions map to U+FFFD.
char32_t cp1252(unsigned char b) {
  static constexpr char16_t k80[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  if (b >= 0x80 && b < 0xA0) return k80[b - 0x80];
  return b;
}

bool is_control(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

// ICU's normalizer singletons (thread-safe, owned by ICU), fetched once.
template <const icu::Normalizer2* (*Get)(UErrorCode&)>
const icu::Normalizer2& normalizer() {
  static const icu::Normalizer2* n = [] {
    UErrorCode err = U_ZERO_ERROR;
    return Get(err);
  }();
  return *n;
}
const icu::Normalizer2& nfkd() { return normalizer<&icu::Normalizer2::getNFKDInstance>(); }
const icu::Normalizer2& nfc() { return normalizer<&icu::Normalizer2::getNFCInstance>(); }
const icu::Normalizer2& nfd() { return normalizer<&icu::Normalizer2::getNFDInstance>(); }
const icu::Normalizer2& nfkc_casefold() {
  return normalizer<&icu::Normalizer2::getNFKCCasefoldInstance>();
}

// Letters that carry a diacritic but have no canonical decomposition.
const char16_t* special_letter(UChar32 c) {
  switch (c) {
    case 0x00D8: return u"O";   // Ø
    case 0x00F8: return u"o";   // ø
    case 0x0141: return u"L";   // Ł
    case 0x0142: return u"l";   // ł
    case 0x0110: return u"D";   // Đ
    case 0x0111: return u"d";   // đ
    case 0x00D0: return u"D";   // Ð
    case 0x00F0: return u"d";   // ð
    case 0x0126: return u"H";   // Ħ
    case 0x0127: return u"h";   // ħ
    case 0x0131: return u"i";   // dotless i
    case 0x00C6: return u"AE";  // Æ
    case 0x00E6: return u"ae";  // æ
    case 0x0152: return u"OE";  // Œ
    case 0x0153: return u"oe";  // œ
    case 0x00DE: return u"TH";  // Þ
    case 0x00FE: return u"th";  // þ
    case 0x00DF: return u"ss";  // ß
    case 0x2018:                // ‘
    case 0x2019:                // ’
    case 0x02BC:                // ʼ
    case 0x2032: return u"'";   // ′
    default: return nullptr;
  }
}

// Removes the combining diacritics of Latin, Greek and Cyrillic letters from
// decomposed text and spells out the special letters above. Marks on other
// scripts (Devanagari vowel signs, Arabic harakat) carry meaning and are kept.
icu::UnicodeString strip_marks(const icu::UnicodeString& in) {
  icu::UnicodeString out;
  bool base_is_western = false;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) {
      if (base_is_western && c >= 0x0300 && c <= 0x036F) continue;
      out.append(c);
      continue;
    }
    base_is_western = c < 0x0250 || (c >= 0x0370 && c < 0x0530) || (c >= 0x1E00 && c < 0x2000);
    if (const char16_t* rep = special_letter(c)) {
      out.append(rep);
    } else {
      out.append(c);
    }
  }
  return out;
}

bool is_space(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x200B; }

// Collapses whitespace runs to one ASCII space and trims.
std::string collapse_spaces_utf16(const icu::UnicodeString& in) {
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (is_space(c) || (c < 0x20) || (c >= 0x7F && c < 0xA0)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out.append(u' ');
    pending_space = false;
    out.append(c);
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

bool all_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

void append_utf8(char32_t cp, std::string* out) {
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

bool is_valid_utf8(std::string_view s) {
  char32_t cp;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t n = decode_utf8(s, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

size_t clean_text(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  size_t bad = 0;
  size_t i = 0;
  if (in.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  for (; i < in.size();) {
    unsigned char b = static_cast<unsigned char>(in[i]);
    if (b >= 0x20 && b < 0x7F) {
      out->push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    char32_t cp;
    size_t n = decode_utf8(in, i, &cp);
    if (n == 0) {
      cp = cp1252(b);
      n = 1;
      ++bad;
    }
    i += n;
    if (cp == '\r') {
      out->push_back('\n');
      if (i < in.size() && in[i] == '\n') ++i;
    } else if (cp == 0xFEFF) {
      // zero-width no-break space / stray BOM: drop
    } else if (is_control(cp)) {
      out->push_back(' ');
    } else {
      append_utf8(cp, out);
    }
  }
  return bad;
}

std::string_view trim_text(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\n") - b + 1);
}

std::string clean_value(std::string_view in) {
  std::string cleaned;
  clean_text(in, &cleaned);
  if (all_ascii(cleaned)) {
    std::string out;
    out.reserve(cleaned.size());
    bool pending = false;
    for (char c : cleaned) {
      if (ascii_space(c)) {
        pending = !out.empty();
        continue;
      }
      if (pending) out.push_back(' ');
      pending = false;
      out.push_back(c);
    }
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = nfc().normalize(icu::UnicodeString::fromUTF8(cleaned), err);
  if (U_FAILURE(err)) u = icu::UnicodeString::fromUTF8(cleaned);
  return collapse_spaces_utf16(u);
}

std::string_view normalise_text(std::string_view in, std::string* buffer) {
  size_t first = 0;
  while (first < in.size() && static_cast<unsigned char>(in[first]) < 0x80) ++first;
  if (first == in.size()) return in;

  // Only the whitespace-delimited runs that contain non-ASCII bytes go through
  // ICU: ASCII whitespace is a normalisation boundary, and in English news the
  // non-ASCII characters are mostly quotes and dashes attached to a few words.
  buffer->clear();
  buffer->reserve(in.size() + in.size() / 16);
  size_t run_start = first;
  while (run_start > 0 && !ascii_space(in[run_start - 1])) --run_start;
  buffer->append(in.data(), run_start);
  size_t i = run_start;
  icu::UnicodeString scratch;
  while (i < in.size()) {
    size_t end = i;
    bool non_ascii = false;
    while (end < in.size() && !ascii_space(in[end])) {
      non_ascii |= static_cast<unsigned char>(in[end]) >= 0x80;
      ++end;
    }
    std::string_view run = in.substr(i, end - i);
    if (non_ascii) {
      UErrorCode err = U_ZERO_ERROR;
      icu::UnicodeString u = nfkd().normalize(icu::UnicodeString::fromUTF8(run), err);
      if (U_FAILURE(err)) {
        buffer->append(run);
      } else {
        icu::UnicodeString stripped = strip_marks(u);
        scratch = nfc().normalize(stripped, err);
        if (U_FAILURE(err)) scratch = stripped;
        scratch.toUTF8String(*buffer);
      }
    } else {
      buffer->append(run);
    }
    size_t sp = end;
    while (sp < in.size() && ascii_space(in[sp])) ++sp;
    buffer->append(in.data() + end, sp - end);
    i = sp;
  }
  return *buffer;
}

std::string fold_key(std::string_view value) {
  if (all_ascii(value)) {
    std::string out;
    out.reserve(value.size());
    bool pending = false;
    for (char c : value) {
      if (ascii_space(c) || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        pending = !out.empty();
        continue;
      }
      if (pending) out.push_back(' ');
      pending = false;
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c);
    }
    return out;
  }
  std::string cleaned;
  clean_text(value, &cleaned);
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = nfkc_casefold().normalize(icu::UnicodeString::fromUTF8(cleaned), err);
  if (U_FAILURE(err)) {
    err = U_ZERO_ERROR;
    u = icu::UnicodeString::fromUTF8(cleaned).foldCase();
  }
  icu::UnicodeString d = nfd().normalize(u, err);
  if (U_FAILURE(err)) d = u;
  icu::UnicodeString stripped = strip_marks(d);
  // Special letters may reintroduce capitals ("Æ" -> "AE" never occurs after
  // case folding, but keep the fold last to be safe).
  stripped.foldCase();
  err = U_ZERO_ERROR;
  icu::UnicodeString composed = nfc().normalize(stripped, err);
  if (U_FAILURE(err)) composed = stripped;
  return collapse_spaces_utf16(composed);
}

}  // namespace gazette
