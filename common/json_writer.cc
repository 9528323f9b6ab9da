#include "common/json_writer.h"

#include <cmath>
#include <cstdio>

namespace gazette {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0.
size_t utf8_len(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  auto c1 = static_cast<unsigned char>(s[i + 1]);
  if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) ||
      (c == 0xF4 && c1 >= 0x90))
    return 0;
  return n;
}

}  // namespace

void append_json_string(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    // Copy the run of characters that need no escaping in one go.
    size_t run = i;
    while (run < s.size()) {
      auto c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') break;
      ++run;
    }
    if (run > i) {
      out->append(s.data() + i, run - i);
      i = run;
      continue;
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': *out += "\\\""; break;
        case '\\': *out += "\\\\"; break;
        case '\n': *out += "\\n"; break;
        case '\t': *out += "\\t"; break;
        case '\r': *out += "\\r"; break;
        case '\b': *out += "\\b"; break;
        case '\f': *out += "\\f"; break;
        default:
          *out += "\\u00";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
      }
      ++i;
      continue;
    }
    size_t n = utf8_len(s, i);
    if (n == 0) {
      *out += "\\ufffd";
      ++i;
      continue;
    }
    // U+2028 and U+2029 are valid JSON but break JavaScript string literals.
    if (n == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      *out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
    } else {
      out->append(s.data() + i, n);
    }
    i += n;
  }
  out->push_back('"');
}

JsonWriter::JsonWriter(std::string* out, int indent) : out_(out), indent_(indent) {}

void JsonWriter::newline() {
  if (indent_ == 0) return;
  if (!levels_.empty() && levels_.back().inline_) {
    out_->push_back(' ');
    return;
  }
  out_->push_back('\n');
  out_->append(levels_.size() * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!levels_.empty()) {
    Level& top = levels_.back();
    if (!top.first) out_->push_back(',');
    if (!top.first || !top.inline_) newline();
    top.first = false;
  }
}

void JsonWriter::begin_object(bool inline_) {
  before_value();
  out_->push_back('{');
  levels_.push_back({true, inline_ || (!levels_.empty() && levels_.back().inline_)});
}

void JsonWriter::end_object() {
  Level top = levels_.back();
  levels_.pop_back();
  if (!top.first && !top.inline_) newline();
  out_->push_back('}');
}

void JsonWriter::begin_array(bool inline_) {
  before_value();
  out_->push_back('[');
  levels_.push_back({true, inline_ || (!levels_.empty() && levels_.back().inline_)});
}

void JsonWriter::end_array() {
  Level top = levels_.back();
  levels_.pop_back();
  if (!top.first && !top.inline_) newline();
  out_->push_back(']');
}

void JsonWriter::key(std::string_view k) {
  before_value();
  append_json_string(k, out_);
  out_->push_back(':');
  if (indent_ != 0) out_->push_back(' ');
  after_key_ = true;
}

void JsonWriter::value(std::string_view s) {
  before_value();
  append_json_string(s, out_);
}

void JsonWriter::value(long long v) {
  before_value();
  *out_ += std::to_string(v);
}

void JsonWriter::value(bool v) {
  before_value();
  *out_ += v ? "true" : "false";
}

void JsonWriter::value(double v, int decimals) {
  before_value();
  if (!std::isfinite(v)) {
    *out_ += "null";
    return;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  *out_ += buf;
}

void JsonWriter::raw(std::string_view json) {
  before_value();
  out_->append(json);
}

void JsonWriter::null() {
  before_value();
  *out_ += "null";
}

}  // namespace gazette
