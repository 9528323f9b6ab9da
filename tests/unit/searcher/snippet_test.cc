#include "searcher/snippet.h"

#include <catch2/catch.hpp>

TEST_CASE("marked snippets become plain text with code-point highlights", "[snippet]") {
  gazette::Snippet s = gazette::parse_marked_snippet(
      "\xE2\x80\xA6" "Caf\xC3\xA9 \x01oil\x02 &amp; \x01gas\x02\n\n  prices &lt;up&gt;");
  CHECK(s.text == "…Café oil & gas prices <up>");
  REQUIRE(s.highlights.size() == 2);
  CHECK(s.highlights[0] == std::make_pair<size_t, size_t>(6, 9));
  CHECK(s.highlights[1] == std::make_pair<size_t, size_t>(12, 15));
}

TEST_CASE("snippets from a real match mark the stemmed query terms", "[snippet]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  Xapian::Document doc;
  tg.set_document(doc);
  const std::string text = "Oil prices rose. Analysts said pricing of crude & oils was firm.";
  tg.index_text(text);
  db.add_document(doc);
  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  Xapian::Enquire enquire(db);
  enquire.set_query(qp.parse_query("oil"));
  Xapian::MSet mset = enquire.get_mset(0, 10);
  gazette::Snippet s = gazette::make_snippet(mset, text, 200, Xapian::Stem("english"));
  CHECK(s.text == text);
  REQUIRE(s.highlights.size() == 2);
  CHECK(s.text.substr(s.highlights[0].first, 3) == "Oil");
  CHECK(s.text.substr(s.highlights[1].first, 4) == "oils");
}
