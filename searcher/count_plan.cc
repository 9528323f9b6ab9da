#include "searcher/count_plan.h"

#include <algorithm>
#include <limits>
#include <queue>
#include <sstream>

#include "common/date.h"
#include "common/hash.h"
#include "common/schema.h"

namespace gazette {
namespace {

using Node = CountPlan::Node;
using Kind = Node::Kind;

// "Query(VALUE_RANGE 0 20160101 20161231)", "Query(VALUE_GE 0 20160201)":
// Xapian 1.4 exposes a value range's bounds only through its description.
bool parse_day_range(const Xapian::Query& q, Node* out) {
  std::string desc = q.get_description();
  if (desc.rfind("Query(", 0) != 0 || desc.back() != ')') return false;
  std::istringstream words(desc.substr(6, desc.size() - 7));
  std::string op, lo, hi;
  Xapian::valueno slot;
  if (!(words >> op >> slot) || slot != slot::kDay) return false;
  if (!(words >> lo)) return false;
  if (op == "VALUE_RANGE" && !(words >> hi)) return false;
  std::string rest;
  if (words >> rest) return false;
  DateTime d;
  out->kind = Kind::kDays;
  out->first_day = std::numeric_limits<long>::min();
  out->last_day = std::numeric_limits<long>::max();
  if (op == "VALUE_RANGE" || op == "VALUE_GE") {
    if (!parse_day_key(lo, &d)) return false;
    out->first_day = days_since_epoch(d);
  }
  if (op == "VALUE_RANGE" || op == "VALUE_LE") {
    if (!parse_day_key(op == "VALUE_LE" ? lo : hi, &d)) return false;
    out->last_day = days_since_epoch(d);
  }
  return op == "VALUE_RANGE" || op == "VALUE_GE" || op == "VALUE_LE";
}

bool build(const Xapian::Query& q, Node* out) {
  using Q = Xapian::Query;
  const size_t n = q.get_num_subqueries();
  auto build_children = [&](size_t from, std::vector<Node>* children) {
    for (size_t i = from; i < n; ++i) {
      children->emplace_back();
      if (!build(q.get_subquery(i), &children->back())) return false;
    }
    return true;
  };
  switch (q.get_type()) {
    case Q::LEAF_TERM: {
      Xapian::TermIterator t = q.get_terms_begin();
      if (t == q.get_terms_end()) return false;
      out->kind = Kind::kTerm;
      out->term = *t;
      return true;
    }
    case Q::LEAF_MATCH_ALL:
      out->kind = Kind::kAll;
      return true;
    case Q::LEAF_MATCH_NOTHING:
      out->kind = Kind::kNothing;
      return true;
    case Q::OP_AND:
    case Q::OP_FILTER:
      out->kind = Kind::kAnd;
      return build_children(0, &out->children);
    case Q::OP_OR:
    case Q::OP_SYNONYM:
    case Q::OP_MAX:
      out->kind = Kind::kOr;
      return build_children(0, &out->children);
    case Q::OP_AND_NOT: {
      if (n < 2) return false;
      out->kind = Kind::kAndNot;
      out->children.resize(2);
      out->children[1].kind = Kind::kOr;
      return build(q.get_subquery(0), &out->children[0]) &&
             build_children(1, &out->children[1].children);
    }
    case Q::OP_AND_MAYBE:  // matches what its first subquery matches
    case Q::OP_SCALE_WEIGHT:
      return n >= 1 && build(q.get_subquery(0), out);
    case Q::OP_VALUE_RANGE:
    case Q::OP_VALUE_GE:
    case Q::OP_VALUE_LE:
      return parse_day_range(q, out);
    default:
      return false;  // phrases, NEAR, posting sources, ...
  }
}

// Iterators over docids in ascending order. next() moves to the first document
// (on the first call) or the one after the current; skip_to(d) to the first
// document >= d (never backwards). Both return false at the end.
class Iter {
 public:
  virtual ~Iter() = default;
  virtual bool next() = 0;
  virtual bool skip_to(Xapian::docid d) = 0;
  // The posting iterator of `term` if this iterator only matches where that
  // term's postings stand at the match (the term itself, or an AND with it).
  virtual const Xapian::PostingIterator* conjunct(const std::string&) const { return nullptr; }
  Xapian::docid doc = 0;
  Xapian::doccount estimate = 0;
};

class TermIter : public Iter {
 public:
  TermIter(const Xapian::Database& db, const std::string& term)
      : term_(term), it_(db.postlist_begin(term)), end_(db.postlist_end(term)) {
    estimate = term.empty() ? db.get_doccount() : db.get_termfreq(term);
  }
  bool next() override {
    if (started_) ++it_;
    started_ = true;
    return settle();
  }
  bool skip_to(Xapian::docid d) override {
    started_ = true;
    if (it_ != end_ && d > *it_) it_.skip_to(d);
    return settle();
  }
  const Xapian::PostingIterator* conjunct(const std::string& term) const override {
    return term == term_ && !term_.empty() ? &it_ : nullptr;
  }

