#include "common/ner/rules.h"

#include <initializer_list>

namespace gazette::ner {
namespace {

bool in_list(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list)
    if (x == w) return true;
  return false;
}

bool is_title(std::string_view lw) {
  return in_list(
      lw,
      {"mr",       "mr.",        "mrs",     "mrs.",      "ms",          "ms.",      "dr",
       "dr.",      "prof",       "prof.",   "sir",       "lord",        "lady",     "president",
       "minister", "secretary",  "senator", "sen",       "sen.",        "rep",      "rep.",
       "governor", "gov.",       "mayor",   "king",      "queen",       "prince",   "princess",
       "sheikh",   "emir",       "general", "gen.",      "col.",        "colonel",  "lt.",
       "captain",  "admiral",    "pope",    "cardinal",  "judge",       "justice",  "chancellor",
       "premier",  "ambassador", "envoy",   "spokesman", "spokeswoman", "chairman", "chief",
       "director", "coach",      "manager", "leader",    "commander",   "speaker",  "ayatollah",
       "deputy",   "counterpart"});
}

bool is_org_suffix(std::string_view lw) {
  return in_list(lw, {"ministry",
                      "party",
                      "front",
                      "council",
                      "inc",
                      "inc.",
                      "corp",
                      "corp.",
                      "co",
                      "co.",
                      "ltd",
                      "ltd.",
                      "plc",
                      "ag",
                      "sa",
                      "gmbh",
                      "bank",
                      "group",
                      "union",
                      "association",
                      "committee",
                      "agency",
                      "university",
                      "institute",
                      "organisation",
                      "organization",
                      "commission",
                      "federation",
                      "club",
                      "airlines",
                      "airways",
                      "army",
                      "navy",
                      "police",
                      "court",
                      "parliament",
                      "assembly",
                      "congress",
                      "senate",
                      "department",
                      "office",
                      "authority",
                      "board",
                      "exchange",
                      "fund",
                      "foundation",
                      "society",
                      "corporation",
                      "holdings",
                      "motors",
                      "industries",
                      "systems",
                      "communications",
                      "times",
                      "post",
                      "news",
                      "observatory",
                      "company",
                      "brigade",
                      "brigades",
                      "movement",
                      "league",
                      "tribunal",
                      "service",
                      "services",
                      "network",
                      "trust",
                      "alliance",
                      "cabinet",
                      "government",
                      "bureau",
                      "centre",
                      "center",
                      "college",
                      "school",
                      "hospital",
                      "church",
                      "reserve",
                      "journal",
                      "herald",
                      "tribune",
                      "guard",
                      "forces",
                      "embassy",
                      "consulate",
                      "caucus",
                      "administration",
                      "coalition"});
}

bool is_stop_capital(std::string_view lw) {
  return in_list(
      lw, {"the",       "a",         "an",       "in",       "on",        "at",     "of",
           "for",       "to",        "and",      "but",      "or",        "if",     "as",
           "by",        "with",      "from",     "this",     "that",      "these",  "those",
           "it",        "its",       "he",       "she",      "they",      "we",     "i",
           "you",       "his",       "her",      "their",    "our",       "there",  "here",
           "when",      "where",     "while",    "after",    "before",    "during", "since",
           "until",     "because",   "although", "however",  "meanwhile", "also",   "then",
           "so",        "not",       "no",       "yes",      "all",       "some",   "monday",
           "tuesday",   "wednesday", "thursday", "friday",   "saturday",  "sunday", "january",
           "february",  "march",     "april",    "may",      "june",      "july",   "august",
           "september", "october",   "november", "december", "jan",       "feb",    "mar",
           "apr",       "jun",       "jul",      "aug",      "sep",       "sept",   "oct",
           "nov",       "dec",       "jan.",     "feb.",     "aug.",      "sept.",  "oct.",
           "nov.",      "dec.",      "god",      "mr.",      "mrs.",      "ms.",    "dr."});
}

bool is_connector(std::string_view lw) {
  return in_list(lw, {"of", "for", "&",   "de", "del", "della", "van", "von", "der", "den", "du",
                      "al", "bin", "ibn", "da", "di",  "y",     "la",  "le",  "el",  "on"});
}

bool is_loc_preposition(std::string_view lw) {
  return in_list(lw, {"in", "at", "from", "near", "to", "into", "across", "outside", "inside",
                      "towards", "toward", "via", "around", "throughout"});
}

bool is_capitalised(std::string_view w) {
  if (starts_upper(w) && has_letter(w)) return true;
  size_t h = w.find('-');
  return h != std::string_view::npos && h + 1 < w.size() && h <= 3 && starts_upper(w.substr(h + 1));
}

}  // namespace

