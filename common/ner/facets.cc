#include "common/ner/facets.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace gazette::ner {
namespace {

// Called for most tokens, with lists of short words: the length and first
// byte rule out nearly all entries without a call to memcmp.
bool in_list(std::string_view w, std::initializer_list<std::string_view> list) {
  if (w.empty()) return false;
  for (std::string_view x : list)
    if (x.size() == w.size() && x[0] == w[0] && x == w) return true;
  return false;
}

// A fixed set of words looked up by hash: the word lists below are asked
// about nearly every token. The words must outlive the set (string literals).
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) : words_(words) {
    for (uint32_t i = 0; i < words_.size(); ++i) index_.get_or_insert(hash_bytes(words_[i]), i);
  }
  bool contains(std::string_view w) const {
    const uint32_t* i = index_.find(hash_bytes(w));
    return i != nullptr && words_[*i] == w;
  }

 private:
  std::vector<std::string_view> words_;
  FlatMap<uint32_t> index_;
};

// Name particles written joined to the name: "al-Assad", "bin-Salman", "van-Gogh".
bool is_particle(std::string_view lw) {
  static const WordSet kWords{"al", "el", "bin", "ibn", "abu", "van", "von", "de",
                              "da", "di", "le",  "la",  "du",  "ben", "ul"};
  return kWords.contains(lw);
}

// A particle joined to a capitalised name ("al-Assad").
bool is_particle_token(std::string_view w) {
  size_t h = w.find('-');
  if (h == std::string_view::npos || h + 1 >= w.size()) return false;
  return is_particle(lower(w.substr(0, h))) && starts_upper(w.substr(h + 1));
}

// The name without a leading particle: "al-assad" -> "assad".
std::string strip_particle(const std::string& lw) {
  size_t h = lw.find('-');
  if (h != std::string::npos && h + 1 < lw.size() && is_particle(std::string_view(lw).substr(0, h)))
    return lw.substr(h + 1);
  return lw;
}

bool is_stop_name(std::string_view lw) {
  static const WordSet kWords{"god",
                              "dept",
                              "dept.",
                              "llc",
                              "inc",
                              "inc.",
                              "ceo",
                              "ceos",
                              "cfo",
                              "vp",
                              "nda",
                              "ok",
                              "tv",
                              "gdp",
                              "pm",
                              "am",
                              "faq",
                              "pdf",
                              "related",
                              "update",
                              "photo",
                              "image",
                              "advertisement",
                              "the",
                              "a",
                              "an",
                              "in",
                              "on",
                              "at",
                              "of",
                              "for",
                              "to",
                              "and",
                              "mr",
                              "mr.",
                              "mrs",
                              "mrs.",
                              "ms",
                              "ms.",
                              "dr",
                              "dr.",
                              "president",
                              "minister",
                              "king",
                              "queen",
                              "prince",
                              "new",
                              "north",
                              "south",
                              "east",
                              "west",
                              "united",
                              "san",
                              "st",
                              "st.",
                              "jr",
                              "jr.",
                              "sr",
                              "sr.",
                              "de",
                              "van",
                              "von",
                              "bin",
                              "al"};
  return kWords.contains(lw);
}

// Words that are a title or office before a name ("President", "Sen.").
bool is_title_word(std::string_view lw) {
  static const WordSet kWords{"president",
                              "vice",
                              "prime",
                              "minister",
                              "secretary",
                              "senator",
                              "sen",
                              "sen.",
                              "sens",
                              "sens.",
                              "reps",
                              "reps.",
                              "govs",
                              "govs.",
                              "senators",
                              "rep",
                              "rep.",
                              "representative",
                              "congressman",
                              "congresswoman",
                              "governor",
                              "gov",
                              "gov.",
                              "mayor",
                              "king",
                              "queen",
                              "prince",
                              "princess",
                              "sheikh",
                              "emir",
                              "general",
                              "gen",
                              "gen.",
                              "colonel",
                              "col",
                              "col.",
                              "lt",
                              "lt.",
                              "lieutenant",
                              "captain",
                              "capt",
                              "capt.",
                              "sgt",
                              "sgt.",
                              "sergeant",
                              "admiral",
                              "adm",
                              "adm.",
                              "major",
                              "maj",
                              "maj.",
                              "cardinal",
                              "bishop",
                              "archbishop",
                              "rev",
                              "rev.",
                              "reverend",
                              "judge",
                              "justice",
                              "chancellor",
                              "premier",
                              "ambassador",
                              "envoy",
                              "spokesman",
                              "spokeswoman",
                              "spokesperson",
                              "chairman",
                              "chairwoman",
                              "ceo",
                              "cfo",
                              "director",
                              "chief",
                              "commander",
                              "leader",
                              "speaker",
                              "mr",
                              "mr.",
                              "mrs",
                              "mrs.",
                              "ms",
                              "ms.",
                              "miss",
                              "dr",
                              "dr.",
                              "prof",
                              "prof.",
                              "professor",
                              "sir",
                              "dame",
                              "lord",
                              "lady",
                              "ayatollah",
                              "attorney",
                              "deputy",
                              "candidate",
                              "nominee",
                              "coach",
                              "anchor",
                              "host",
                              "mp",
                              "sheriff",
                              "commissioner",
                              "adviser",
                              "advisor",
                              "aide",
                              "analyst",
                              "economist",
                              "strategist",
                              "lawyer",
                              "rabbi",
                              "imam",
                              "dean",
                              "founder",
                              "officer",
                              "agent",
                              "detective",
                              "inspector",
                              "superintendent",
                              "administrator",
                              "president-elect",
                              "vice-president",
                              "attorney-general",
                              "emeritus",
                              "judges",
                              "justices",
                              "editor",
                              "reporter",
                              "correspondent",
                              "columnist",
                              "photographer"};
  return kWords.contains(lw);
}

// Words that may stand between a title and the name ("Secretary of State John Kerry").
bool is_title_modifier(std::string_view lw) {
  static const WordSet kWords{
      "political", "senior",   "managing", "contributing", "of",       "state",    "the",
      "foreign",   "defense",  "defence",  "finance",      "interior", "economy",  "energy",
      "trade",     "health",   "labor",    "labour",       "treasury", "homeland", "security",
      "house",     "senate",   "former",   "first",        "acting",   "general",  "executive",
      "crown",     "majority", "minority", "whip",         "u.s.",     "us",       "and",
      "national",  "press",    "white"};
  return kWords.contains(lw);
}

// Well-known short forms with one canonical facet value.
struct Alias {
  std::string_view from;
  EntityType type;
  std::string_view to;
};
constexpr std::array<Alias, 19> kAliases = {{
    {"u.s.", EntityType::kPlace, "United States"},
    {"us", EntityType::kPlace, "United States"},
    {"usa", EntityType::kPlace, "United States"},
    {"u.s.a.", EntityType::kPlace, "United States"},
    {"united states of america", EntityType::kPlace, "United States"},
    {"america", EntityType::kPlace, "United States"},
    {"u.k.", EntityType::kPlace, "United Kingdom"},
    {"uk", EntityType::kPlace, "United Kingdom"},
    {"uae", EntityType::kPlace, "United Arab Emirates"},
    {"u.a.e.", EntityType::kPlace, "United Arab Emirates"},
    {"un", EntityType::kGroup, "United Nations"},
    {"u.n.", EntityType::kGroup, "United Nations"},
    {"eu", EntityType::kGroup, "European Union"},
    {"e.u.", EntityType::kGroup, "European Union"},
    {"u.n. security council", EntityType::kGroup, "UN Security Council"},
    {"united nations security council", EntityType::kGroup, "UN Security Council"},
    {"isis", EntityType::kGroup, "Islamic State"},
    {"isil", EntityType::kGroup, "Islamic State"},
    {"is", EntityType::kGroup, "Islamic State"},
}};

