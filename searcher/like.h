#pragma once
// More like this (--like ID): articles similar to an indexed one, by Xapian's
// relevance feedback. The article is the relevance set (RSet) of an expansion
// (Enquire::get_eset, probabilistic term weights: terms frequent in it and rare
// in the index score high); its kLikeTerms best words become an OR query, which
// BM25 then ranks like any other, with the article itself left out. Words that
// occur in no other article are passed over: the expansion ranks them highest,
// yet they can find nothing. (Xapian's "bo1" expansion scheme was tried too: it
// let stopwords in, and the default "trad" scheme ranked better on the corpus.)

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace gazette {

inline constexpr size_t kLikeTerms = 25;

struct LikeQuery {
  Xapian::Query query;             // OR of the terms, AND_NOT the article itself
  std::vector<std::string> terms;  // best first (unprefixed words and their stems)
};

// The similarity query for the article with id `id`. Only free-text terms take
// part (words as indexed; not stems, facet, title-only or id terms, nor numbers).
// Throws UsageError if the index has no article with that id.
LikeQuery like_query(const Xapian::Database& db, std::string_view id,
                     size_t max_terms = kLikeTerms);

}  // namespace gazette
