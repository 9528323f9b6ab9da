#include "indexer/html_charset.h"

#include <catch2/catch.hpp>

TEST_CASE("charsets from MIME types and byte-order marks", "[html_charset]") {
  CHECK(gazette::charset_from_content_type("text/html; charset=\"ISO-8859-1\"") == "iso-8859-1");
  CHECK(gazette::charset_from_content_type("text/html;charset=UTF-8; foo=bar") == "utf-8");
  CHECK(gazette::charset_from_content_type("text/html") == "");
  CHECK(gazette::charset_from_bom("\xEF\xBB\xBFx") == "utf-8");
  CHECK(gazette::charset_from_bom("\xFF\xFEx") == "utf-16le");
  CHECK(gazette::charset_from_bom("abc") == "");
}

TEST_CASE("convert_to_utf8 decodes as browsers do", "[html_charset]") {
  std::string out;
  // Latin-1 labels mean windows-1252: 0x93/0x94 are curly quotes.
  CHECK(gazette::convert_to_utf8("\x93Hi\x94 caf\xE9", "ISO-8859-1", &out));
  CHECK(out == "“Hi” café");
  CHECK(gazette::convert_to_utf8("\xCF\xF0\xE8\xE2\xE5\xF2", "windows-1251", &out));
  CHECK(out == "Привет");
  CHECK(gazette::convert_to_utf8(std::string("h\0i\0", 4), "utf-16le", &out));
  CHECK(out == "hi");
  // UTF-8 with a stray byte is repaired, an unknown label read as UTF-8.
  CHECK(gazette::convert_to_utf8("ok\xE9", "", &out));
  CHECK(out == "oké");
  CHECK_FALSE(gazette::convert_to_utf8("plain", "no-such-charset", &out));
  CHECK(out == "plain");
}