// An alias whatever the tagged type: "US" tagged as a group is still the country.
// The gazetteer classes of tokens [b, e) read as one name (0 when longer than
// any name). `scratch` holds the hashes.
uint16_t gaz_classes_of(const Gazetteer& gazetteer, const std::vector<Token>& tokens, uint32_t b,
                        uint32_t e, std::vector<uint64_t>* scratch) {
  if (e - b > kMaxGazTokens) return 0;
  scratch->clear();
  for (uint32_t k = b; k < e; ++k) scratch->push_back(tokens[k].lower_hash);
  return gazetteer.lookup(scratch->data(), scratch->size());
}

const Alias* find_alias(const std::string& key) {
  for (const Alias& a : kAliases)
    if (a.from == key) return &a;
  return nullptr;
}

// US state abbreviations as datelines and bylines write them ("Arlington,
// Va."), lower case, with or without their period: the state's name. Those
// that are also words or names ("Wash", "Miss", "Ill") only for a place.
std::string_view state_of_abbreviation(const std::string& key, EntityType type) {
  struct State {
    std::string_view abbr, name;
    bool word;
  };
  static constexpr State kStates[] = {
      {"ala", "Alabama", false},         {"ariz", "Arizona", false},
      {"ark", "Arkansas", true},         {"calif", "California", false},
      {"colo", "Colorado", false},       {"conn", "Connecticut", false},
      {"del", "Delaware", true},         {"fla", "Florida", false},
      {"ga", "Georgia", false},          {"ill", "Illinois", true},
      {"ind", "Indiana", true},          {"kan", "Kansas", true},
      {"kans", "Kansas", false},         {"ky", "Kentucky", false},
      {"la", "Louisiana", true},         {"md", "Maryland", false},
      {"mass", "Massachusetts", true},   {"mich", "Michigan", false},
      {"minn", "Minnesota", false},      {"miss", "Mississippi", true},
      {"mo", "Missouri", true},          {"mont", "Montana", false},
      {"neb", "Nebraska", false},        {"nev", "Nevada", false},
      {"n.h.", "New Hampshire", false},  {"n.j.", "New Jersey", false},
      {"n.m.", "New Mexico", false},     {"n.y.", "New York", false},
      {"n.c.", "North Carolina", false}, {"n.d.", "North Dakota", false},
      {"okla", "Oklahoma", false},       {"ore", "Oregon", true},
      {"pa", "Pennsylvania", false},     {"r.i.", "Rhode Island", false},
      {"s.c.", "South Carolina", false}, {"s.d.", "South Dakota", false},
      {"tenn", "Tennessee", false},      {"tex", "Texas", true},
      {"va", "Virginia", false},         {"vt", "Vermont", false},
      {"wash", "Washington", true},      {"wis", "Wisconsin", false},
      {"wisc", "Wisconsin", false},      {"wyo", "Wyoming", false},
      {"w.va.", "West Virginia", false}};
  if (type == EntityType::kPerson || key.size() > 5) return {};
  std::string_view k = key;
  if (k.size() > 1 && k.back() == '.' && k.find('.') == k.size() - 1) k.remove_suffix(1);
  for (const State& st : kStates)
    if (st.abbr == k) return st.word && type != EntityType::kPlace ? std::string_view() : st.name;
  return {};
}

bool is_calendar_word(std::string_view lw) {
  static const WordSet kWords{
      "jan",     "jan.",      "feb",      "feb.",      "mar",      "apr",      "jun",      "jul",
      "aug",     "aug.",      "sep",      "sept",      "sept.",    "oct",      "oct.",     "nov",
      "nov.",    "dec",       "dec.",     "january",   "february", "march",    "april",    "may",
      "june",    "july",      "august",   "september", "october",  "november", "december", "monday",
      "tuesday", "wednesday", "thursday", "friday",    "saturday", "sunday"};
  return kWords.contains(lw);
}

// Last words of organisation names ("Urban Institute", "Carter Center").
bool is_org_head(std::string_view lw) {
  static const WordSet kWords{"committee",
                              "center",
                              "centre",
                              "institute",
                              "council",
                              "endowment",
                              "organization",
                              "organisation",
                              "department",
                              "office",
                              "association",
                              "foundation",
                              "coalition",
                              "board",
                              "commission",
                              "agency",
                              "bureau",
                              "university",
                              "school",
                              "court",
                              "league",
                              "federation",
                              "union",
                              "society",
                              "academy",
                              "alliance",
                              "fund",
                              "ministry",
                              "administration",
                              "authority",
                              "corporation",
                              "company",
                              "corp.",
                              "inc.",
                              "inc",
                              "co.",
                              "ltd",
                              "ltd.",
                              "llc",
                              "group",
                              "bank",
                              "project",
                              "museum",
                              "hospital",
                              "college",
                              "institution",
                              "church",
                              "chamber",
                              "caucus",
                              "party",
                              "campaign",
                              "network",
                              "service",
                              "services",
                              "laboratory",
                              "laboratories",
                              "partners",
                              "holdings",
                              "industries",
                              "systems",
                              "trust",
                              "conference",
                              "assembly",
                              "parliament",
                              "congress",
                              "senate",
                              "guard",
                              "police",
                              "army",
                              "navy",
                              "forces",
                              "brigade",
                              "front",
                              "movement",
                              "unit"};
  return kWords.contains(lw);
}

// Last words of news outlets ("Ynet News", "Pittsburgh Post-Gazette").
bool is_media_head(std::string_view lw) {
  static const WordSet kWords{
      "news",     "times",    "post",     "journal",    "tribune",  "herald",    "gazette",
      "daily",    "magazine", "radio",    "television", "tv",       "press",     "media",
      "monitor",  "examiner", "observer", "review",     "reporter", "chronicle", "telegraph",
      "inquirer", "bulletin", "dispatch", "sun",        "star"};
  return kWords.contains(lw);
}

// Head words of organisations named after a nation ("Russian Foreign Ministry").
bool is_national_org_head(std::string_view lw) {
  static const WordSet kWords{
      "ministry", "embassy",     "consulate", "army",    "navy",    "government", "parliament",
      "military", "observatory", "police",    "foreign", "defence", "defense",    "office",
      "forces",   "guard",       "guards",    "court",   "council", "cabinet",    "senate",
      "congress", "assembly",    "party",     "bank",    "agency",  "coast",      "force"};
  return kWords.contains(lw);
}
bool ends_national_org(std::string_view lw) {
  static const WordSet kWords{"ministry",   "embassy",    "consulate", "army",        "navy",
                              "government", "parliament", "military",  "observatory", "police",
                              "office",     "forces",     "guard",     "guards",      "court",
                              "council",    "cabinet",    "senate",    "congress",    "assembly",
                              "party",      "bank",       "agency",    "force"};
  return kWords.contains(lw);
}

