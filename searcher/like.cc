#include "searcher/like.h"

#include "common/error.h"
#include "common/schema.h"

namespace gazette {
namespace {

// Words of the body and title: unprefixed terms (they start with a lower-case
// letter, a digit or a non-ASCII byte) and Z stems; no pure numbers, which
// say little about what an article is about.
class WordDecider : public Xapian::ExpandDecider {
 public:
  explicit WordDecider(const Xapian::Database& db) : db_(db) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 2) return false;
    const unsigned char c = static_cast<unsigned char>(term[0]);
    if (c >= 'A' && c <= 'Z') return false;  // a prefixed term (stems, titles, facets, id)
    if (term.find_first_not_of("0123456789.,") == std::string::npos) return false;
    // A word of this article alone finds nothing else: worthless for similarity.
    return db_.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& db_;
};

}  // namespace

LikeQuery like_query(const Xapian::Database& db, std::string_view id, size_t max_terms) {
  const std::string id_t = id_term(id);
  Xapian::PostingIterator p = db.postlist_begin(id_t);
  if (p == db.postlist_end(id_t)) {
    throw UsageError("--like: no article with id '" + std::string(id) + "' in the index");
  }
  Xapian::RSet rset;
  rset.add_document(*p);
  Xapian::Enquire enquire(db);
  const WordDecider decider(db);
  const Xapian::ESet eset =
      enquire.get_eset(static_cast<Xapian::termcount>(max_terms), rset, &decider);
  LikeQuery out;
  std::vector<Xapian::Query> parts;
  for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) {
    out.terms.push_back(*it);
    parts.emplace_back(*it);
  }
  out.query = Xapian::Query(Xapian::Query::OP_AND_NOT,
                            Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                            Xapian::Query(id_t));
  return out;
}

}  // namespace gazette
