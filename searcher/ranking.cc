#include "searcher/ranking.h"

#include <cmath>
#include <cstdlib>
#include <vector>

#include "common/date.h"
#include "common/schema.h"

namespace gazette {
namespace {

// Boosts look at the first words only: proximity matters for short queries,
// and pairs grow quadratically.
constexpr size_t kMaxBoostWords = 8;

std::string join(const std::vector<std::string>& words, const char* prefix, const char* sep) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += sep;
    out += prefix;
    out += w;
  }
  return out;
}

}  // namespace

bool parse_match_mode(std::string_view name, MatchMode* out) {
  if (name == "ranked") *out = MatchMode::kRanked;
  else if (name == "all") *out = MatchMode::kAll;
  else if (name == "any") *out = MatchMode::kAny;
  else return false;
  return true;
}

std::string_view match_mode_name(MatchMode m) {
  switch (m) {
    case MatchMode::kRanked: return "ranked";
    case MatchMode::kAll: return "all";
    case MatchMode::kAny: return "any";
  }
  return "?";
}

bool parse_half_life(std::string_view text, double* days) {
  if (text.empty()) return false;
  double unit = 1;
  switch (text.back()) {
    case 'h': unit = 1.0 / 24; break;
    case 'd': unit = 1; break;
    case 'w': unit = 7; break;
    case 'm': unit = 30.4375; break;
    case 'y': unit = 365.25; break;
    default: unit = 0;
  }
  std::string number(unit == 0 ? text : text.substr(0, text.size() - 1));
  if (unit == 0) unit = 1;
  char* end = nullptr;
  double value = std::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size() || !(value > 0)) return false;
  *days = value * unit;
  return true;
}

RankPlan plan_ranking(QueryBuilder* builder, std::string_view text, const RankingOptions& options,
                      std::string_view newest_day) {
  RankPlan plan;
  plan.strict = builder->parse(text, Xapian::Query::OP_AND);
  std::vector<std::string> words = builder->plain_words(text);
  Xapian::Query base = plan.strict;
  if (options.match == MatchMode::kAny) {
    plan.strict = base = builder->parse(text, Xapian::Query::OP_OR);
    plan.partial = true;
  } else if (options.match == MatchMode::kRanked && words.size() >= 2) {
    // Any word may match; matching all of them adds the bonus.
    const double bonus = options.all_words_bonus < 0 ? kAllWordsBonus : options.all_words_bonus;
    base = builder->parse(text, Xapian::Query::OP_OR);
    if (bonus > 0) {
      Xapian::Query all_words(
          Xapian::Query::OP_FILTER,
          Xapian::Query((new Xapian::FixedWeightPostingSource(bonus))->release()), plan.strict);
      base = Xapian::Query(Xapian::Query::OP_AND_MAYBE, base, all_words);
    }
    plan.tiered = bonus >= kAllWordsBonus;
    plan.partial = true;
  }
  if (words.size() > kMaxBoostWords) words.resize(kMaxBoostWords);
  std::vector<Xapian::Query> boosts;
  if (options.title_weight > 0 && !words.empty()) {
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                        builder->parse(join(words, "title:", " "), Xapian::Query::OP_OR),
                        options.title_weight);
  }
  if (options.phrase_weight > 0 && words.size() >= 2) {
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                        builder->parse("\"" + join(words, "", " ") + "\""),
                        options.phrase_weight);
  }
  if (options.near_weight > 0 && words.size() >= 2) {
    // Words are indexed lowercased and unstemmed with their positions.
    plan.near_terms = words;
    plan.near_window = options.near_window;
    plan.near_weight = options.near_weight;
  }
  DateTime newest;
  if (options.recency_half_life_days > 0 && parse_day_key(newest_day, &newest)) {
    // A weight per day, from the newest day back to where it has decayed to
    // nothing; older days weigh 0. A built-in posting source, so remote shards
    // can run it too.
    auto* source = new Xapian::ValueMapPostingSource(slot::kDay);
    const long last = days_since_epoch(newest);
    const long span = static_cast<long>(options.recency_half_life_days * 20) + 1;
    for (long d = last; d > last - span; --d) {
      const double age = static_cast<double>(last - d);
      source->add_mapping(day_key(date_from_days(d)),
                          options.recency_weight *
                              std::exp2(-age / options.recency_half_life_days));
    }
    source->set_default_weight(0);
    boosts.emplace_back(source->release());
  }
  if (!boosts.empty()) {
    boosts.insert(boosts.begin(), base);
    base = Xapian::Query(Xapian::Query::OP_AND_MAYBE, boosts.begin(), boosts.end());
  }
  plan.rank = base;
  return plan;
}

double proximity_bonus(const Xapian::Database& db, Xapian::docid did, const RankPlan& plan) {
  std::vector<std::vector<Xapian::termpos>> positions;
  for (const std::string& term : plan.near_terms) {
    positions.emplace_back();
    for (Xapian::PositionIterator p = db.positionlist_begin(did, term);
         p != db.positionlist_end(did, term); ++p)
      positions.back().push_back(*p);
  }
  double bonus = 0;
  for (size_t i = 0; i < positions.size(); ++i) {
    for (size_t j = i + 1; j < positions.size(); ++j) {
      // Walk both sorted lists: is any pair within the window?
      const auto& a = positions[i];
      const auto& b = positions[j];
      size_t x = 0, y = 0;
      bool close = false;
      while (x < a.size() && y < b.size() && !close) {
        const Xapian::termpos d = a[x] > b[y] ? a[x] - b[y] : b[y] - a[x];
        close = d <= plan.near_window;
        (a[x] < b[y] ? x : y) += 1;
      }
      if (close) bonus += plan.near_weight;
    }
  }
  return bonus;
}

std::unique_ptr<Xapian::Weight> make_weight(const RankingOptions& options) {
  // k2 = 0 and k3 = 1 are Xapian's defaults; min_normlen 0.5 likewise.
  return std::make_unique<Xapian::BM25Weight>(options.k1, 0.0, 1.0, options.b, kBm25MinNormlen);
}

}  // namespace gazette
