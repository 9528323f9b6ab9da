#include "indexer/document_builder.h"

#include <catch2/catch.hpp>

#include "common/entities.h"
#include "common/value_codec.h"
#include "tests/support/test_db.h"

TEST_CASE("documents follow the schema: terms, positions, values, data", "[document_builder]") {
  gazette::Article a = gazette::test::make_article(
      "gz-1", "Kerry meets", "Talks in Genève resumed.", "2016-02-12T09:00:00+01:00",
      {"John Kerry", "JOHN KERRY"}, {"Geneva"}, {}, {"diplomacy"}, "Gazette Wire");
  gazette::canonicalise_entities(&a);
  gazette::DocumentBuilder builder;
  Xapian::Document doc = builder.build(a);
  CHECK(gazette::test::describe_document(doc) ==
        "term Qgz-1 wdf=0\n"
        "term Skerry wdf=1 pos=1\n"
        "term Smeets wdf=1 pos=2\n"
        "term XLgeneva wdf=0\n"
        "term XPjohn kerry wdf=0\n"
        "term XSgazette wire wdf=0\n"
        "term XTdiplomacy wdf=0\n"
        "term ZSkerri wdf=1\n"
        "term ZSmeet wdf=1\n"
        "term Zgenev wdf=1\n"
        "term Zin wdf=1\n"
        "term Zkerri wdf=3\n"
        "term Zmeet wdf=3\n"
        "term Zresum wdf=1\n"
        "term Ztalk wdf=1\n"
        "term geneve wdf=1 pos=105\n"
        "term in wdf=1 pos=104\n"
        "term kerry wdf=3 pos=1\n"
        "term meets wdf=3 pos=2\n"
        "term resumed wdf=1 pos=106\n"
        "term talks wdf=1 pos=103\n"
        "value 0 20160212\n"
        "value 1 20160212080000\n"
        "value 2 John Kerry\n"
        "value 3 Geneva\n"
        "value 5 diplomacy\n"
        "value 6 Gazette Wire\n"
        "value 7 record\n"
        "value 8 20160212080000\n");
  gazette::Article back;
  REQUIRE(gazette::decode_record(doc.get_value(gazette::slot::kRecord), &back));
  CHECK(back.id == "gz-1");
  CHECK(back.persons == std::vector<std::string>{"John Kerry"});
  CHECK(doc.get_data() == "Talks in Genève resumed.");  // the body, stored as written
}

TEST_CASE("an undated article has no date values", "[document_builder]") {
  gazette::DocumentBuilder builder;
  Xapian::Document doc = builder.build(gazette::test::make_article("x", "t", "b"));
  CHECK(doc.get_value(gazette::slot::kDay).empty());
  CHECK(doc.get_value(gazette::slot::kSortTime).empty());
  CHECK_FALSE(doc.get_value(gazette::slot::kRecord).empty());
  CHECK(doc.get_value(gazette::slot::kOldest) == "~");
}