struct Cand {
  uint32_t first_tok = 0, end_tok = 0;  // token range
  EntityType type = EntityType::kMisc;
  std::vector<std::string> low;  // lowercase tokens
  std::string key;               // low joined by ' '
  std::string display;
  bool all_caps = false;
  bool headline = false;    // in a headline sentence
  int canon = -1;           // index of the candidate it resolves to
  std::string alias_value;  // canonical value from kAliases
  bool law = false;         // "Affordable Care Act": resolves short forms, is no facet
};

}  // namespace

void refine_tags(const TokenizedText& doc, const Gazetteer& gazetteer, std::vector<Tag>* tags) {
  (void)gazetteer;
  std::vector<Tag>& t = *tags;
  auto relabel = [&](uint32_t b, uint32_t e, EntityType type) {
    for (uint32_t k = b; k < e; ++k) t[k] = k == b ? begin_tag(type) : inside_tag(type);
  };
  std::vector<Span> spans;
  // 1. Particle merge.
  for (const Sentence& s : doc.sentences) {
    spans.clear();
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
    for (const Span& sp : spans) {
      if (sp.type != EntityType::kPerson || sp.end >= s.end) continue;
      if (!is_particle_token(doc.tokens[sp.end].text)) continue;
      uint32_t e = sp.end + 1;
      while (e < s.end && is_inside(t[e])) ++e;
      relabel(sp.begin, e, EntityType::kPerson);
    }
  }
  // 2. Words of multi-word person names; 3. types of multi-word strings.
  std::unordered_set<std::string> person_words;
  std::unordered_map<std::string, std::array<int, kNumTypes>> votes;
  std::vector<std::vector<Span>> by_sentence(doc.sentences.size());
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &by_sentence[si]);
    for (const Span& sp : by_sentence[si]) {
      if (sp.end - sp.begin < 2) continue;
      std::string key;
      for (uint32_t k = sp.begin; k < sp.end; ++k) {
        const std::string& low = doc.tokens[k].lower;
        if (!key.empty()) key += ' ';
        key += low;
        if (sp.type == EntityType::kPerson) {
          std::string part = strip_particle(low);
          if (!is_stop_name(part) && part.size() > 2 && starts_upper(doc.tokens[k].text))
            person_words.insert(part);
        }
      }
      votes[key][static_cast<int>(sp.type)]++;
    }
  }
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    for (const Span& sp : by_sentence[si]) {
      if (sp.end - sp.begin == 1) {
        const std::string& w = doc.tokens[sp.begin].text;
        if (sp.type == EntityType::kPerson || is_all_caps(w)) continue;
        if (person_words.count(strip_particle(doc.tokens[sp.begin].lower))) relabel(sp.begin, sp.end, EntityType::kPerson);
      } else {
        std::string key;
        for (uint32_t k = sp.begin; k < sp.end; ++k) {
          if (!key.empty()) key += ' ';
          key += doc.tokens[k].lower;
        }
        const auto& v = votes[key];
        int best = static_cast<int>(sp.type);
        for (int ty = 0; ty < kNumTypes; ++ty)
          if (v[ty] > v[best]) best = ty;
        if (best != static_cast<int>(sp.type))
          relabel(sp.begin, sp.end, static_cast<EntityType>(best));
      }
    }
    // Untagged capitalised words equal to a person-name word (not at a sentence start).
    if (person_words.empty()) continue;
    for (uint32_t i = s.begin + 1; i < s.end; ++i) {
      const std::string& w = doc.tokens[i].text;
      if (t[i] != kOutside || !starts_upper(w) || is_all_caps(w)) continue;
      if (person_words.count(strip_particle(doc.tokens[i].lower))) t[i] = begin_tag(EntityType::kPerson);
    }
  }
}

