#include "searcher/query_builder.h"

#include <catch2/catch.hpp>

#include "common/error.h"
#include "tests/support/test_db.h"

TEST_CASE("query text parses with prefixes, phrases and operators", "[query_builder]") {
  Xapian::WritableDatabase db = gazette::test::make_index({});
  gazette::QueryBuilder qb(db);
  CHECK(qb.parse("oil prices").get_description() ==
        "Query((Zoil@1 AND Zprice@2))");
  CHECK(qb.parse("\"interest rates\"").get_description() ==
        "Query((interest@1 PHRASE 2 rates@2))");
  CHECK(qb.parse("title:kerry").get_description() == "Query(ZSkerri@1)");
  CHECK(qb.parse("person:\"JOHN Kerry\" talks").get_description() ==
        "Query((Ztalk@1 FILTER XPjohn kerry))");
  CHECK(qb.parse("place:Zürich").get_description() == "Query(0 * XLzurich)");
  // Capitalised words are not stemmed (Xapian treats them as names).
  CHECK(qb.parse("Genève").get_description() == "Query(geneve@1)");
  CHECK(qb.parse("genève").get_description() == "Query(Zgenev@1)");
  CHECK(qb.parse("id:gz-1").get_description() == "Query(0 * Qgz-1)");
  CHECK(qb.parse("oil OR gas NOT coal").get_description() ==
        "Query((Zoil@1 OR (Zgas@2 AND_NOT Zcoal@3)))");
  CHECK(qb.parse("").get_description() == "Query(<alldocuments>)");
  CHECK(qb.parse("   ").get_description() == "Query(<alldocuments>)");
}

TEST_CASE("date expressions become value ranges on the day slot", "[query_builder]") {
  CHECK(gazette::date_query("2016").get_description() ==
        "Query(VALUE_RANGE 0 20160101 20161231)");
  CHECK(gazette::date_query("2016-02").get_description() ==
        "Query(VALUE_RANGE 0 20160201 20160229)");
  CHECK(gazette::date_query("2016-02-01..2016-02-29").get_description() ==
        "Query(VALUE_RANGE 0 20160201 20160229)");
  CHECK(gazette::date_query("2016-02..").get_description() == "Query(VALUE_GE 0 20160201)");
  CHECK(gazette::date_query("..2015").get_description() == "Query(VALUE_LE 0 20151231)");
  CHECK_THROWS_AS(gazette::date_query("2016-13"), gazette::UsageError);
  CHECK_THROWS_AS(gazette::date_query(".."), gazette::UsageError);
  CHECK_THROWS_WITH(gazette::date_query("2017..2016"), Catch::Contains("after the end"));
}

TEST_CASE("malformed queries are usage errors naming the problem", "[query_builder]") {
  Xapian::WritableDatabase db = gazette::test::make_index({});
  gazette::QueryBuilder qb(db);
  CHECK_THROWS_AS(qb.parse("date:2016-99"), gazette::UsageError);
  CHECK_THROWS_WITH(qb.parse("date:nonsense"), Catch::Contains("bad date 'nonsense'"));
}

TEST_CASE("field filters OR the values of one field", "[query_builder]") {
  CHECK(gazette::QueryBuilder::field_filter("place", {"Syria", "IRAN"}).get_description() ==
        "Query((XLsyria OR XLiran))");
  CHECK(gazette::QueryBuilder::field_filter("persons", {"Kerry"}).get_description() ==
        "Query(XPkerry)");
  CHECK_THROWS_WITH(gazette::QueryBuilder::field_filter("colour", {"red"}),
                    Catch::Contains("unknown filter field 'colour'"));
}

TEST_CASE("wildcards expand to an explicit synonym over the whole index", "[query_builder]") {
  using gazette::test::make_article;
  Xapian::WritableDatabase db = gazette::test::make_index({
      make_article("1", "Markets rally", "market makers and marketing"),
      make_article("2", "Mark my words", "nothing else"),
  });
  gazette::QueryBuilder qb(db);
  CHECK(qb.parse("market*").get_description() ==
        "Query((market SYNONYM marketing SYNONYM markets))");
  CHECK(qb.parse("oil OR title:mark* NOT gas").get_description() ==
        "Query((Zoil@1 OR ((Smark SYNONYM Smarkets) AND_NOT Zgas@3)))");
  CHECK(qb.parse("zzz*").get_description() == "Query()");
}

TEST_CASE("hostile queries are refused with a clear message", "[query_builder]") {
  Xapian::WritableDatabase db = gazette::test::make_index({});
  gazette::QueryBuilder qb(db);
  std::string many;
  for (int i = 0; i < 1001; ++i) many += "w" + std::to_string(i) + " ";
  CHECK_THROWS_WITH(qb.parse(many), Catch::Contains("1001 words; the limit is 1000"));
  CHECK_THROWS_WITH(qb.parse(std::string(70000, '(')), Catch::Contains("query too long"));
  // Deep nesting within the limits parses.
  CHECK_NOTHROW(qb.parse(std::string(5000, '(') + "oil" + std::string(5000, ')')));
}
