#include "common/schema.h"

#include <catch2/catch.hpp>

TEST_CASE("facet names resolve in singular, plural and aliases", "[schema]") {
  CHECK(gazette::find_facet("person")->slot == gazette::slot::kPerson);
  CHECK(gazette::find_facet("persons")->slot == gazette::slot::kPerson);
  CHECK(gazette::find_facet("org")->facet == gazette::Facet::kGroup);
  CHECK(gazette::find_facet("date") == nullptr);
  CHECK(gazette::find_facet("nonsense") == nullptr);
}

TEST_CASE("facet terms are folded and prefixed", "[schema]") {
  const auto& person = gazette::facet_spec(gazette::Facet::kPerson);
  CHECK(gazette::facet_term(person, "John Kerry") == "XPjohn kerry");
  CHECK(gazette::facet_term(person, "JOHN  KERRY") == "XPjohn kerry");
  CHECK(gazette::facet_term(gazette::facet_spec(gazette::Facet::kPlace), "Zürich") == "XLzurich");
  CHECK(gazette::facet_term(person, "   ").empty());
}

TEST_CASE("over-long terms are cut and hashed, staying unique and short enough", "[schema]") {
  std::string long_id(400, 'x');
  std::string other = long_id + "y";
  std::string a = gazette::id_term(long_id), b = gazette::id_term(other);
  CHECK(a.size() <= gazette::kMaxIdTermBytes);
  CHECK(a != b);
  CHECK(a == gazette::id_term(long_id));
  CHECK(gazette::id_term("123") == "Q123");
  // a cut never splits a UTF-8 sequence
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "€";
  std::string t = gazette::facet_term(gazette::facet_spec(gazette::Facet::kGroup), accents);
  CHECK(t.size() <= gazette::kMaxTermBytes);
  size_t colon = t.rfind(':');
  REQUIRE(colon != std::string::npos);
  CHECK((static_cast<unsigned char>(t[colon - 1]) & 0xC0) != 0xC0);
}
