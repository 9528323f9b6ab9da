#pragma once
// Fast exact counting of a match set without Xapian's matcher.
//
// Counting needs every matching document but no weights, no ranking and no
// Document objects, which is most of what a match costs in Xapian (about 600
// instructions per document for a one-term query). A CountPlan is the boolean
// skeleton of a query — terms combined with AND, OR, AND_NOT and filters, and
// date ranges on slot::kDay — evaluated directly over posting lists (leapfrog
// skip_to for AND, merging for OR), with date ranges checked in the shard's
// facet store. Each match is counted straight into the store's arrays.
//
// Queries with anything else (phrases, NEAR, posting sources, other value
// ranges) have no plan; their counts come from Xapian as before. Both paths give
// the same matches: the searcher's tests compare them on every query.

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/facet_store.h"

namespace gazette {

class CountPlan {
 public:
  // The plan for `query`, or nullptr if it uses something a plan cannot do.
  static std::unique_ptr<CountPlan> compile(const Xapian::Query& query);

  struct Node {
    enum class Kind { kTerm, kAll, kNothing, kAnd, kOr, kAndNot, kDays };
    Kind kind;
    std::string term;            // kTerm
    long first_day = 0;          // kDays: inclusive bounds as days_since_epoch
    long last_day = 0;
    std::vector<Node> children;  // kAnd, kOr; kAndNot: {included, excluded}
  };
  const Node& root() const { return root_; }

 private:
  Node root_;
};

struct CountOutcome {
  long total = 0;          // matches counted
  bool truncated = false;  // the deadline stopped the count: `total` is a lower bound
};

// Sees every match of a count, in docid order (searcher/shards.cc ranks with it).
class MatchVisitor {
 public:
  virtual ~MatchVisitor() = default;
  // A term whose postings the visitor reads (empty: none).
  virtual const std::string& term() const = 0;
  // `term_at`: the plan's own iterator over term()'s postings, standing at
  // `did`, when every match holds the term; else nullptr.
  virtual void visit(Xapian::docid did, const Xapian::PostingIterator* term_at) = 0;
};

struct CountOptions {
  // Value ordinals from here on are not counted: a document's ordinals ascend
  // facet by facet, so counting stops at the first facet not asked for
  // (FacetStore::facet_begin). 0: no values at all.
  uint32_t value_limit = UINT32_MAX;
  bool days = true;  // count the day histogram
};

// Counts document `did` of `store` into `values` and `days` (see count_plan).
// REQUIRES: did <= store.max_docid().
inline void count_document(const FacetStore& store, uint32_t did, uint32_t* values, uint32_t* days,
                           const CountOptions& options = {}) {
  if (options.value_limit != 0) {
    store.for_each_value(did, [&](uint32_t ord) {
      if (ord >= options.value_limit) return false;
      ++values[ord];
      return true;
    });
  }
  if (options.days) ++days[store.day_slot(did)];
}

// Counts the matches of `plan` in `shard` (one glass database) into `values`
// (by store ordinal) and `days` (by store day slot, 0 = undated), which hold
// store.value_count() and store.day_span() + 1 zeroed counters. Stops early
// (truncated) after `deadline` when it is not the epoch.
// REQUIRES: `store` belongs to this revision of `shard`.
// `visitor`, if given, is shown each match after it is counted.
CountOutcome count_plan(const CountPlan& plan, const Xapian::Database& shard,
                        const FacetStore& store, uint32_t* values, uint32_t* days,
                        std::chrono::steady_clock::time_point deadline,
                        MatchVisitor* visitor = nullptr, const CountOptions& options = {});

}  // namespace gazette