 private:
  bool settle() {
    if (it_ == end_) return false;
    doc = *it_;
    return true;
  }
  std::string term_;
  Xapian::PostingIterator it_, end_;
  bool started_ = false;
};

class NothingIter : public Iter {
 public:
  bool next() override { return false; }
  bool skip_to(Xapian::docid) override { return false; }
};

// Day ranges, checked in the facet store.
struct DayRange {
  uint32_t first_slot, last_slot;  // inclusive store day slots (>= 1)
  bool match(const FacetStore& store, Xapian::docid d) const {
    const uint32_t s = store.day_slot(d);
    return s >= first_slot && s <= last_slot;
  }
};

DayRange day_range(const Node& node, const FacetStore& store) {
  // Store slot = day - day_base + 1; clamp the bounds into [1, span].
  const long base = store.day_base();
  const long span = store.day_span();
  long first = node.first_day == std::numeric_limits<long>::min() ? 1 : node.first_day - base + 1;
  long last = node.last_day == std::numeric_limits<long>::max() ? span : node.last_day - base + 1;
  first = std::max(first, 1L);
  last = std::min(last, span);
  if (first > last) return {1, 0};  // matches nothing
  return {static_cast<uint32_t>(first), static_cast<uint32_t>(last)};
}

// A facet filter checked in the store: the document has one of these value
// ordinals (all the spellings of the filtered values). For a filter that
// matches much of the shard (place=usa: 58% of Reuters) this is far cheaper
// than leapfrogging through its posting list, which decodes most of it.
struct FacetCheck {
  std::vector<uint32_t> ords;  // sorted
  bool match(const FacetStore& store, Xapian::docid d) const {
    bool found = false;
    store.for_each_value(d, [&](uint32_t ord) {
      found = std::binary_search(ords.begin(), ords.end(), ord);
      return !found;
    });
    return found;
  }
};

// The ordinals of the store values whose facet term is `term` ("XL" + folded
// key); false if `term` is not a facet term this can resolve (a long term cut
// and hashed, or a value the shard lacks).
bool facet_ords(const std::string& term, const FacetStore& store, std::vector<uint32_t>* out) {
  for (size_t f = 0; f < kFacets.size(); ++f) {
    const std::string_view prefix = kFacets[f].term_prefix;
    if (term.size() <= prefix.size() || term.compare(0, prefix.size(), prefix) != 0) continue;
    if (term.size() >= kMaxTermBytes) return false;  // may be cut and hashed
    const std::string_view key = std::string_view(term).substr(prefix.size());
    const uint64_t hash = hash64(key);
    const size_t before = out->size();
    for (uint32_t ord = store.facet_begin(f), end = store.facet_begin(f + 1); ord < end; ++ord) {
      const FacetStore::Key& k = store.key(store.value(ord).key);
      if (k.hash == hash && store.text(k.text_off, k.text_len) == key) out->push_back(ord);
    }
    return out->size() > before;
  }
  return false;
}

// AND of iterators (leapfrogging, rarest first), day-range and facet checks.
class AndIter : public Iter {
 public:
  AndIter(std::vector<std::unique_ptr<Iter>> kids, std::vector<DayRange> ranges,
          std::vector<FacetCheck> checks, const FacetStore& store)
      : kids_(std::move(kids)), ranges_(std::move(ranges)), checks_(std::move(checks)),
        store_(store) {
    std::sort(kids_.begin(), kids_.end(),
              [](const auto& a, const auto& b) { return a->estimate < b->estimate; });
    estimate = kids_.front()->estimate;
  }
  bool next() override { return align(started_ ? doc + 1 : 1); }
  bool skip_to(Xapian::docid d) override { return align(started_ ? std::max(d, doc) : d); }
  const Xapian::PostingIterator* conjunct(const std::string& term) const override {
    for (const auto& k : kids_)
      if (const Xapian::PostingIterator* it = k->conjunct(term)) return it;
    return nullptr;
  }