void apply_news_conventions(const TokenizedText& doc, const Gazetteer& gazetteer,
                            std::vector<Tag>* tags) {
  std::vector<Tag>& t = *tags;
  const auto& tok = doc.tokens;
  auto relabel = [&](uint32_t b, uint32_t e, EntityType type) {
    for (uint32_t k = b; k < e; ++k) t[k] = k == b ? begin_tag(type) : inside_tag(type);
  };
  auto clear = [&](uint32_t b, uint32_t e) {
    for (uint32_t k = b; k < e; ++k) t[k] = kOutside;
  };
  // A span cut or cleared in the middle must not leave a dangling I- tag.
  auto fix_starts = [&](uint32_t b, uint32_t e) {
    for (uint32_t k = b; k < e; ++k)
      if (is_inside(t[k]) && (k == b || t[k - 1] == kOutside || type_of(t[k - 1]) != type_of(t[k])))
        t[k] = begin_tag(type_of(t[k]));
  };
  auto lw = [&](uint32_t k) -> const std::string& { return tok[k].lower; };
  auto attached = [&](uint32_t a, uint32_t b) { return tok[a].end == tok[b].begin; };
  auto is_initial = [&](uint32_t k) {
    const std::string& w = tok[k].text;
    if (w.size() < 2 || w.back() != '.' || !starts_upper(w)) return false;
    for (char c : w)
      if (!((c >= 'A' && c <= 'Z') || c == '.')) return false;
    return w.size() <= 4;
  };
  std::vector<Span> spans;
  std::vector<uint64_t> hashes;
  std::vector<uint32_t> gaz;
  auto gaz_classes = [&](uint32_t b, uint32_t e) {
    return gaz_classes_of(gazetteer, tok, b, e, &hashes);
  };
  // Words written in lower case somewhere in the document: a capitalised
  // common word ("Macron", "Rice") that never is, is likely a name here.
  FlatMap<char> lower_seen;
  for (const Token& k : tok)
    if (starts_lower(k.text) && k.text == k.lower) lower_seen.get_or_insert(k.lower_hash, 1);
  auto name_like = [&](uint32_t k) {
    uint64_t h = tok[k].lower_hash;
    return !gazetteer.is_common(h) || lower_seen.find(h) == nullptr;
  };
  bool in_url = false;
  for (const Sentence& s : doc.sentences) {
    // A. Handles, hashtags, e-mail addresses and URLs are no entities.
    for (uint32_t k = s.begin; k < s.end; ++k) {
      const std::string& w = tok[k].text;
      const bool dot = w.find('.') != std::string::npos;
      bool web =
          (dot && (w.find(".com") != std::string::npos || w.find(".gov") != std::string::npos ||
                   w.find(".org") != std::string::npos || w.rfind("www.", 0) == 0)) ||
          w.rfind("http", 0) == 0;
      bool handle = (k > s.begin && attached(k - 1, k) &&
                     (tok[k - 1].text == "@" || tok[k - 1].text == "#")) ||
                    (k + 1 < s.end && attached(k, k + 1) && tok[k + 1].text == "@");
      // The rest of a URL ("pic.twitter.com/JLOAERUI5P") up to the next space.
      if (web) in_url = true;
      else if (k == s.begin || !attached(k - 1, k)) in_url = false;
      if (web || handle || in_url) t[k] = kOutside;
    }
    fix_starts(s.begin, s.end);
    // B. Spans end before a lowercase word or a weekday/month ("William Barr
    //    Tuesday", "Wen wrote", "United Nations contributions").
    spans.clear();
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
    for (const Span& sp : spans) {
      uint32_t b = sp.begin;
      while (b < sp.end && (lw(b) == "the" || lw(b) == "a")) t[b++] = kOutside;
      for (uint32_t e = sp.end; e > b + 1 && (tok[e - 1].text == "'s" || tok[e - 1].text == "'");
           --e)
        t[e - 1] = kOutside;  // possessives are no part of a name
      for (uint32_t k = b + 1; k < sp.end; ++k) {
        const std::string& w = tok[k].text;
        bool lower_word =
            starts_lower(w) && !is_particle_token(w) &&
            !in_list(lw(k), {"of",  "for", "and", "the", "de", "del", "da",  "di",  "du",
                             "van", "von", "der", "den", "la", "le",  "al",  "bin", "ibn",
                             "on",  "in",  "y",   "&",   "to", "at",  "upon"});
        if (lower_word || is_calendar_word(lw(k))) {
          clear(k, sp.end);
          break;
        }
      }
      fix_starts(sp.begin, sp.end);
    }
    // C. Titles: split spans running through one; a span ending in one keeps
    //    the organisation and the capitalised words after it are a person
    //    ("Senate Minority Leader Mitch McConnell", "Treasury Secretary Steven Mnuchin").
    spans.clear();
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
    for (const Span& sp : spans) {
      if (sp.type == EntityType::kPerson) continue;
      for (uint32_t k = sp.begin; k < sp.end; ++k) {
        if (!is_title_word(lw(k))) continue;
        uint32_t name = k + 1;
        while (name < sp.end && is_title_modifier(lw(name))) ++name;
        uint32_t name_end = sp.end;
        if (name >= sp.end) {
          // The span ends in the title: the name follows it.
          name = sp.end;
          if (name >= s.end || !starts_upper(tok[name].text) || is_title_word(lw(name))) break;
          name_end = name;
          while (name_end < s.end && starts_upper(tok[name_end].text) &&
                 (t[name_end] == kOutside || name_end == name || is_inside(t[name_end])) &&
                 name_end - name < 4)
            ++name_end;
        }
        if (!starts_upper(tok[name].text)) break;
        // "Senate Majority Leader Mitch | McConnell": a one-word span right
        // after the name, which the tagger started anew, is its surname.
        if (name_end < s.end && name_end - name == 1 && t[name_end] != kOutside &&
            !is_inside(t[name_end]) && (name_end + 1 >= s.end || !is_inside(t[name_end + 1])) &&
            starts_upper(tok[name_end].text) && !is_all_caps(tok[name_end].text) &&
            !is_org_head(lw(name_end)) && !is_title_word(lw(name_end)) &&
            !attached(name_end - 1, name_end))
          ++name_end;
        uint32_t left = k;
        while (left > sp.begin && is_title_modifier(lw(left - 1)) && lw(left - 1) != "state")
          --left;
        clear(left, name);
        relabel(name, name_end, EntityType::kPerson);
        if (name_end < s.end && is_inside(t[name_end])) fix_starts(name_end, s.end);
        if (left > sp.begin) {
          // A lone nationality word or "US" before the title is no group.
          bool nationality =
              left - sp.begin == 1 && (gaz_classes(sp.begin, sp.begin + 1) & (1u << kGazMisc)) != 0;
          relabel(sp.begin, left, nationality ? EntityType::kMisc : sp.type);
        }
        break;
      }
    }
    // D. Initials join a name: "Patrick J. Leahy", "George W. Bush", "W.C. Fields".
    for (uint32_t k = s.begin; k < s.end; ++k) {
      if (!is_initial(k)) continue;
      bool before = k > s.begin && starts_upper(tok[k - 1].text) &&
                    (t[k - 1] == kOutside || type_of(t[k - 1]) == EntityType::kPerson ||
                     type_of(t[k - 1]) == EntityType::kPlace);
      bool after = k + 1 < s.end && starts_upper(tok[k + 1].text) && !is_initial(k + 1);
      if (!after) continue;
      uint32_t b = k;
      if (before && t[k - 1] != kOutside) {
        b = k - 1;
        while (b > s.begin && is_inside(t[b])) --b;
      } else if (before && !is_title_word(lw(k - 1))) {
        b = k - 1;
      }
      uint32_t e = k + 2;
      while (e < s.end && is_inside(t[e])) ++e;
      if (t[k + 1] == kOutside || type_of(t[k + 1]) == EntityType::kPerson ||
          type_of(t[k + 1]) == EntityType::kPlace || b < k) {
        relabel(b, e, EntityType::kPerson);
        fix_starts(e, s.end);
      }
    }
    // E. A capitalised word that is no common word, right before a person,
    //    is the first name ("Mitt Romney"); adjacent persons are one name.
    for (uint32_t k = s.begin; k + 1 < s.end; ++k) {
      if (t[k + 1] != begin_tag(EntityType::kPerson)) continue;
      const std::string& w = tok[k].text;
      if (t[k] == kOutside && starts_upper(w) && !is_all_caps(w) && has_letter(w) &&
          w.find('\'') == std::string::npos && !is_title_word(lw(k)) && !is_title_modifier(lw(k)) &&
          !is_stop_name(lw(k)) && !is_calendar_word(lw(k)) && name_like(k) && k > s.begin) {
        t[k] = begin_tag(EntityType::kPerson);
        t[k + 1] = inside_tag(EntityType::kPerson);
      } else if (t[k] == begin_tag(EntityType::kPerson) && attached(k, k + 1) == false &&
                 !tok[k].text.empty() && tok[k].text.back() != ',') {
        t[k + 1] = inside_tag(EntityType::kPerson);
      }
    }
    //    A one-word person followed by an untagged capitalised word that is no
    //    common word: the surname ("Emmanuel Macron").
    for (uint32_t k = s.begin; k + 1 < s.end; ++k) {
      bool next_free = t[k + 1] == kOutside || (t[k + 1] == begin_tag(EntityType::kMisc) &&
                                                (k + 2 >= s.end || !is_inside(t[k + 2])));
      if (t[k] != begin_tag(EntityType::kPerson) || !next_free) continue;
      const std::string& w = tok[k + 1].text;
      if (starts_upper(w) && !is_all_caps(w) && w.find('\'') == std::string::npos &&
          !is_title_word(lw(k + 1)) && !is_stop_name(lw(k + 1)) && !is_calendar_word(lw(k + 1)) &&
          name_like(k + 1) && attached(k, k + 1) == false)
        t[k + 1] = inside_tag(EntityType::kPerson);
    }
    // F. Organisation names with "of", "for", "on", "to": a capitalised run
    //    whose head word ("Committee", "Center", "Institute", "Court") is
    //    followed by a connector and more capitalised words is one group
    //    ("Committee for a Responsible Federal Budget", "Circuit Court of Appeals").
    for (uint32_t k = s.begin; k + 2 < s.end; ++k) {
      if (!starts_upper(tok[k].text) || !is_org_head(lw(k))) continue;
      // "in" and "and" end the name before a place or a person ("Institute
      // in Colorado", "Fund and Nick Bloom").
      auto person_or_place = [&](uint32_t k2) {
        return t[k2] != kOutside && (type_of(t[k2]) == EntityType::kPerson ||
                                     type_of(t[k2]) == EntityType::kPlace);
      };
      uint32_t c = k + 1;
      uint32_t connectors = 0;
      bool weak = false;
      while (c < s.end && connectors < 3 &&
             in_list(lw(c), {"of", "for", "on", "to", "the", "a", "and", "in", "&"})) {
        weak |= lw(c) == "in" || lw(c) == "and";
        ++c;
        ++connectors;
      }
      if (connectors == 0 || c >= s.end || !starts_upper(tok[c].text) || is_calendar_word(lw(c)) ||
          (weak && person_or_place(c)))
        continue;
      uint32_t e = c;
      while (e < s.end) {
        if (starts_upper(tok[e].text) && !is_calendar_word(lw(e)) && !is_title_word(lw(e))) {
          ++e;
        } else if (e + 1 < s.end && in_list(lw(e), {"of", "for", "and", "the", "&", "in"}) &&
                   starts_upper(tok[e + 1].text) &&
                   !((lw(e) == "in" || lw(e) == "and") && person_or_place(e + 1))) {
          e += 2;
        } else {
          break;
        }
      }
      uint32_t b = k;
      while (b > s.begin && starts_upper(tok[b - 1].text) && !is_title_word(lw(b - 1)) &&
             !(b - 1 == s.begin && gazetteer.is_common(tok[b - 1].lower_hash)))
        --b;
      if (b > s.begin && t[b] != kOutside && is_inside(t[b])) {
        while (b > s.begin && is_inside(t[b])) --b;
      }
      relabel(b, e, EntityType::kGroup);
      fix_starts(e, s.end);
      k = e - 1;
    }
    // G. A name ending in an organisation head word is a group ("Urban
    //    Institute", "Carter Center", "Emory University Hospital").
    spans.clear();
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
    for (const Span& sp : spans) {
      uint32_t e = sp.end;
      while (e < s.end && t[e] == kOutside && starts_upper(tok[e].text) &&
             (is_org_head(lw(e)) || is_media_head(lw(e))))
        ++e;
      if (e > sp.end) {
        relabel(sp.begin, e, EntityType::kGroup);
        continue;
      }
      if (sp.end - sp.begin < 2 || sp.type == EntityType::kGroup) continue;
      if (is_org_head(lw(sp.end - 1)) || is_media_head(lw(sp.end - 1)))
        relabel(sp.begin, sp.end, EntityType::kGroup);
    }
    // H. Nationality word + "Foreign Ministry" / "Embassy" ...: one group.
    for (uint32_t i = s.begin; i + 1 < s.end; ++i) {
      if (t[i] != begin_tag(EntityType::kMisc) || is_inside(t[i + 1])) continue;
      uint32_t e = i + 1;
      uint32_t last_head = 0;
      while (e < s.end && e - i <= 4 && starts_upper(tok[e].text) &&
             (t[e] == kOutside || type_of(t[e]) == EntityType::kGroup)) {
        if (!is_national_org_head(lw(e)) && t[e] == kOutside) break;
        if (ends_national_org(lw(e))) last_head = e + 1;
        ++e;
      }
      if (last_head > i + 1) {
        uint32_t end = last_head;
        while (end < s.end && is_inside(t[end])) ++end;
        relabel(i, end, EntityType::kGroup);
      }
    }
    // J. The speaker of a quote, in apposition: "said Rania Khoury, a Syria
    //    analyst". Two or three capitalised words tagged place or group right
    //    after "said"/"says", then a comma and "who", or "a"/"an"/"the" and
    //    within four words a person's role ("analyst", "spokesman"), are a
    //    person, whatever the gazetteer holds (its place names include many
    //    given names).
    spans.clear();
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
    for (const Span& sp : spans) {
      if ((sp.type != EntityType::kPlace && sp.type != EntityType::kGroup) ||
          sp.end - sp.begin < 2 || sp.end - sp.begin > 3 || sp.begin == s.begin ||
          sp.end + 2 >= s.end || !in_list(lw(sp.begin - 1), {"said", "says"}) ||
          tok[sp.end].text != ",")
        continue;
      bool person = lw(sp.end + 1) == "who";
      if (in_list(lw(sp.end + 1), {"a", "an", "the"}))
        for (uint32_t k = sp.end + 2; k < s.end && k <= sp.end + 5 && has_letter(tok[k].text); ++k)
          if (is_title_word(lw(k))) {
            person = true;
            break;
          }
      for (uint32_t k = sp.begin; k < sp.end; ++k)
        if (!starts_upper(tok[k].text) || is_all_caps(tok[k].text)) person = false;
      if (person) relabel(sp.begin, sp.end, EntityType::kPerson);
    }
    // I. Multi-word organisations from the gazetteer.
    const uint32_t n = s.end - s.begin;
    gaz.resize(n);
    gazetteer.match(tok, s.begin, s.end, gaz.data());
    for (uint32_t i = 0; i < n; ++i) {
      if (!(gaz[i] & gaz_bit(kGazOrg, 1))) continue;
      uint32_t e = i + 1;
      while (e < n && (gaz[e] & gaz_bit(kGazOrg, 2))) ++e;
      uint32_t b = s.begin + i, end = s.begin + e;
      bool capitalised = true;
      for (uint32_t k = b; k < end; ++k)
        if (!starts_upper(tok[k].text) &&
            !in_list(lw(k), {"of", "for", "the", "and", "&", "on", "de"}))
          capitalised = false;
      bool inside_longer = (is_inside(t[b]) && b > s.begin) || (end < s.end && is_inside(t[end]));
      if (capitalised && !inside_longer) relabel(b, end, EntityType::kGroup);
      i = e - 1;
    }
  }
  // K. After a personal title, or before "administration", a name is a
  //    person ("President Bush", "the Obama administration").
  for (const Sentence& s : doc.sentences) {
    spans.clear();
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
    for (const Span& sp : spans) {
      if (sp.type == EntityType::kPerson || sp.end - sp.begin > 3 || is_org_head(lw(sp.end - 1)))
        continue;
      bool titled = sp.begin > s.begin &&
                    in_list(lw(sp.begin - 1), {"president", "sen.", "senator", "rep.", "gov.",
                                               "governor", "mr.", "mrs.", "ms.", "dr.", "mayor",
                                               "king", "queen", "prince", "chancellor", "judge",
                                               "justice", "sheriff", "minister", "secretary"});
      bool administration = sp.end - sp.begin == 1 && sp.end < s.end &&
                            in_list(lw(sp.end), {"administration", "campaign", "presidency",
                                                 "re-election", "reelection"});
      if (titled || administration) relabel(sp.begin, sp.end, EntityType::kPerson);
    }
  }
  // N. A person whose whole name the gazetteer knows as a place, and whose
  //    first word as no given name, is that place ("on Capitol Hill").
  for (const Sentence& s : doc.sentences) {
    spans.clear();
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
    for (const Span& sp : spans) {
      if (sp.type != EntityType::kPerson || sp.end - sp.begin < 2 || sp.end - sp.begin > 4)
        continue;
      // A building or a street is no person: "Trump Tower", "Rose Garden"
      // (but "John Tower" is: a given name and the one such surname).
      if (in_list(lw(sp.end - 1),
                  {"tower", "building", "avenue", "square", "bridge", "airport", "station",
                   "garden", "gardens", "plaza", "mall", "stadium", "arena", "boulevard"})) {
        const bool given = (gaz_classes(sp.begin, sp.begin + 1) & (1u << kGazFirst)) != 0;
        if (!(lw(sp.end - 1) == "tower" && given && sp.end - sp.begin == 2))
          relabel(sp.begin, sp.end, EntityType::kPlace);
        continue;
      }
      if (sp.end - sp.begin > 3) continue;
      const uint16_t whole = gaz_classes(sp.begin, sp.end);
      if (!(whole & (1u << kGazLoc)) || (whole & (1u << kGazPer))) continue;
      if (gaz_classes(sp.begin, sp.begin + 1) & (1u << kGazFirst)) continue;
      relabel(sp.begin, sp.end, EntityType::kPlace);
    }
  }
  // M. A one-word name the document shows as a person who speaks ("Obama
  //    said", "said Obama") is a person everywhere in it, though the tagger
  //    or a gazetteer sharing the name ("Obama", a town in Japan) made it a
  //    place or group elsewhere.
  {
    std::unordered_set<uint64_t> speakers;
    for (const Sentence& s : doc.sentences) {
      for (uint32_t k = s.begin; k < s.end; ++k) {
        if (t[k] != begin_tag(EntityType::kPerson) || (k + 1 < s.end && is_inside(t[k + 1])) ||
            is_all_caps(tok[k].text) || !starts_upper(tok[k].text))
          continue;
        auto speech = [&](uint32_t j) {
          return j >= s.begin && j < s.end &&
                 in_list(lw(j), {"said", "says", "told", "tweeted", "wrote", "added", "argued"});
        };
        if (speech(k + 1) || (k > s.begin && speech(k - 1))) speakers.insert(tok[k].lower_hash);
      }
    }
    if (!speakers.empty()) {
      for (const Sentence& s : doc.sentences) {
        spans.clear();
        spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
        for (const Span& sp : spans)
          if (sp.end - sp.begin == 1 && sp.type != EntityType::kPerson &&
              speakers.count(tok[sp.begin].lower_hash))
            relabel(sp.begin, sp.end, EntityType::kPerson);
      }
    }
  }
  // L. A one-word place that no gazetteer knows, with no locative word
  //    before it ("in", "at", "from") and no region after it ("Parkland,
  //    Fla."), is more often a company or an outlet ("Cigna", "Civiqs").
  for (const Sentence& s : doc.sentences) {
    spans.clear();
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
    for (const Span& sp : spans) {
      if (sp.type != EntityType::kPlace || sp.end - sp.begin != 1) continue;
      if (is_all_caps(tok[sp.begin].text)) continue;
      if (gaz_classes(sp.begin, sp.begin + 1) & (1u << kGazLoc)) continue;
      bool locative = sp.begin > s.begin &&
                      in_list(lw(sp.begin - 1), {"in", "at", "from", "to", "near", "outside",
                                                 "across", "into", "of", "around", "throughout"});
      auto known_place = [&](uint32_t k) { return (gaz_classes(k, k + 1) & (1u << kGazLoc)) != 0; };
      // "Parkland, Fla.": a known region or a state abbreviation follows.
      bool region = sp.end + 1 < s.end && tok[sp.end].text == "," &&
                    starts_upper(tok[sp.end + 1].text) &&
                    (known_place(sp.end + 1) || tok[sp.end + 1].text.back() == '.');
      // "Niles, Ill.": it follows a known place.
      bool after_place = sp.begin >= s.begin + 2 && tok[sp.begin - 1].text == "," &&
                         known_place(sp.begin - 2);
      if (!locative && !region && !after_place) relabel(sp.begin, sp.end, EntityType::kGroup);
    }
  }
  // J. A multi-word span of another type whose last word is used alone as a
  //    person at least twice is that person ("Al Franken" ... "Mr. Franken").
  std::unordered_map<std::string, int> person_alone;
  for (const Sentence& s : doc.sentences) {
    spans.clear();
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
    for (const Span& sp : spans)
      if (sp.type == EntityType::kPerson && sp.end - sp.begin == 1) person_alone[lw(sp.begin)]++;
  }
  for (const Sentence& s : doc.sentences) {
    spans.clear();
    spans_of(&t[s.begin], s.end - s.begin, s.begin, &spans);
    for (const Span& sp : spans) {
      if (sp.type == EntityType::kPerson || sp.end - sp.begin < 2 || sp.end - sp.begin > 3)
        continue;
      auto it = person_alone.find(lw(sp.end - 1));
      if (it != person_alone.end() && it->second >= 2 && !is_org_head(lw(sp.end - 1)))
        relabel(sp.begin, sp.end, EntityType::kPerson);
    }
  }
}

