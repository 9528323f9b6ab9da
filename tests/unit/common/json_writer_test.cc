#include "common/json_writer.h"

#include <catch2/catch.hpp>

TEST_CASE("append_json_string escapes what JSON requires", "[json_writer]") {
  auto [in, want] = GENERATE(table<std::string, std::string>({
      {"plain", R"("plain")"},
      {"quote \" backslash \\", R"("quote \" backslash \\")"},
      {"line\nbreak\ttab\r", R"("line\nbreak\ttab\r")"},
      {std::string("nul\0x", 5), R"("nul\u0000x")"},
      {"\x1f\x7f", R"("\u001f\u007f")"},
      {"café €", "\"café €\""},
      {"bad \xff byte", R"("bad \ufffd byte")"},
      {"trunc \xe2\x82", R"("trunc \ufffd\ufffd")"},
      {"ls \u2028 ps \u2029", R"("ls \u2028 ps \u2029")"},
  }));
  CAPTURE(in);
  std::string out;
  gazette::append_json_string(in, &out);
  CHECK(out == want);
}

TEST_CASE("JsonWriter nests and separates", "[json_writer]") {
  std::string out;
  gazette::JsonWriter w(&out);
  w.begin_object();
  w.field("a", 1);
  w.key("b");
  w.begin_array();
  w.value("x");
  w.value(2.5, 2);
  w.null();
  w.value(true);
  w.begin_object();
  w.end_object();
  w.end_array();
  w.key("c");
  w.begin_array();
  w.end_array();
  w.end_object();
  CHECK(out == R"({"a":1,"b":["x",2.50,null,true,{}],"c":[]})");
}

TEST_CASE("JsonWriter pretty-prints with indentation", "[json_writer]") {
  std::string out;
  gazette::JsonWriter w(&out, 2);
  w.begin_object();
  w.field("a", 1);
  w.key("b");
  w.begin_array();
  w.value("x");
  w.end_array();
  w.end_object();
  CHECK(out == "{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ]\n}");
}

TEST_CASE("inline containers stay on one line when pretty-printing", "[json_writer]") {
  std::string out;
  gazette::JsonWriter w(&out, 2);
  w.begin_array();
  w.begin_object(true);
  w.field("value", "Syria");
  w.field("count", 4);
  w.end_object();
  w.begin_array(true);
  w.value(1);
  w.value(2);
  w.end_array();
  w.begin_array(true);
  w.end_array();
  w.end_array();
  CHECK(out == "[\n  {\"value\": \"Syria\", \"count\": 4},\n  [1, 2],\n  []\n]");
}