 private:
  bool align(Xapian::docid target) {
    started_ = true;
    for (;;) {
      size_t i = 0;
      while (i < kids_.size()) {
        if (!kids_[i]->skip_to(target)) return false;
        if (kids_[i]->doc > target) {
          target = kids_[i]->doc;
          i = kids_[i] == kids_.front() ? 1 : 0;
          continue;
        }
        ++i;
      }
      bool ok = true;
      for (const DayRange& r : ranges_) ok = ok && r.match(store_, target);
      for (const FacetCheck& c : checks_) ok = ok && c.match(store_, target);
      if (ok) {
        doc = target;
        return true;
      }
      ++target;
    }
  }

  std::vector<std::unique_ptr<Iter>> kids_;
  std::vector<DayRange> ranges_;
  std::vector<FacetCheck> checks_;
  const FacetStore& store_;
  bool started_ = false;
};

// OR of iterators: a min-heap on the current docid.
class OrIter : public Iter {
 public:
  explicit OrIter(std::vector<std::unique_ptr<Iter>> kids) : kids_(std::move(kids)) {
    for (const auto& k : kids_) estimate += k->estimate;
  }
  bool next() override {
    if (!started_) {
      started_ = true;
      for (auto& k : kids_)
        if (k->next()) heap_.push(k.get());
    } else {
      while (!heap_.empty() && heap_.top()->doc == doc) {
        Iter* k = heap_.top();
        heap_.pop();
        if (k->next()) heap_.push(k);
      }
    }
    return settle();
  }
  bool skip_to(Xapian::docid d) override {
    if (!started_) {
      started_ = true;
      for (auto& k : kids_)
        if (k->skip_to(d)) heap_.push(k.get());
      return settle();
    }
    while (!heap_.empty() && heap_.top()->doc < d) {
      Iter* k = heap_.top();
      heap_.pop();
      if (k->skip_to(d)) heap_.push(k);
    }
    return settle();
  }

 private:
  bool settle() {
    if (heap_.empty()) return false;
    doc = heap_.top()->doc;
    return true;
  }
  struct Later {
    bool operator()(const Iter* a, const Iter* b) const { return a->doc > b->doc; }
  };
  std::vector<std::unique_ptr<Iter>> kids_;
  std::priority_queue<Iter*, std::vector<Iter*>, Later> heap_;
  bool started_ = false;
};

class AndNotIter : public Iter {
 public:
  AndNotIter(std::unique_ptr<Iter> in, std::unique_ptr<Iter> out)
      : in_(std::move(in)), out_(std::move(out)) {
    estimate = in_->estimate;
  }
  bool next() override { return in_->next() && settle(); }
  bool skip_to(Xapian::docid d) override { return in_->skip_to(d) && settle(); }

 private:
  bool settle() {
    for (;;) {
      const Xapian::docid d = in_->doc;
      if (!out_ended_) {
        out_ended_ = !out_->skip_to(d);
        if (!out_ended_ && out_->doc == d) {
          if (!in_->next()) return false;
          continue;
        }
      }
      doc = d;
      return true;
    }
  }
  std::unique_ptr<Iter> in_, out_;
  bool out_ended_ = false;
};

// Every document of the shard whose day is in range.
class DaysIter : public Iter {
 public:
  DaysIter(const Xapian::Database& db, DayRange range, const FacetStore& store)
      : all_(db, ""), range_(range), store_(store) {
    estimate = all_.estimate;
  }
  bool next() override { return all_.next() && settle(); }
  bool skip_to(Xapian::docid d) override { return all_.skip_to(d) && settle(); }

