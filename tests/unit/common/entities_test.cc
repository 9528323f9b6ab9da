#include "common/entities.h"

#include <catch2/catch.hpp>

#include "common/schema.h"

TEST_CASE("canonicalise_entities cleans, dedupes by key and cuts", "[entities]") {
  gazette::Article a;
  a.persons = {"John Kerry", " JOHN  KERRY ", "", "Sergey\nLavrov"};
  a.places = {"Zürich", "Zurich", "ZÜRICH"};
  a.groups = {std::string(300, 'g')};
  a.source = "  Gazette   Wire ";
  gazette::canonicalise_entities(&a);
  CHECK(a.persons == std::vector<std::string>{"John Kerry", "Sergey Lavrov"});
  CHECK(a.places == std::vector<std::string>{"Zürich"});
  REQUIRE(a.groups.size() == 1);
  CHECK(a.groups[0].size() == gazette::kMaxFacetValueBytes);
  CHECK(a.source == "Gazette Wire");
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].reason == "long-value");
  CHECK(a.warnings[0].field == "groups");
}