uint16_t RuleTagger::classes(const TokenizedText& doc, uint32_t b, uint32_t e) {
  if (e - b > kMaxGazTokens) return 0;
  hashes_.clear();
  for (uint32_t k = b; k < e; ++k) hashes_.push_back(doc.tokens[k].lower_hash);
  return gazetteer_->lookup(hashes_.data(), hashes_.size());
}

void RuleTagger::tag(const TokenizedText& doc, std::vector<Tag>* tags) {
  tags->assign(doc.tokens.size(), kOutside);
  memory_.clear();
  for (const Sentence& s : doc.sentences) tag_sentence(doc, s, tags->data() + s.begin);
  tags->assign(doc.tokens.size(), kOutside);
  for (const Sentence& s : doc.sentences) tag_sentence(doc, s, tags->data() + s.begin);
}

void RuleTagger::tag_sentence(const TokenizedText& doc, const Sentence& s, Tag* out) {
  const uint32_t n = s.end - s.begin;
  bool caps_line = true;
  int alpha = 0;
  uint32_t first_alpha = n;
  for (uint32_t i = 0; i < n; ++i) {
    const std::string& w = doc.tokens[s.begin + i].text;
    if (!has_letter(w)) continue;
    ++alpha;
    if (first_alpha == n) first_alpha = i;
    if (!is_all_caps(w)) caps_line = false;
  }
  caps_line = caps_line && alpha > 1;
  std::vector<char> cand(n, 0);
  const uint16_t strong =
      (1u << kGazLoc) | (1u << kGazOrg) | (1u << kGazPer) | (1u << kGazMisc) | (1u << kGazFirst);
  for (uint32_t i = 0; i < n; ++i) {
    const std::string& w = doc.tokens[s.begin + i].text;
    if (!is_capitalised(w)) continue;
    const Token& tok = doc.tokens[s.begin + i];
    bool common = gazetteer_->is_common(tok.lower_hash);
    bool known = (classes(doc, s.begin + i, s.begin + i + 1) & strong) != 0;
    bool remembered = memory_.count(tok.lower) != 0;
    if (caps_line) {
      cand[i] = remembered || (known && !common);
    } else if (is_stop_capital(tok.lower)) {
      cand[i] = 0;
    } else if (i == first_alpha ||
               (i > 0 && in_list(doc.tokens[s.begin + i - 1].text, {"\"", "(", ":", "-", "'"}))) {
      bool next_cap = i + 1 < n && is_capitalised(doc.tokens[s.begin + i + 1].text);
      cand[i] = !common || known || remembered || next_cap;
    } else {
      cand[i] = 1;
    }
  }
  uint32_t i = 0;
  while (i < n) {
    if (!cand[i]) {
      ++i;
      continue;
    }
    uint32_t j = i + 1;
    while (j < n) {
      if (cand[j]) {
        ++j;
        continue;
      }
      uint32_t k = j;
      while (k < n && k - j < 2) {
        if (!is_connector(doc.tokens[s.begin + k].lower)) break;
        ++k;
      }
      if (k > j && k < n && cand[k] && !caps_line) {
        j = k + 1;
        continue;
      }
      break;
    }
    // Titles split the run: what follows is a person.
    uint32_t b = i;
    bool cue = false;
    for (uint32_t k = i; k < j; ++k) {
      if (is_title(doc.tokens[s.begin + k].lower) && k + 1 < j) {
        if (k > b) {
          EntityType t = type_run(doc, s, s.begin + b, s.begin + k, false, caps_line);
          out[b] = begin_tag(t);
          for (uint32_t m = b + 1; m < k; ++m) out[m] = inside_tag(t);
        }
        b = k + 1;
        // "Secretary of State John Kerry": skip the rest of the title.
        while (b + 1 < j) {
          const std::string& low = doc.tokens[s.begin + b].lower;
          if (!is_title(low) && !in_list(low, {"of", "state", "foreign", "defense", "defence",
                                               "finance", "interior", "prime", "vice", "the"}))
            break;
          ++b;
        }
        k = b - 1;
        cue = true;
      }
    }
    if (i > 0 && is_title(doc.tokens[s.begin + i - 1].lower)) cue = true;
    while (j > b) {  // trailing connectors
      if (!is_connector(doc.tokens[s.begin + j - 1].lower)) break;
      --j;
    }
    if (j > b) {
      EntityType t = type_run(doc, s, s.begin + b, s.begin + j, cue, caps_line);
      out[b] = begin_tag(t);
      for (uint32_t m = b + 1; m < j; ++m) out[m] = inside_tag(t);
    }
    i = j + 1;
  }
}

