// Charset conversion with ICU converters. A converter is opened per call: pages
// are converted once each, and ucnv_open is cheap next to parsing the page.

#include "indexer/html_charset.h"

#include <unicode/ucnv.h>

#include <memory>

#include "common/normalise.h"

namespace gazette {
namespace {

std::string lower_trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"' ||
                        s.front() == '\''))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '"' ||
                        s.back() == '\'' || s.back() == ';'))
    s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

bool is_utf8_label(const std::string& l) {
  return l.empty() || l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8";
}

// WHATWG Encoding: these labels all decode as windows-1252 in browsers, and
// pages labelled so routinely contain 0x80-0x9F punctuation.
bool is_1252_label(const std::string& l) {
  return l == "iso-8859-1" || l == "iso8859-1" || l == "latin1" || l == "l1" ||
         l == "us-ascii" || l == "ascii" || l == "iso_8859-1" || l == "cp1252" ||
         l == "windows-1252" || l == "x-cp1252" || l == "cp819" || l == "ibm819";
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

}  // namespace

std::string charset_from_content_type(std::string_view content_type) {
  size_t pos = 0;
  while (pos < content_type.size()) {
    size_t semi = content_type.find(';', pos);
    std::string_view param = content_type.substr(
        pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos);
    size_t eq = param.find('=');
    if (eq != std::string_view::npos && lower_trim(param.substr(0, eq)) == "charset") {
      return lower_trim(param.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return "";
}

std::string charset_from_bom(std::string_view b) {
  if (b.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (b.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (b.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  return "";
}

bool convert_to_utf8(std::string_view bytes, std::string_view charset, std::string* out) {
  out->clear();
  std::string label = lower_trim(charset);
  if (is_1252_label(label)) label = "windows-1252";
  if (is_utf8_label(label)) {
    clean_text(bytes, out);
    return true;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> from(ucnv_open(label.c_str(), &status));
  if (U_FAILURE(status) || from == nullptr) {
    clean_text(bytes, out);
    return false;
  }
  status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> to(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status) || to == nullptr) {
    clean_text(bytes, out);
    return false;
  }
  // ucnv_convertEx streams through a pivot buffer, so any input size works with
  // a bounded intermediate; the output grows as needed.
  std::string converted;
  converted.resize(bytes.size() * 2 + 16);
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  char* target = converted.data();
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  bool reset = true;
  for (;;) {
    status = U_ZERO_ERROR;
    char* target_end = converted.data() + converted.size();
    ucnv_convertEx(to.get(), from.get(), &target, target_end, &src, src_end, pivot,
                   &pivot_source, &pivot_target, pivot + 4096, reset, true, &status);
    reset = false;
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      size_t used = static_cast<size_t>(target - converted.data());
      converted.resize(converted.size() * 2);
      target = converted.data() + used;
      continue;
    }
    break;
  }
  converted.resize(static_cast<size_t>(target - converted.data()));
  if (U_FAILURE(status)) {
    clean_text(bytes, out);
    return false;
  }
  clean_text(converted, out);
  return true;
}

}  // namespace gazette
