#pragma once
// A small streaming JSON writer (after notmuch's sprinter-json): appends to a
// caller-owned string, tracks nesting so commas and indentation are right, and
// escapes strings so the output is always valid UTF-8 JSON whatever the input
// bytes (invalid UTF-8 becomes U+FFFD). Not thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace gazette {

class JsonWriter {
 public:
  // indent 0 writes everything on one line; otherwise pretty-prints with that
  // many spaces per level. REQUIRES: out outlives the writer.
  explicit JsonWriter(std::string* out, int indent = 0);

  // `inline_` containers stay on one line even when pretty-printing
  // (e.g. {"value": "Syria", "count": 4} and [12, 17]).
  void begin_object(bool inline_ = false);
  void end_object();
  void begin_array(bool inline_ = false);
  void end_array();
  // Object key. REQUIRES: inside an object, not directly after another key().
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(long long v);
  void value(int v) { value(static_cast<long long>(v)); }
  void value(long v) { value(static_cast<long long>(v)); }
  void value(unsigned v) { value(static_cast<long long>(v)); }
  void value(unsigned long v) { value(static_cast<long long>(v)); }
  void value(bool v);
  // Fixed-point with `decimals` digits ("12.3400"); non-finite values are null.
  void value(double v, int decimals);
  void null();
  // Writes `json` as it is. REQUIRES: it is one valid JSON value.
  void raw(std::string_view json);

  template <typename T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void before_value();
  void newline();

  std::string* out_;
  int indent_;
  struct Level {
    bool first;    // no element written yet
    bool inline_;  // no line breaks inside
  };
  std::vector<Level> levels_;  // open containers
  bool after_key_ = false;
};

// Appends `s` as a JSON string literal (with quotes) to *out.
void append_json_string(std::string_view s, std::string* out);

}  // namespace gazette