EntityType RuleTagger::type_run(const TokenizedText& doc, const Sentence& s, uint32_t b, uint32_t e,
                                bool person_cue, bool caps_line) {
  std::string key;
  for (uint32_t k = b; k < e; ++k) {
    if (!key.empty()) key += ' ';
    key += doc.tokens[k].lower;
  }
  const std::string& last = doc.tokens[e - 1].lower;
  const std::string prev = b > s.begin ? doc.tokens[b - 1].lower : std::string();
  const uint32_t len = e - b;
  const uint16_t g = classes(doc, b, e);
  const uint16_t first = classes(doc, b, b + 1);
  const std::string& w0 = doc.tokens[b].text;
  EntityType t;
  auto has = [](uint16_t set, int c) { return (set & (1u << c)) != 0; };
  auto it = memory_.find(key);
  if (it != memory_.end())
    t = it->second;
  else if (has(g, kGazOrg) && !has(g, kGazLoc))
    t = EntityType::kGroup;
  else if (is_org_suffix(last) && len > 1)
    t = EntityType::kGroup;
  else if (person_cue)
    t = EntityType::kPerson;
  else if (len == 1 && is_all_caps(w0) && w0.size() >= 2 && w0.size() <= 5 && !caps_line &&
           !has(g, kGazLoc))
    t = EntityType::kGroup;
  else if (has(g, kGazMisc) && len == 1)
    t = EntityType::kMisc;
  else if (has(g, kGazLoc) && !(len == 2 && has(first, kGazFirst)))
    t = EntityType::kPlace;
  else if (has(g, kGazPer) && len > 1)
    t = EntityType::kPerson;
  else if (has(g, kGazOrg))
    t = EntityType::kGroup;
  else if (len >= 2 && len <= 3 && has(first, kGazFirst))
    t = EntityType::kPerson;
  else if (len >= 2 && has(first, kGazMisc))
    t = len >= 3 ? EntityType::kGroup : EntityType::kMisc;
  else if (len >= 2 && len <= 3)
    t = EntityType::kPerson;
  else if (is_loc_preposition(prev))
    t = EntityType::kPlace;
  else if (len == 1 && (has(g, kGazLast) || has(g, kGazFirst)))
    t = EntityType::kPerson;
  else
    t = EntityType::kGroup;
  memory_[key] = t;
  if (t == EntityType::kPerson && len > 1) {
    for (uint32_t k = b; k < e; ++k) {
      const std::string& w = doc.tokens[k].lower;
      if (w.size() > 2 && !is_connector(w) && !is_title(w)) memory_[w] = EntityType::kPerson;
    }
  }
  if (t == EntityType::kGroup && len > 1) {
    std::string acro;
    for (uint32_t k = b; k < e; ++k) {
      const std::string& w = doc.tokens[k].lower;
      if (!is_connector(w)) acro += w[0];
    }
    if (acro.size() >= 2) memory_.emplace(acro, EntityType::kGroup);
  }
  return t;
}

}  // namespace gazette::ner
