#include "common/normalise.h"

#include <catch2/catch.hpp>

TEST_CASE("fold_key folds case, accents and whitespace", "[normalise]") {
  auto [in, want] = GENERATE(table<std::string, std::string>({
      {"John Kerry", "john kerry"},
      {"  JOHN   KERRY ", "john kerry"},
      {"François Hollande", "francois hollande"},
      {"FRANÇOIS HOLLANDE", "francois hollande"},
      {"Société Générale", "societe generale"},
      {"Zürich", "zurich"},
      {"Łódź", "lodz"},
      {"Ørsted", "orsted"},
      {"Straße", "strasse"},
      {"Bogotá\u00a0D.C.", "bogota d.c."},
      {"ＵＮ", "un"},  // fullwidth letters (NFKC)
      {"Москва", "москва"},
      {"", ""},
  }));
  CAPTURE(in);
  CHECK(gazette::fold_key(in) == want);
}

TEST_CASE("fold_key keeps marks that carry meaning outside Latin, Greek and Cyrillic",
          "[normalise]") {
  // Devanagari vowel sign and virama must survive.
  std::string hindi = "\u0928\u0930\u0947\u0902\u0926\u094d\u0930";
  CHECK(gazette::fold_key(hindi) == hindi);
}

TEST_CASE("normalise_text strips accents but keeps case and layout", "[normalise]") {
  std::string buf;
  CHECK(gazette::normalise_text("Plain ASCII stays.", &buf) == "Plain ASCII stays.");
  CHECK(gazette::normalise_text("José Manuel Barroso met\nFrançois Hollande.", &buf) ==
        "Jose Manuel Barroso met\nFrancois Hollande.");
  CHECK(gazette::normalise_text("Damascus’s allies “said”", &buf) ==
        "Damascus's allies “said”");
  CHECK(gazette::normalise_text("ﬁnance", &buf) == "finance");
}

TEST_CASE("normalise_text returns the input itself when nothing changes", "[normalise]") {
  std::string buf;
  std::string_view in = "all ascii";
  CHECK(gazette::normalise_text(in, &buf).data() == in.data());
}

TEST_CASE("clean_text repairs bytes and line ends", "[normalise]") {
  std::string out;
  CHECK(gazette::clean_text("a\r\nb\rc", &out) == 0);
  CHECK(out == "a\nb\nc");
  CHECK(gazette::clean_text("\xEF\xBB\xBFtitle", &out) == 0);
  CHECK(out == "title");
  CHECK(gazette::clean_text(std::string("nul\0byte", 8), &out) == 0);
  CHECK(out == "nul byte");
  // Latin-1 / CP1252 bytes that are not UTF-8
  CHECK(gazette::clean_text("caf\xe9 \x93quoted\x94", &out) == 3);
  CHECK(out == "café “quoted”");
  // an overlong encoding and a lone surrogate are invalid
  CHECK(gazette::clean_text("\xC0\xAF", &out) == 2);
  CHECK(gazette::is_valid_utf8(out));
}

TEST_CASE("is_valid_utf8 follows RFC 3629", "[normalise]") {
  CHECK(gazette::is_valid_utf8("plain"));
  CHECK(gazette::is_valid_utf8("€ and 𝄞"));
  CHECK_FALSE(gazette::is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(gazette::is_valid_utf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  CHECK_FALSE(gazette::is_valid_utf8("\xE2\x82"));          // truncated
  CHECK_FALSE(gazette::is_valid_utf8("\x80"));
}

TEST_CASE("clean_value collapses whitespace and composes", "[normalise]") {
  CHECK(gazette::clean_value("  John\n\tKerry  ") == "John Kerry");
  CHECK(gazette::clean_value("Jose\u0301") == "José");
  CHECK(gazette::clean_value("a\x1f" "b") == "a b");
  CHECK(gazette::clean_value("\u00a0x\u2003y\u00a0") == "x y");
}
