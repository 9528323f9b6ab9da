#include "common/schema.h"

#include "common/hash.h"
#include "common/normalise.h"

namespace gazette {
namespace {

// prefix + key, or, if too long, prefix + a cut of key (at a UTF-8 boundary)
// + ":" + hex(hash(key)).
std::string bounded_term(std::string_view pre, std::string_view key, size_t limit) {
  std::string term;
  if (pre.size() + key.size() <= limit) {
    term.reserve(pre.size() + key.size());
    term += pre;
    term += key;
    return term;
  }
  size_t keep = limit - pre.size() - 17;
  while (keep > 0 && (static_cast<unsigned char>(key[keep]) & 0xC0) == 0x80) --keep;
  term += pre;
  term += key.substr(0, keep);
  term += ':';
  term += hex64(hash64(key));
  return term;
}

}  // namespace

const FacetSpec* find_facet(std::string_view name) {
  for (const FacetSpec& spec : kFacets) {
    if (name == spec.name || name == spec.plural) return &spec;
  }
  if (name == "org" || name == "orgs" || name == "organisation" || name == "organization" ||
      name == "organisations" || name == "organizations")
    return &facet_spec(Facet::kGroup);
  return nullptr;
}

std::string id_term(std::string_view id) { return bounded_term(prefix::kId, id, kMaxIdTermBytes); }

std::string facet_term(const FacetSpec& spec, std::string_view value) {
  std::string key = fold_key(value);
  if (key.empty()) return {};
  return bounded_term(spec.term_prefix, key, kMaxTermBytes);
}

}  // namespace gazette

namespace gazette {

std::string synonym_term(std::string_view canonical) {
  return bounded_term(prefix::kSynonym, fold_key(canonical), kMaxTermBytes);
}

}  // namespace gazette
