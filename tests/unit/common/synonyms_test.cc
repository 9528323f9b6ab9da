#include "common/synonyms.h"

#include <catch2/catch.hpp>

#include "common/error.h"
#include "common/schema.h"

namespace {

const char* const kFile =
    "# news synonyms\n"
    "\"U.S.\" = USA = United States\n"
    "\n"
    "IS = ISIL = Islamic State   # acronyms match in capitals only\n"
    "Nato = NATO = North Atlantic Treaty Organization\n";

std::vector<std::string> found(const gazette::Synonyms& s, std::string_view text,
                               bool capitals_rule = true) {
  std::vector<std::string> out;
  s.find(
      text,
      [&](size_t g, size_t begin, size_t end) {
        out.push_back(s.canonical(g) + "@" + std::string(text.substr(begin, end - begin)));
      },
      capitals_rule);
  return out;
}

}  // namespace

TEST_CASE("synonyms: groups, canonical names and the stored form", "[synonyms]") {
  const gazette::Synonyms s = gazette::Synonyms::parse(kFile, "syn.txt");
  REQUIRE(s.size() == 3);
  CHECK(s.canonical(0) == "United States");
  CHECK(s.entries(0) == std::vector<std::string>{"United States", "U.S.", "USA"});
  CHECK(s.canonical(1) == "Islamic State");
  // "Nato" and "NATO" fold to one key: kept once.
  CHECK(s.entries(2) == std::vector<std::string>{"North Atlantic Treaty Organization", "Nato"});
  CHECK(s.group_of_value("u.s.") == 0);
  CHECK(s.group_of_value("ISLAMIC STATE") == 1);
  CHECK(s.group_of_value("Syria") == -1);
  const gazette::Synonyms back = gazette::Synonyms::from_stored(s.stored());
  CHECK(back.stored() == s.stored());
  CHECK(s.group_term(1) == std::string(gazette::prefix::kSynonym) + "islamic state");
}

TEST_CASE("synonyms: bad files are usage errors naming the line", "[synonyms]") {
  using gazette::Synonyms;
  using gazette::UsageError;
  auto [text, message] = GENERATE(table<const char*, const char*>({
      {"a = b\nlonely\n", "f:2: a group needs two or more entries"},
      {"\"U.S. = United States\n", "f:1: unclosed quote"},
      {"a = b\nb = c\n", "f:2: 'b' is already in the group of 'a'"},
      {"a = = b\n", "f:1: empty entry"},
  }));
  CAPTURE(text);
  CHECK_THROWS_WITH(Synonyms::parse(text, "f"), Catch::Contains(message));
  CHECK_THROWS_AS(Synonyms::load_file("/no/such/synonyms.txt"), UsageError);
}

TEST_CASE("synonyms: facet values take the canonical name, once", "[synonyms]") {
  const gazette::Synonyms s = gazette::Synonyms::parse(kFile, "syn.txt");
  gazette::Article a;
  a.places = {"USA", "Syria", "United States", "u.s."};
  a.groups = {"ISIL"};
  a.source = "Nato";
  s.apply_to_facets(&a);
  CHECK(a.places == std::vector<std::string>{"United States", "Syria"});
  CHECK(a.groups == std::vector<std::string>{"Islamic State"});
  CHECK(a.source == "North Atlantic Treaty Organization");
}

TEST_CASE("synonyms: text occurrences, acronyms only in capitals", "[synonyms]") {
  const gazette::Synonyms s = gazette::Synonyms::parse(kFile, "syn.txt");
  CHECK(found(s, "IS fighters left; the islamic state said it is over") ==
        std::vector<std::string>{"Islamic State@IS", "Islamic State@islamic state"});
  CHECK(found(s, "U.S. and U. S. troops") ==
        std::vector<std::string>{"United States@U.S", "United States@U. S"});
  // A headline in capitals has no acronyms, except for a query.
  CHECK(found(s, "OPEC IS SAID TO CUT").empty());
  CHECK(found(s, "IS", /*capitals_rule=*/false) == std::vector<std::string>{"Islamic State@IS"});
  // The longest entry wins where several start at one word.
  CHECK(found(s, "North Atlantic Treaty Organization members") ==
        std::vector<std::string>{"North Atlantic Treaty Organization@North Atlantic Treaty Organization"});
}

TEST_CASE("synonyms: a document gets its groups' terms with occurrence counts", "[synonyms]") {
  const gazette::Synonyms s = gazette::Synonyms::parse(kFile, "syn.txt");
  gazette::Article a;
  a.title = "ISIL retreats";
  a.body = "The Islamic State lost ground. IS fighters left. USA said so.";
  Xapian::Document doc;
  s.add_terms(a, &doc);
  std::vector<std::string> terms;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    terms.push_back(*t + "=" + std::to_string(t.get_wdf()));
  CHECK(terms == std::vector<std::string>{"XYislamic state=" + std::to_string(gazette::kTitleWdf + 2),
                                          "XYunited states=1"});
}