 private:
  bool settle() {
    while (!range_.match(store_, all_.doc))
      if (!all_.next()) return false;
    doc = all_.doc;
    return true;
  }
  TermIter all_;
  DayRange range_;
  const FacetStore& store_;
};

std::unique_ptr<Iter> make_iter(const Node& node, const Xapian::Database& db,
                                const FacetStore& store) {
  switch (node.kind) {
    case Kind::kTerm: return std::make_unique<TermIter>(db, node.term);
    case Kind::kAll: return std::make_unique<TermIter>(db, "");
    case Kind::kNothing: return std::make_unique<NothingIter>();
    case Kind::kDays: return std::make_unique<DaysIter>(db, day_range(node, store), store);
    case Kind::kOr: {
      std::vector<std::unique_ptr<Iter>> kids;
      for (const Node& c : node.children) kids.push_back(make_iter(c, db, store));
      if (kids.empty()) return std::make_unique<NothingIter>();
      if (kids.size() == 1) return std::move(kids.front());
      return std::make_unique<OrIter>(std::move(kids));
    }
    case Kind::kAndNot:
      return std::make_unique<AndNotIter>(make_iter(node.children[0], db, store),
                                          make_iter(node.children[1], db, store));
    case Kind::kAnd: {
      std::vector<std::unique_ptr<Iter>> kids;
      std::vector<DayRange> ranges;
      std::vector<FacetCheck> checks;
      // Facet filters (a facet term, or an OR of them) that match kDenseRatio
      // times more documents than the rarest other part are checked in the
      // store instead of iterated.
      constexpr Xapian::doccount kDenseRatio = 4;
      // Candidates with how many documents they match, each looked up once.
      std::vector<std::pair<Xapian::doccount, const Node*>> facet_like;
      for (const Node& c : node.children) {
        bool facet = c.kind == Kind::kTerm || (c.kind == Kind::kOr && !c.children.empty());
        for (const Node& t : c.children) facet = facet && t.kind == Kind::kTerm;
        if (c.kind == Kind::kDays) {
          ranges.push_back(day_range(c, store));
        } else if (facet) {
          Xapian::doccount n = c.kind == Kind::kTerm ? db.get_termfreq(c.term) : 0;
          for (const Node& t : c.children) n += db.get_termfreq(t.term);
          facet_like.emplace_back(n, &c);
        } else {
          kids.push_back(make_iter(c, db, store));
        }
      }
      Xapian::doccount rarest = std::numeric_limits<Xapian::doccount>::max();
      for (const auto& k : kids) rarest = std::min(rarest, k->estimate);
      std::stable_sort(facet_like.begin(), facet_like.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& [n, c] : facet_like) {
        FacetCheck check;
        bool resolved = !kids.empty() && n / kDenseRatio > rarest;
        if (c->kind == Kind::kTerm) {
          resolved = resolved && facet_ords(c->term, store, &check.ords);
        } else {
          for (const Node& t : c->children)
            resolved = resolved && facet_ords(t.term, store, &check.ords);
        }
        if (resolved) {
          std::sort(check.ords.begin(), check.ords.end());
          checks.push_back(std::move(check));
        } else {
          kids.push_back(make_iter(*c, db, store));
          rarest = std::min(rarest, kids.back()->estimate);
        }
      }
      if (kids.empty()) kids.push_back(std::make_unique<TermIter>(db, ""));
      if (kids.size() == 1 && ranges.empty() && checks.empty()) return std::move(kids.front());
      return std::make_unique<AndIter>(std::move(kids), std::move(ranges), std::move(checks),
                                       store);
    }
  }
  return std::make_unique<NothingIter>();
}

}  // namespace

std::unique_ptr<CountPlan> CountPlan::compile(const Xapian::Query& query) {
  std::unique_ptr<CountPlan> plan(new CountPlan);
  if (!build(query, &plan->root_)) return nullptr;
  return plan;
}

CountOutcome count_plan(const CountPlan& plan, const Xapian::Database& shard,
                        const FacetStore& store, uint32_t* values, uint32_t* days,
                        std::chrono::steady_clock::time_point deadline, MatchVisitor* visitor,
                        const CountOptions& options) {
  CountOutcome out;
  std::unique_ptr<Iter> it = make_iter(plan.root(), shard, store);
  const bool timed = deadline != std::chrono::steady_clock::time_point();
  const Xapian::docid max_docid = store.max_docid();
  const Xapian::PostingIterator* term_at =
      visitor != nullptr ? it->conjunct(visitor->term()) : nullptr;
  for (bool more = it->next(); more; more = it->next()) {
    const Xapian::docid did = it->doc;
    if (did > max_docid) break;  // cannot happen at the store's revision
    count_document(store, did, values, days, options);
    if (visitor != nullptr) visitor->visit(did, term_at);
    if ((++out.total & 4095) == 0 && timed && std::chrono::steady_clock::now() > deadline) {
      out.truncated = true;
      break;
    }
  }
  return out;
}

}  // namespace gazette