namespace {

// True when tokens[k ..) (before `end`) start a phrase of web page furniture.
bool is_page_furniture(const std::vector<Token>& tokens, uint32_t k, uint32_t end) {
  // ("Replay More Videos" and "Terms of Service" start with an entry of one word.)
  static constexpr std::array<std::array<std::string_view, 3>, 14> kPhrases = {{
      {"more", "videos", ""},
      {"hide", "caption", ""},
      {"sign", "up", ""},
      {"google", "privacy", "policy"},
      {"privacy", "policy", ""},
      {"cookie", "policy", ""},
      {"click", "here", ""},
      {"newsletter", "", ""},
      {"newsletters", "", ""},
      {"replay", "", ""},
      {"videos", "", ""},
      {"terms", "", ""},
      {"no.", "", ""},
      {"please", "", ""},
  }};
  for (const auto& phrase : kPhrases) {
    uint32_t i = 0;
    while (i < phrase.size() && !phrase[i].empty() && k + i < end &&
           tokens[k + i].lower == phrase[i])
      ++i;
    if (i == phrase.size() || phrase[i].empty()) return true;
  }
  return false;
}

}  // namespace

void collect_facets(std::string_view text, const TokenizedText& doc, const std::vector<Tag>& tags,
                    const Gazetteer& gazetteer, ByteRange skip, uint32_t title_end, Facets* out) {
  out->clear();
  std::vector<Span> spans;
  std::vector<char> headline_token(doc.tokens.size(), 0);
  std::vector<char> sentence_start(doc.tokens.size(), 0);
  for (const Sentence& s : doc.sentences) {
    sentence_start[s.begin] = 1;
    spans_of(&tags[s.begin], s.end - s.begin, s.begin, &spans);
    if (s.headline) std::fill(headline_token.begin() + s.begin, headline_token.begin() + s.end, 1);
  }
  // Words the document writes in lower case (outside headlines).
  FlatMap<char> lower_seen;
  for (uint32_t k = 0; k < doc.tokens.size(); ++k)
    if (!headline_token[k] && starts_lower(doc.tokens[k].text) &&
        doc.tokens[k].text == doc.tokens[k].lower)
      lower_seen.get_or_insert(doc.tokens[k].lower_hash, 1);
  std::vector<uint64_t> hashes;
  auto gaz_classes = [&](uint32_t b, uint32_t e) {
    return gaz_classes_of(gazetteer, doc.tokens, b, e, &hashes);
  };
  auto adjacent = [&](uint32_t a_end, uint32_t b_begin) { return a_end == b_begin; };

  // Merge "Russian" (MISC) + "Foreign Ministry" (ORG) and "UN" + "Security Council".
  std::vector<Span> merged;
  for (size_t i = 0; i < spans.size(); ++i) {
    Span sp = spans[i];
    if (i + 1 < spans.size() && adjacent(sp.end, spans[i + 1].begin) &&
        spans[i + 1].type == EntityType::kGroup && sp.end - sp.begin == 1 &&
        (sp.type == EntityType::kMisc ||
         (sp.type == EntityType::kGroup && is_all_caps(doc.tokens[sp.begin].text)) ||
         (sp.type == EntityType::kPlace && is_all_caps(doc.tokens[sp.begin].text)))) {
      sp.end = spans[i + 1].end;
      sp.type = EntityType::kGroup;
      ++i;
    }
    merged.push_back(sp);
  }

  std::vector<Cand> cands;
  for (Span sp : merged) {
    if (sp.type == EntityType::kMisc) continue;
    if (doc.tokens[sp.begin].begin >= skip.begin && doc.tokens[sp.end - 1].end <= skip.end &&
        skip.end > skip.begin)
      continue;
    // Web page furniture scraped with the article ("Replay More Videos",
    // "Hide Caption", "Terms of Service"): the name ends before it.
    for (uint32_t k = sp.begin; k < sp.end; ++k) {
      if (is_page_furniture(doc.tokens, k, sp.end)) {
        sp.end = k;
        break;
      }
    }
    if (sp.end == sp.begin) continue;
    // Possessive, stray punctuation and a dangling "and" ("Congress and")
    // at the end.
    while (sp.end > sp.begin) {
      std::string_view w = doc.tokens[sp.end - 1].text;
      if (w == "'s" || w == "'" || w == "'S" || !has_letter(w) || w == "and")
        --sp.end;
      else
        break;
    }
    if (sp.end == sp.begin) continue;
    // A name cut short ("U.S. Department of", "Office of the") is no value.
    if (in_list(doc.tokens[sp.end - 1].text, {"of", "the", "for", "in", "on", "at", "to"}))
      continue;
    // A photo credit runs into the photographer's name ("Getty Images Alex
    // Wong"): a group ends at "Images", a person starts after it.
    for (uint32_t k = sp.begin + 1; k + 1 < sp.end; ++k)
      if (doc.tokens[k].text == "Images") {
        if (sp.type == EntityType::kPerson)
          sp.begin = k + 1;
        else
          sp.end = k + 1;
        break;
      }
    if (sp.type == EntityType::kPerson) {
      // Titles and offices before the name; nationality words.
      int last_title = -1;
      // ("counsel" only here: "Special Counsel Robert Mueller", but the
      // "Office of Legal Counsel" keeps its name.)
      for (uint32_t k = sp.begin; k + 1 < sp.end; ++k)
        if (is_title_word(doc.tokens[k].lower) || doc.tokens[k].lower == "counsel")
          last_title = static_cast<int>(k);
      uint32_t b = sp.begin;
      if (last_title >= 0) {
        b = static_cast<uint32_t>(last_title) + 1;
        while (b + 1 < sp.end && is_title_modifier(doc.tokens[b].lower)) ++b;
      }
      while (b + 1 < sp.end) {
        uint16_t g = gaz_classes(b, b + 1);
        const std::string& w = doc.tokens[b].text;
        bool nationality = (g & (1u << kGazMisc)) != 0 && !(g & (1u << kGazFirst));
        if (nationality || (is_all_caps(w) && w.size() <= 4))
          ++b;
        else
          break;
      }
      sp.begin = b;
      // Words glued together by a scraped page ("Donald John TrumpGOP", link
      // texts run into each other): a capital after four lower-case letters
      // is in no name ("McConnell", "DeSantis", "MacArthur" have one to two)
      // but for a few particles ("VanderSloot", "DellaVolpe").
      bool glued = false;
      for (uint32_t k = sp.begin; k < sp.end && !glued; ++k) {
        const std::string& w = doc.tokens[k].text;
        int lower_run = 0;
        for (size_t i = 0; i < w.size(); ++i) {
          const char ch = w[i];
          if (ch >= 'a' && ch <= 'z') {
            ++lower_run;
            continue;
          }
          if (ch >= 'A' && ch <= 'Z' && lower_run >= 4) {
            static const WordSet kParticles{"vander", "vanden", "vande", "della", "delle",
                                            "dalla",  "ter",    "van",   "von"};
            glued |= !kParticles.contains(lower(std::string_view(w).substr(0, i)));
          }
          lower_run = 0;
        }
      }
      if (glued) continue;
    }
    Cand c;
    // Laws are no group ("Affordable Care Act", "First Amendment"), nor are
    // their short forms ("ACA"), which resolve to them below.
    c.law = sp.type == EntityType::kGroup && sp.end - sp.begin >= 2 &&
            in_list(doc.tokens[sp.end - 1].text, {"Act", "Amendment", "Acts", "Amendments"});
    c.headline = headline_token[sp.begin] != 0 || doc.tokens[sp.begin].begin < title_end;
    c.first_tok = sp.begin;
    c.end_tok = sp.end;
    c.type = sp.type;
    c.all_caps = true;
    bool letters = false;
    for (uint32_t k = sp.begin; k < sp.end; ++k) {
      const Token& tok = doc.tokens[k];
      const std::string& low = tok.lower;
      c.low.push_back(low);
      if (!c.key.empty()) c.key += ' ';
      c.key += low;
      if (k > sp.begin && doc.tokens[k - 1].end != tok.begin) c.display += ' ';
      c.display += tok.text;
      if (has_letter(tok.text)) {
        letters = true;
        if (!is_all_caps(tok.text)) c.all_caps = false;
      }
    }
    if (!letters || c.display.size() < 2) continue;
    if (c.low.size() == 1 && (is_stop_name(c.low[0]) || is_title_word(c.low[0]))) continue;
    if (!starts_upper(c.display) &&
        !(c.display.size() > 1 && starts_upper(c.display.substr(c.display.find('-') + 1))))
      continue;
    if (c.low.size() == 1 && is_calendar_word(c.low[0])) continue;
    if (c.low.size() == 1 && !c.all_caps) {
      // One capitalised common word is no name where it opens a sentence
      // ("Follow MarketWatch") or where the article also writes it in lower
      // case ("Black", "Health", "Officials"; a lone "Congress" or "Navy"
      // stays), unless the gazetteer knows it as one ("Turkey", "Jordan").
      const uint64_t h = doc.tokens[sp.begin].lower_hash;
      const bool lowered =
          lower_seen.find(h) != nullptr &&
          !in_list(c.low[0], {"congress", "senate", "parliament", "army", "navy", "treasury"});
      if ((sentence_start[sp.begin] || lowered) && gazetteer.is_common(h) &&
          (gaz_classes(sp.begin, sp.begin + 1) &
           ((1u << kGazLoc) | (1u << kGazOrg) | (1u << kGazPer))) == 0)
        continue;
    }
    if (c.low.size() == 1) {
      const std::string& w = c.low[0];
      // "R-Fla." "D-MA": party and state after a politician's name.
      if (w.size() >= 3 && (w[0] == 'r' || w[0] == 'd' || w[0] == 'i') && w[1] == '-') continue;
      // "I'd", "we're": contractions.
      if (w.find('\'') != std::string::npos && c.display.find("'s") == std::string::npos &&
          w.size() <= 6 && !starts_upper(w.substr(w.find('\'') + 1)))
        continue;
      // A head word alone ("Institute", "Department") names nothing.
      if (is_org_head(w) &&
          !in_list(w, {"congress", "senate", "parliament", "police", "army", "navy", "treasury"}))
        continue;
      // Nationality words and their plurals ("Syrians", "Latinos") are no entity.
      if (in_list(w, {"latino", "latina", "latinos", "latinas", "latinx", "hispanic", "hispanics",
                      "evangelicals", "evangelical"}))
        continue;
      uint16_t g = gaz_classes(sp.begin, sp.begin + 1);
      if (g == 0 && w.size() > 3 && w.back() == 's') {
        const uint64_t singular = hash_bytes(std::string_view(w).substr(0, w.size() - 1));
        g = gazetteer.lookup(&singular, 1);
        if ((g & (1u << kGazMisc)) == 0) g = 0;
      }
      if ((g & (1u << kGazMisc)) != 0 && (g & (1u << kGazLoc)) == 0) continue;
    }
    if (const Alias* a = find_alias(c.key)) {
      c.alias_value = a->to;
      c.type = a->type;
    } else if (std::string_view st = state_of_abbreviation(c.key, c.type); !st.empty()) {
      c.alias_value = st;
      c.type = EntityType::kPlace;
    }
    cands.push_back(std::move(c));
  }
  (void)text;

  // Resolve each mention to its fullest form in the document.
  const int n = static_cast<int>(cands.size());
  // A bare surname used (outside headlines) before any full name with it is
  // a person of its own: "Mr. Trump" ... "Ivanka Trump" ... "Mr. Trump".
  std::unordered_map<std::string, uint32_t> first_bare, first_full;
  for (const Cand& c : cands) {
    if (c.type != EntityType::kPerson || c.headline) continue;
    // "the Trump administration": a modifier, not yet a mention of its own.
    if (c.end_tok < doc.tokens.size() &&
        in_list(doc.tokens[c.end_tok].lower, {"administration", "campaign", "family", "era"}))
      continue;
    const std::string last = strip_particle(c.low.back());
    auto& m = c.low.size() == 1 ? first_bare : first_full;
    m.emplace(c.low.size() == 1 ? last : last + "\n" + c.key, c.first_tok);
  }
  for (int i = 0; i < n; ++i) {
    Cand& c = cands[i];
    if (!c.alias_value.empty()) continue;
    int best = -1;
    int best_dist = 1 << 30;
    for (int j = 0; j < n; ++j) {
      const Cand& f = cands[j];
      if (j == i || f.type != c.type || f.low.size() <= c.low.size() || !f.alias_value.empty())
        continue;
      bool match = false;
      if (c.type == EntityType::kPerson) {
        // Surname(s): c's words are the last words of f (particles ignored).
        match = true;
        for (size_t k = 0; k < c.low.size(); ++k) {
          if (strip_particle(c.low[c.low.size() - 1 - k]) !=
              strip_particle(f.low[f.low.size() - 1 - k])) {
            match = false;
            break;
          }
        }
        if (!match && c.low.size() == 1 && c.low[0] == strip_particle(f.low.back())) match = true;
        if (match && c.low.size() == 1) {
          auto bare = first_bare.find(strip_particle(c.low[0]));
          auto full = first_full.find(strip_particle(f.low.back()) + "\n" + f.key);
          uint32_t full_at = full == first_full.end() ? f.first_tok : full->second;
          if (bare != first_bare.end() && bare->second < full_at) match = false;
        }
      } else if (c.type == EntityType::kGroup) {
        // Prefix or suffix of a longer name, or its initials.
        bool prefix = true, suffix = true;
        for (size_t k = 0; k < c.low.size(); ++k) {
          if (c.low[k] != f.low[k]) prefix = false;
          if (c.low[c.low.size() - 1 - k] != f.low[f.low.size() - 1 - k]) suffix = false;
        }
        match = (prefix || suffix) && c.low.size() >= 2;
        if (!match && c.low.size() == 1 && c.all_caps) {
          std::string initials;
          for (const std::string& w : f.low)
            if (!in_list(w, {"of", "for", "the", "and", "&", "de", "on"})) initials += w[0];
          match = initials == c.low[0];
        }
      } else {
        // Places: only exact spelling variants; "New York" stays "New York".
        match = false;
      }
      if (!match) continue;
      int dist = static_cast<int>(c.first_tok) - static_cast<int>(f.first_tok);
      int rank = dist > 0 ? dist : (1 << 20) - dist;  // preceding first, then following
      if (rank < best_dist) {
        best_dist = rank;
        best = j;
      }
    }
    if (best < 0 && c.type == EntityType::kPerson && c.low.size() == 1 && !c.all_caps) {
      // A first name alone ("Shanto" after "Shanto Iyengar").
      for (int j = 0; j < n; ++j) {
        const Cand& f = cands[j];
        if (f.type != EntityType::kPerson || f.low.size() < 2 || f.low[0] != c.low[0]) continue;
        int dist = static_cast<int>(c.first_tok) - static_cast<int>(f.first_tok);
        int rank = dist > 0 ? dist : (1 << 20) - dist;
        if (rank < best_dist) {
          best_dist = rank;
          best = j;
        }
      }
    }
    c.canon = best;
  }
  // Follow chains to the fullest name.
  for (int i = 0; i < n; ++i) {
    int k = i, hops = 0;
    while (cands[k].canon >= 0 && hops++ < 8) k = cands[k].canon;
    cands[i].canon = k;
  }
  // Display forms: an all-caps mention takes a mixed-case spelling of the same
  // words from the document, else title case (places, persons, long names).
  std::unordered_map<std::string, std::string> mixed;
  for (const Cand& c : cands)
    if (!c.all_caps) mixed.emplace(c.key, c.display);
  auto display_of = [&](const Cand& c) -> std::string {
    if (!c.alias_value.empty()) return c.alias_value;
    if (!c.all_caps) return c.display;
    auto it = mixed.find(c.key);
    if (it != mixed.end()) return it->second;
    if (c.type == EntityType::kGroup && c.display.size() <= 6) return c.display;
    std::string titled;
    size_t p = 0;
    while (p <= c.display.size()) {
      size_t sp = c.display.find(' ', p);
      if (sp == std::string::npos) sp = c.display.size();
      std::string_view w = std::string_view(c.display).substr(p, sp - p);
      if (!titled.empty()) titled += ' ';
      titled += (w.size() <= 3 && in_list(lower(w), {"of", "for", "the", "and", "de", "al"}))
                    ? lower(w)
                    : title_case(w);
      p = sp + 1;
    }
    return titled;
  };
  std::unordered_set<std::string> seen[3];
  for (const Cand& c : cands) {
    const Cand& canon = cands[c.canon];
    if (canon.law) continue;
    std::string value = display_of(canon);
    Mention m;
    m.begin = doc.tokens[c.first_tok].begin;
    m.end = doc.tokens[c.end_tok - 1].end;
    m.type = c.type;
    m.value = value;
    out->mentions.push_back(m);
    int ti = static_cast<int>(c.type);
    if (!seen[ti].insert(lower(value)).second) continue;
    std::vector<std::string>* list = c.type == EntityType::kPerson  ? &out->persons
                                     : c.type == EntityType::kPlace ? &out->places
                                                                    : &out->groups;
    list->push_back(std::move(value));
  }
}

}  // namespace gazette::ner
