#include "searcher/facets.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "common/date.h"
#include "common/normalise.h"
#include "common/value_codec.h"

namespace gazette {

bool is_facet_name(std::string_view name) {
  if (name == "date") return true;
  const FacetSpec* spec = find_facet(name);
  return spec != nullptr && spec->name == name;
}

DateGranularity auto_granularity(long days) {
  if (days <= kAutoDayMaxDays) return DateGranularity::kDay;
  if (days <= kAutoMonthMaxDays) return DateGranularity::kMonth;
  return DateGranularity::kYear;
}

bool matches_prefix(std::string_view display, std::string_view folded_prefix) {
  if (folded_prefix.empty()) return true;
  const std::string key = fold_key(display);
  auto word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80;
  };
  for (size_t i = 0; i + folded_prefix.size() <= key.size(); ++i) {
    if ((i == 0 || !word_char(key[i - 1])) && (i == 0 || word_char(key[i])) &&
        key.compare(i, folded_prefix.size(), folded_prefix) == 0) {
      return true;
    }
  }
  return false;
}

bool parse_granularity(std::string_view name, DateGranularity* out) {
  if (name == "auto") *out = DateGranularity::kAuto;
  else if (name == "year") *out = DateGranularity::kYear;
  else if (name == "month") *out = DateGranularity::kMonth;
  else if (name == "day") *out = DateGranularity::kDay;
  else return false;
  return true;
}

std::string_view granularity_name(DateGranularity g) {
  switch (g) {
    case DateGranularity::kYear: return "year";
    case DateGranularity::kMonth: return "month";
    case DateGranularity::kDay: return "day";
    case DateGranularity::kAuto: return "auto";
  }
  return "?";
}

FacetAggregator::FacetAggregator(const std::vector<std::string>& names, size_t top_n,
                                 DateGranularity granularity)
    : names_(names), top_n_(top_n), granularity_(granularity), variants_(kFacets.size()) {
  std::fill(std::begin(index_), std::end(index_), -1);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "date") {
      date_index_ = static_cast<int>(i);
    } else if (const FacetSpec* spec = find_facet(names[i])) {
      index_[static_cast<size_t>(spec->facet)] = static_cast<int>(i);
    }
  }
}

void FacetAggregator::add_value(Facet f, std::string_view display, std::string_view key,
                                long count) {
  Variant& v = variants_[static_cast<size_t>(f)][display];
  if (v.key.empty()) {
    if (key.empty()) {
      owned_.push_back(fold_key(display));
      key = owned_.back();
    }
    v.key = key;
  }
  v.count += count;
}

void FacetAggregator::add_day(long day, long count) { days_[day] += count; }

void FacetAggregator::add_spy(const Xapian::ValueCountMatchSpy& spy, Facet f) {
  for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
    const long freq = static_cast<long>(it.get_termfreq());
    owned_.push_back(*it);
    for_each_value(owned_.back(), [&](std::string_view v) { add_value(f, v, {}, freq); });
  }
}

void FacetAggregator::add_date_spy(const Xapian::ValueCountMatchSpy& spy) {
  for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
    DateTime d;
    if (parse_day_key(*it, &d)) add_day(days_since_epoch(d), static_cast<long>(it.get_termfreq()));
  }
}

