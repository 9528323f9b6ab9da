#include "common/ner/extractor.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "common/ner/resources.h"
#include "common/normalise.h"

namespace ner = gazette::ner;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The strings of the JSON array `key` in a small, flat gold file.
std::vector<std::string> gold_list(const std::string& json, const std::string& key) {
  std::vector<std::string> out;
  size_t k = json.find("\"" + key + "\"");
  REQUIRE(k != std::string::npos);
  size_t end = json.find(']', k);
  size_t p = json.find('[', k);
  while (true) {
    size_t q = json.find('"', p + 1);
    if (q == std::string::npos || q > end) break;
    size_t r = json.find('"', q + 1);
    out.push_back(json.substr(q + 1, r - q - 1));
    p = r;
  }
  return out;
}

struct PR {
  double precision, recall;
};

PR compare(const std::vector<std::string>& gold, const std::vector<std::string>& got) {
  std::set<std::string> g, p;
  for (const std::string& s : gold) g.insert(gazette::fold_key(s));
  for (const std::string& s : got) p.insert(gazette::fold_key(s));
  size_t tp = 0;
  for (const std::string& s : p) tp += g.count(s);
  return {p.empty() ? 0.0 : 100.0 * tp / p.size(), g.empty() ? 100.0 : 100.0 * tp / g.size()};
}

}  // namespace

TEST_CASE("the built-in extractor finds the gold entities of the corpus text article",
          "[ner][extractor]") {
  const std::string base = GAZETTE_SOURCE_DIR "/corpus/txt/2016-02-14_syria-ceasefire-talks";
  std::string text = read_file(base + ".txt");
  std::string gold = read_file(base + ".entities.json");
  auto ex = ner::Extractor::builtin();
  REQUIRE_FALSE(ex->rules_only());
  ner::ExtractedEntities e;
  ex->extract_text(text, &e);
  CAPTURE(e.persons, e.places, e.groups);
  PR per = compare(gold_list(gold, "persons"), e.persons);
  PR loc = compare(gold_list(gold, "places"), e.places);
  PR org = compare(gold_list(gold, "groups"), e.groups);
  CHECK(per.precision >= 85);
  CHECK(per.recall >= 95);  // all six, "Rania Khoury" (in apposition) included
  CHECK(loc.precision >= 85);
  CHECK(loc.recall >= 90);
  CHECK(org.precision >= 85);
  CHECK(org.recall >= 85);
  // The canonical forms the issue asks for.
  for (const char* name : {"John Kerry", "Bashar al-Assad", "Sergey Lavrov", "Barack Obama"})
    CHECK(std::find(e.persons.begin(), e.persons.end(), name) != e.persons.end());
  for (const char* name :
       {"Russian Foreign Ministry", "Syrian Observatory for Human Rights", "UN Security Council"})
    CHECK(std::find(e.groups.begin(), e.groups.end(), name) != e.groups.end());
  // The dateline's day and month, with the year the text mentions... none: no date.
  CHECK_FALSE(e.date.valid());
  CHECK(ex->tokens() > 400);
}

TEST_CASE("rules-only extraction needs no model", "[ner][extractor]") {
  ner::Extractor ex(nullptr, &ner::builtin_gazetteer(), nullptr);
  REQUIRE(ex.rules_only());
  ner::ExtractedEntities e;
  ex.extract("Kerry Meets Lavrov in Geneva", "",
             "GENEVA, Feb 12 (Reuters) - U.S. Secretary of State John Kerry met Russian Foreign "
             "Minister Sergey Lavrov in Geneva on Friday, the State Department said. Kerry said "
             "the talks in 2016 went well.",
             &e);
  CAPTURE(e.persons, e.places, e.groups);
  CHECK(std::find(e.persons.begin(), e.persons.end(), "John Kerry") != e.persons.end());
  CHECK(std::find(e.places.begin(), e.places.end(), "Geneva") != e.places.end());
  CHECK(std::find(e.groups.begin(), e.groups.end(), "Reuters") ==
        e.groups.end());  // dateline outlet
  REQUIRE(e.date.valid());
  CHECK(gazette::iso_day(e.date) == "2016-02-12");
}

TEST_CASE("apply_entities follows --entities", "[ner][extractor]") {
  auto ex = ner::Extractor::builtin();
  gazette::Article a;
  a.title = "Merkel Meets Macron in Berlin";
  a.body = "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin.";
  a.persons = {"Someone Else"};
  a.has_entity_metadata = true;

  gazette::Article m = a;
  ner::apply_entities(ner::EntityMode::kAuto, ex.get(), &m);
  CHECK(m.persons == std::vector<std::string>{"Someone Else"});
  CHECK_FALSE(m.date.valid());  // no date in the text

  gazette::Article x = a;
  ner::apply_entities(ner::EntityMode::kExtract, ex.get(), &x);
  CHECK(x.persons == std::vector<std::string>{"Angela Merkel", "Emmanuel Macron"});
  CHECK(x.places == std::vector<std::string>{"Berlin"});

  gazette::Article b = a;
  ner::apply_entities(ner::EntityMode::kBoth, ex.get(), &b);
  CHECK(b.persons == std::vector<std::string>{"Someone Else", "Angela Merkel", "Emmanuel Macron"});

  gazette::Article n = a;
  n.has_entity_metadata = false;
  n.persons.clear();
  ner::apply_entities(ner::EntityMode::kAuto, ex.get(), &n);
  CHECK(n.persons == std::vector<std::string>{"Angela Merkel", "Emmanuel Macron"});

  gazette::Article d = a;
  d.body = "WASHINGTON, March 3, 2017 - " + d.body;
  ner::apply_entities(ner::EntityMode::kMetadata, nullptr, &d);
  CHECK_FALSE(d.date.valid());  // metadata only: no date from the text
  ner::apply_entities(ner::EntityMode::kAuto, ex.get(), &d);
  REQUIRE(d.date.valid());
  CHECK(gazette::iso_day(d.date) == "2017-03-03");
}

TEST_CASE("parse_entity_mode", "[ner][extractor]") {
  ner::EntityMode m;
  CHECK(ner::parse_entity_mode("both", &m));
  CHECK(m == ner::EntityMode::kBoth);
  CHECK_FALSE(ner::parse_entity_mode("all", &m));
}
