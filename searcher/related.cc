#include "searcher/related.h"

#include <algorithm>
#include <cmath>

#include "common/normalise.h"
#include "common/schema.h"

namespace gazette {
namespace {

double x_log_x_over(double k, double expected) { return k > 0 ? k * std::log(k / expected) : 0; }

}  // namespace

double log_likelihood(long count, long subset, long index_count, long docs) {
  const double k11 = static_cast<double>(count);
  const double k12 = static_cast<double>(subset - count);
  const double k21 = static_cast<double>(index_count - count);
  const double k22 = static_cast<double>((docs - subset) - (index_count - count));
  const double n = k11 + k12 + k21 + k22;
  if (n <= 0 || subset <= 0 || subset >= docs) return 0;
  const double r1 = k11 + k12, r2 = k21 + k22, c1 = k11 + k21, c2 = k12 + k22;
  const double g2 = 2 * (x_log_x_over(k11, r1 * c1 / n) + x_log_x_over(k12, r1 * c2 / n) +
                         x_log_x_over(k21, r2 * c1 / n) + x_log_x_over(k22, r2 * c2 / n));
  const bool more_in_subset = k11 / r1 > (r2 > 0 ? k21 / r2 : 0);
  return more_in_subset ? g2 : -g2;
}

void rank_related(const Xapian::Database& db, const std::vector<FacetResult>& counted,
                  const std::string& skip_key, size_t top_n, RelatedResult* result) {
  const long docs = static_cast<long>(db.get_doccount());
  for (const FacetResult& f : counted) {
    const FacetSpec* spec = find_facet(f.name);
    if (spec == nullptr) continue;
    for (const FacetValue& v : f.values) {
      if (f.name == result->field && fold_key(v.value) == skip_key) continue;
      // Whole-index frequency: the facet term is one per article and key.
      const long index_count =
          std::max(v.count, static_cast<long>(db.get_termfreq(facet_term(*spec, v.value))));
      const double score = log_likelihood(v.count, result->total, index_count, docs);
      if (score <= 0) continue;
      result->values.push_back({f.name, v.value, v.count, index_count, score});
    }
  }
  auto order = [](const RelatedValue& a, const RelatedValue& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.count != b.count) return a.count > b.count;
    return a.value < b.value;
  };
  std::sort(result->values.begin(), result->values.end(), order);
  if (top_n != 0 && result->values.size() > top_n) result->values.resize(top_n);
}

}  // namespace gazette
