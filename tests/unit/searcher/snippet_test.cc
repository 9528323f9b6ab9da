#include "searcher/snippet.h"

#include <catch2/catch.hpp>

namespace {

Xapian::Query parse(const std::string& text) {
  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.add_prefix("title", "S");
  qp.add_boolean_prefix("place", "XL");
  return qp.parse_query(text);
}

std::vector<std::string> marked(const gazette::Snippet& s) {
  // Offsets are code points: map them back through a UTF-32 copy.
  std::vector<std::string> out;
  std::u32string cps;
  for (Xapian::Utf8Iterator it(s.text); it != Xapian::Utf8Iterator(); ++it)
    cps.push_back(static_cast<char32_t>(*it));
  for (auto [b, e] : s.highlights) {
    std::string word;
    for (size_t i = b; i < e; ++i) Xapian::Unicode::append_utf8(word, cps[i]);
    out.push_back(word);
  }
  return out;
}

}  // namespace

TEST_CASE("snippets mark words and stems of the query", "[snippet]") {
  gazette::SnippetMaker maker(parse("oil"), Xapian::Stem("english"));
  const std::string text = "Oil prices rose. Analysts said pricing of crude & oils was firm.";
  gazette::Snippet s = maker.make(text, 200);
  CHECK(s.text == text);
  CHECK(marked(s) == std::vector<std::string>{"Oil", "oils"});
}

TEST_CASE("snippets pick the window with the most distinct query words", "[snippet]") {
  std::string text = "Oil was mentioned here. ";
  for (int i = 0; i < 30; ++i) text += "Filler words fill this paragraph. ";
  text += "Here crude oil prices fell while   traders\nwatched. ";
  for (int i = 0; i < 30; ++i) text += "More filler follows. ";
  gazette::SnippetMaker maker(parse("oil prices"), Xapian::Stem("english"));
  gazette::Snippet s = maker.make(text, 80);
  CHECK(s.text.rfind("\xE2\x80\xA6", 0) == 0);  // cut at the start...
  CHECK(s.text.size() >= 3);
  CHECK(s.text.substr(s.text.size() - 3) == "\xE2\x80\xA6");  // ...and at the end
  CHECK(s.text.find("traders watched") != std::string::npos);  // whitespace collapsed
  CHECK(marked(s) == std::vector<std::string>{"oil", "prices"});
  CHECK(s.text.size() <= 80 + 2 * 3);
}

TEST_CASE("snippets ignore filter terms, keep title words and count code points",
          "[snippet]") {
  gazette::SnippetMaker maker(parse("title:geneve place:syria talks"), Xapian::Stem("english"));
  gazette::Snippet s = maker.make("Talks in Genève on Syria: “talks” resumed.", 200);
  CHECK(marked(s) == std::vector<std::string>{"Talks", "Genève", "talks"});
}

TEST_CASE("without query words the snippet is the start of the text", "[snippet]") {
  gazette::SnippetMaker maker(parse("place:syria"), Xapian::Stem("english"));
  gazette::Snippet s = maker.make("First words of the body and more words after them.", 20);
  CHECK(s.text == "First words of the…");
  CHECK(s.highlights.empty());
  CHECK(maker.make("", 20).text.empty());
}

TEST_CASE("snippets can be marked with any markers, by code point", "[snippet]") {
  gazette::Snippet s;
  s.text = "Zürich talks: Zürich agrees";
  s.highlights = {{0, 6}, {14, 20}};
  CHECK(gazette::mark_snippet(s, "<b>", "</b>") == "<b>Zürich</b> talks: <b>Zürich</b> agrees");
  CHECK(gazette::mark_snippet(s, "[", "") == "[Zürich talks: [Zürich agrees");
  s.highlights = {{21, 27}};  // up to the end
  CHECK(gazette::mark_snippet(s, "«", "»") == "Zürich talks: Zürich «agrees»");
  s.highlights.clear();
  CHECK(gazette::mark_snippet(s, "<b>", "</b>") == s.text);
}

TEST_CASE("snippets of any size never cut a UTF-8 sequence", "[snippet]") {
  // Two-, three- and four-byte characters next to the matched words.
  const std::string text =
      "Zürich — 東京 talks: ministers in Genève agreed 😀 on oil; «oil» prices rose in "
      "São Paulo and Αθήνα while 北京 watched the oil market.";
  gazette::SnippetMaker maker(parse("oil geneve"), Xapian::Stem("english"));
  const size_t bytes = GENERATE(range<size_t>(1, 140));
  CAPTURE(bytes);
  const gazette::Snippet s = maker.make(text, bytes);
  size_t cps = 0;
  bool valid = true;
  for (size_t i = 0; i < s.text.size();) {
    const unsigned char c = static_cast<unsigned char>(s.text[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.text.size()) {
      valid = false;
      break;
    }
    for (size_t k = 1; k < len; ++k)
      valid &= (static_cast<unsigned char>(s.text[i + k]) & 0xC0) == 0x80;
    i += len;
    ++cps;
  }
  CHECK(valid);
  for (auto [b, e] : s.highlights) {
    CHECK(b < e);
    CHECK(e <= cps);
  }
  for (const std::string& w : marked(s)) CHECK((w == "oil" || w == "Genève"));
  // The marked form is valid too: markers go between code points.
  CHECK(gazette::mark_snippet(s, "<", ">").size() == s.text.size() + 2 * s.highlights.size());
}
