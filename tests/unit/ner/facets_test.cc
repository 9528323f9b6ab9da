#include "common/ner/facets.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace ner = gazette::ner;
using ner::EntityType;

namespace {

// Tags `text` by hand: spans are given as (first word, number of words, type)
// over the tokens, and returns the facets.
struct Tagged {
  std::string text;
  ner::TokenizedText doc;
  std::vector<ner::Tag> tags;
};

Tagged tag_by_hand(const std::string& text,
                   std::vector<std::tuple<std::string, int, EntityType>> spans) {
  Tagged t;
  t.text = text;
  ner::tokenize(t.text, &t.doc);
  t.tags.assign(t.doc.tokens.size(), ner::kOutside);
  std::vector<bool> used(t.doc.tokens.size(), false);
  for (const auto& [first, len, type] : spans) {
    for (size_t i = 0; i < t.doc.tokens.size(); ++i) {
      if (used[i] || t.doc.tokens[i].text != first) continue;
      for (int k = 0; k < len; ++k) {
        t.tags[i + k] = k == 0 ? ner::begin_tag(type) : ner::inside_tag(type);
        used[i + k] = true;
      }
      break;
    }
  }
  return t;
}

ner::Facets facets_of(const Tagged& t, const ner::Gazetteer& g) {
  ner::Facets f;
  ner::collect_facets(t.text, t.doc, t.tags, g, ner::ByteRange{}, 0, &f);
  return f;
}

ner::Facets facets_of(const Tagged& t) {
  return facets_of(t, ner::Gazetteer::from_tsv("MISC\tRussian\nLOC\tUnited States\n"));
}

// The news conventions over t's tags, then the facets.
ner::Facets conventions_then_facets(Tagged* t, const ner::Gazetteer& g) {
  ner::apply_news_conventions(t->doc, g, &t->tags);
  return facets_of(*t, g);
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("facets use the fullest name and strip titles and possessives", "[ner][facets]") {
  Tagged t = tag_by_hand(
      "President Barack Obama's plan. Obama met Secretary of State John Kerry. Kerry spoke. "
      "President Bashar al-Assad said so. Assad stayed.",
      {{"President", 3, EntityType::kPerson},
       {"Obama", 1, EntityType::kPerson},
       {"Secretary", 5, EntityType::kPerson},
       {"Kerry", 1, EntityType::kPerson},
       {"Assad", 1, EntityType::kPerson},
       {"Bashar", 2, EntityType::kPerson}});
  ner::Facets f = facets_of(t);
  CHECK(f.persons == Strings{"Barack Obama", "John Kerry", "Bashar al-Assad"});
  REQUIRE(f.mentions.size() == 6);
  CHECK(f.mentions[3].value == "John Kerry");
  CHECK(t.text.substr(f.mentions[3].begin, f.mentions[3].end - f.mentions[3].begin) == "Kerry");
}

TEST_CASE("facets never merge different people who share a surname", "[ner][facets]") {
  Tagged t = tag_by_hand("Mr. Trump spoke. Ivanka Trump listened. Later Trump left.",
                         {{"Mr.", 2, EntityType::kPerson},
                          {"Ivanka", 2, EntityType::kPerson},
                          {"Trump", 1, EntityType::kPerson}});
  // "Mr. Trump" comes before "Ivanka Trump": the later bare "Trump" is him, not her.
  ner::Facets f = facets_of(t);
  CHECK(f.persons == Strings{"Trump", "Ivanka Trump"});

  Tagged u = tag_by_hand("Bill Clinton and Hillary Clinton met. Clinton spoke.",
                         {{"Bill", 2, EntityType::kPerson},
                          {"Hillary", 2, EntityType::kPerson},
                          {"Clinton", 1, EntityType::kPerson}});
  // The bare "Clinton" is the third token tagged "Clinton" (the last one).
  u.tags.assign(u.doc.tokens.size(), ner::kOutside);
  u.tags[0] = ner::begin_tag(EntityType::kPerson);
  u.tags[1] = ner::inside_tag(EntityType::kPerson);
  u.tags[3] = ner::begin_tag(EntityType::kPerson);
  u.tags[4] = ner::inside_tag(EntityType::kPerson);
  u.tags[7] = ner::begin_tag(EntityType::kPerson);
  ner::Facets g = facets_of(u);
  CHECK(g.persons == Strings{"Bill Clinton", "Hillary Clinton"});
  CHECK(g.mentions[2].value == "Hillary Clinton");  // the nearest preceding one
}

TEST_CASE("facets canonicalise short forms and all-caps datelines", "[ner][facets]") {
  Tagged t = tag_by_hand(
      "AMMAN - The U.S. and the European Central Bank (ECB) met in Amman. The ECB agreed. "
      "NEW YORK was calm.",
      {{"AMMAN", 1, EntityType::kPlace},
       {"U.S.", 1, EntityType::kPlace},
       {"European", 3, EntityType::kGroup},
       {"ECB", 1, EntityType::kGroup},
       {"Amman", 1, EntityType::kPlace},
       {"NEW", 2, EntityType::kPlace}});
  // The second "ECB".
  for (size_t i = t.doc.tokens.size() - 1; i > 0; --i) {
    if (t.doc.tokens[i].text == "ECB") {
      t.tags[i] = ner::begin_tag(EntityType::kGroup);
      break;
    }
  }
  ner::Facets f = facets_of(t);
  CHECK(f.places == Strings{"Amman", "United States", "New York"});
  CHECK(f.groups == Strings{"European Central Bank"});
}

TEST_CASE("news conventions split titles and join national organisations", "[ner][facets]") {
  ner::Gazetteer g =
      ner::Gazetteer::from_tsv("MISC\tRussian\nORG\tSyrian Observatory for Human Rights\n");
  Tagged t = tag_by_hand(
      "US Secretary of State John Kerry and the Russian Foreign Ministry cited the "
      "Syrian Observatory for Human Rights .",
      {{"US", 6, EntityType::kGroup},
       {"Russian", 1, EntityType::kMisc},
       {"Human", 2, EntityType::kGroup}});
  ner::Facets f = conventions_then_facets(&t, g);
  CHECK(f.persons == Strings{"John Kerry"});
  CHECK(f.places.empty());  // "US" is part of the title
  CHECK(f.groups == Strings{"Russian Foreign Ministry", "Syrian Observatory for Human Rights"});
}

TEST_CASE("refine_tags makes a known surname a person everywhere", "[ner][facets]") {
  ner::Gazetteer g;
  Tagged t = tag_by_hand("Kerry met Lavrov. John Kerry said Kerry would stay.",
                         {{"Kerry", 1, EntityType::kPlace}, {"John", 2, EntityType::kPerson}});
  ner::refine_tags(t.doc, g, &t.tags);
  CHECK(t.tags[0] == ner::begin_tag(EntityType::kPerson));
  CHECK(t.tags[t.doc.tokens.size() - 4] == ner::begin_tag(EntityType::kPerson));  // "Kerry would"
}

TEST_CASE("facets drop person names glued together by a scraped page", "[ner][facets]") {
  Tagged t = tag_by_hand(
      "Trump Donald John TrumpGOP senators met Frank VanderSloot and Mitch McConnell. "
      "Rep. Ron DeSantis spoke.",
      {{"Trump", 4, EntityType::kPerson},
       {"Frank", 2, EntityType::kPerson},
       {"Mitch", 2, EntityType::kPerson},
       {"Ron", 2, EntityType::kPerson}});
  ner::Facets f = facets_of(t);
  CHECK(f.persons == Strings{"Frank VanderSloot", "Mitch McConnell", "Ron DeSantis"});
}

TEST_CASE("facets keep no laws, their short forms or names cut short", "[ner][facets]") {
  Tagged t = tag_by_hand(
      "The Affordable Care Act (ACA) passed. The ACA stays, Congress and the Treasury said. "
      "The U.S. Department of Justice sued.",
      {{"Affordable", 3, EntityType::kGroup},
       {"ACA", 1, EntityType::kGroup},
       {"Congress", 2, EntityType::kGroup},
       {"Treasury", 1, EntityType::kGroup},
       {"U.S.", 3, EntityType::kGroup}});
  ner::Facets f = facets_of(t);
  CHECK(f.groups == Strings{"Congress", "Treasury"});
}

TEST_CASE("news conventions make the speaker in apposition a person", "[ner][facets]") {
  ner::Gazetteer g = ner::Gazetteer::from_tsv("LOC\tRania\nLOC\tBeirut\n");
  Tagged t = tag_by_hand(
      "\"It will hold,\" said Rania Khoury, a Syria analyst in Beirut. "
      "\"It may not,\" said Goldman Sachs, a bank.",
      {{"Rania", 2, EntityType::kPlace},
       {"Beirut", 1, EntityType::kPlace},
       {"Goldman", 2, EntityType::kGroup}});
  ner::Facets f = conventions_then_facets(&t, g);
  CHECK(f.persons == Strings{"Rania Khoury"});
  CHECK(f.places == Strings{"Beirut"});
  CHECK(f.groups == Strings{"Goldman Sachs"});  // "a bank" names no person's role
}

TEST_CASE("facets drop a lone common word the article also writes in lower case", "[ner][facets]") {
  ner::Gazetteer g =
      ner::Gazetteer::from_tsv("COMMON\thealth\nCOMMON\tturkey\nCOMMON\tnavy\nLOC\tTurkey\n");
  Tagged t = tag_by_hand(
      "Health officials in Turkey met the Navy. Public health and turkey prices rose; "
      "the navy stayed.",
      {{"Health", 1, EntityType::kGroup},
       {"Turkey", 1, EntityType::kPlace},
       {"Navy", 1, EntityType::kGroup}});
  ner::Facets f = facets_of(t, g);
  CHECK(f.groups == Strings{"Navy"});    // an organisation head word alone is kept
  CHECK(f.places == Strings{"Turkey"});  // the gazetteer knows it as a place
}

TEST_CASE("news conventions split media roles and plural titles off names", "[ner][facets]") {
  ner::Gazetteer g;
  Tagged t = tag_by_hand(
      "CNN Political Editor Paul Steinhauser wrote that Judges Eugene Davis "
      "and others agreed.",
      {{"CNN", 5, EntityType::kGroup}, {"Judges", 3, EntityType::kPerson}});
  ner::Facets f = conventions_then_facets(&t, g);
  CHECK(f.persons == Strings{"Paul Steinhauser", "Eugene Davis"});
  CHECK(f.groups == Strings{"CNN"});
}

TEST_CASE("facets end a photo agency at 'Images'", "[ner][facets]") {
  Tagged t =
      tag_by_hand("Senators met on Tuesday. Getty Images Alex Wong . Ikon Images Nick Shepherd .",
                  {{"Getty", 4, EntityType::kGroup}, {"Ikon", 4, EntityType::kPerson}});
  ner::Facets f = facets_of(t);
  CHECK(f.groups == Strings{"Getty Images"});
  CHECK(f.persons == Strings{"Nick Shepherd"});
}

TEST_CASE("news conventions mend names the tagger split or typed apart", "[ner][facets]") {
  ner::Gazetteer g = ner::Gazetteer::from_tsv("LOC\tObama\n");
  Tagged t = tag_by_hand(
      "Senate Majority Leader Mitch McConnell spoke . Obama said no . Voters in Obama disagreed .",
      {{"Senate", 4, EntityType::kGroup},
       {"McConnell", 1, EntityType::kGroup},
       {"Obama", 1, EntityType::kPerson},
       {"Obama", 1, EntityType::kPlace}});
  ner::Facets f = conventions_then_facets(&t, g);
  // The second "Obama" is the speaker of the first: a person too.
  CHECK(f.persons == Strings{"Mitch McConnell", "Obama"});
  CHECK(f.places.empty());
  CHECK(f.groups.empty());  // "Senate Majority Leader" is the title
}

TEST_CASE("facets list no ethnic group words as entities", "[ner][facets]") {
  Tagged t = tag_by_hand("Latino voters and Hispanics backed Maria Lopez .",
                         {{"Latino", 1, EntityType::kPerson},
                          {"Hispanics", 1, EntityType::kPlace},
                          {"Maria", 2, EntityType::kPerson}});
  ner::Facets f = facets_of(t);
  CHECK(f.persons == Strings{"Maria Lopez"});
  CHECK(f.places.empty());
}

TEST_CASE("news conventions make a person named like a known place that place", "[ner][facets]") {
  ner::Gazetteer g = ner::Gazetteer::from_tsv("LOC\tCapitol Hill\nFIRST\tAnita\nLOC\tAnita Hill\n");
  Tagged t = tag_by_hand("Talks on Capitol Hill stalled , said Anita Hill .",
                         {{"Capitol", 2, EntityType::kPerson}, {"Anita", 2, EntityType::kPerson}});
  ner::Facets f = conventions_then_facets(&t, g);
  CHECK(f.places == Strings{"Capitol Hill"});
  CHECK(f.persons == Strings{"Anita Hill"});  // a given name first: still a person
}

TEST_CASE("facets name US states written as abbreviations", "[ner][facets]") {
  Tagged t = tag_by_hand(
      "Police in Arlington , Va. and Stamford , Conn. and Trenton , N.J. met Miss Lee .",
      {{"Arlington", 1, EntityType::kPlace},
       {"Va", 1, EntityType::kPlace},
       {"Stamford", 1, EntityType::kPlace},
       {"Conn", 1, EntityType::kGroup},
       {"Trenton", 1, EntityType::kPlace},
       {"N.J.", 1, EntityType::kPlace},
       {"Miss", 2, EntityType::kPerson}});
  ner::Facets f = facets_of(t);
  CHECK(f.places ==
        Strings{"Arlington", "Virginia", "Stamford", "Connecticut", "Trenton", "New Jersey"});
  CHECK(f.groups.empty());
}

TEST_CASE("news conventions make buildings places and strip 'Counsel'", "[ner][facets]") {
  ner::Gazetteer g = ner::Gazetteer::from_tsv("FIRST\tJohn\n");
  Tagged t = tag_by_hand("Special Counsel Robert Mueller met John Tower at Trump Tower .",
                         {{"Special", 4, EntityType::kPerson},
                          {"John", 2, EntityType::kPerson},
                          {"Trump", 2, EntityType::kPerson}});
  ner::Facets f = conventions_then_facets(&t, g);
  CHECK(f.persons == Strings{"Robert Mueller", "John Tower"});
  CHECK(f.places == Strings{"Trump Tower"});
}

TEST_CASE("facets cut web page furniture off names", "[ner][facets]") {
  Tagged t = tag_by_hand(
      "Edward Snowden Replay More Videos ... See the Google Privacy Policy and "
      "Terms of Service .",
      {{"Edward", 5, EntityType::kPerson},
       {"Google", 3, EntityType::kGroup},
       {"Terms", 3, EntityType::kGroup}});
  ner::Facets f = facets_of(t);
  CHECK(f.persons == Strings{"Edward Snowden"});
  CHECK(f.groups.empty());
}