std::vector<FacetResult> FacetAggregator::results() const {
  std::vector<FacetResult> out(names_.size());
  for (size_t i = 0; i < names_.size(); ++i) out[i].name = names_[i];
  auto order = [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  for (size_t f = 0; f < kFacets.size(); ++f) {
    if (index_[f] < 0) continue;
    // Merge spellings by key; show the most common spelling.
    struct Group {
      long count = 0;
      std::string_view display;
      long display_count = 0;
    };
    std::unordered_map<std::string_view, Group> groups;
    groups.reserve(variants_[f].size());
    for (const auto& [display, v] : variants_[f]) {
      Group& g = groups[v.key];
      g.count += v.count;
      if (v.count > g.display_count || (v.count == g.display_count && display < g.display)) {
        g.display = display;
        g.display_count = v.count;
      }
    }
    FacetResult& r = out[static_cast<size_t>(index_[f])];
    r.distinct = static_cast<long>(groups.size());
    std::vector<FacetValue> values;
    values.reserve(groups.size());
    for (const auto& [key, g] : groups) values.push_back({std::string(g.display), g.count});
    if (top_n_ != 0 && top_n_ < values.size()) {
      std::partial_sort(values.begin(), values.begin() + static_cast<long>(top_n_), values.end(),
                        order);
      values.resize(top_n_);
    } else {
      std::sort(values.begin(), values.end(), order);
    }
    r.values = std::move(values);
  }
  if (date_index_ >= 0) {
    // Bucket by a number that sorts chronologically (YYYYMMDD with the unused
    // parts zeroed), then format only the buckets.
    DateGranularity granularity = granularity_;
    if (granularity == DateGranularity::kAuto) {
      bool any = false;
      long first = 0, last = 0;
      for (const auto& [day, count] : days_) {
        if (count == 0) continue;
        first = any ? std::min(first, day) : day;
        last = any ? std::max(last, day) : day;
        any = true;
      }
      granularity = any ? auto_granularity(last - first + 1) : DateGranularity::kMonth;
    }
    std::map<long, long> buckets;
    for (const auto& [day, count] : days_) {
      if (count == 0) continue;
      const DateTime d = date_from_days(day);
      long key = d.year * 10000L;
      if (granularity != DateGranularity::kYear) key += d.month * 100L;
      if (granularity == DateGranularity::kDay) key += d.day;
      buckets[key] += count;
    }
    FacetResult& r = out[static_cast<size_t>(date_index_)];
    r.granularity = granularity;
    r.distinct = static_cast<long>(buckets.size());
    r.values.reserve(buckets.size());
    for (const auto& [key, count] : buckets) {
      char buf[16];
      const size_t len = granularity == DateGranularity::kYear    ? 4
                         : granularity == DateGranularity::kMonth ? 7
                                                                  : 10;
      const long y = key / 10000, m = key / 100 % 100, dd = key % 100;
      const char digits[] = {static_cast<char>('0' + y / 1000 % 10), static_cast<char>('0' + y / 100 % 10),
                             static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                             static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                             static_cast<char>('0' + dd / 10), static_cast<char>('0' + dd % 10)};
      std::copy(digits, digits + len, buf);
      r.values.push_back({std::string(buf, len), count});
    }
  }
  return out;
}

SpyFacetCounter::SpyFacetCounter(const std::vector<std::string>& names) {
  if (names.empty()) {
    // Counts documents only: no document has a value in this slot.
    constexpr Xapian::valueno kUnusedSlot = 0xfffffff0;
    entries_.push_back(
        {false, Facet::kPerson, std::make_unique<Xapian::ValueCountMatchSpy>(kUnusedSlot)});
    return;
  }
  for (const std::string& name : names) {
    if (name == "date") {
      entries_.push_back(
          {true, Facet::kPerson, std::make_unique<Xapian::ValueCountMatchSpy>(slot::kDay)});
    } else if (const FacetSpec* spec = find_facet(name)) {
      entries_.push_back(
          {false, spec->facet, std::make_unique<Xapian::ValueCountMatchSpy>(spec->slot)});
    }
  }
}

void SpyFacetCounter::attach(Xapian::Enquire* enquire) {
  for (Entry& e : entries_) enquire->add_matchspy(e.spy.get());
}

void SpyFacetCounter::add_to(FacetAggregator* aggregator) const {
  for (const Entry& e : entries_) {
    if (!e.date && !aggregator->wants(e.facet)) continue;  // the counting-only spy
    if (e.date) {
      aggregator->add_date_spy(*e.spy);
    } else {
      aggregator->add_spy(*e.spy, e.facet);
    }
  }
}

}  // namespace gazette
