#pragma once
// Shared by the command-line parsers (indexer/options.cc, searcher/options.cc),
// the only files that see Boost.Program_options.

#include <boost/program_options.hpp>
#include <string>

#include "common/error.h"

namespace gazette {

// Boost.Program_options reads "-1" for an unsigned option as a huge number
// (strtoul wraps it around), so "--limit -1" would quietly mean "no limit".
// Throws UsageError naming the option for a negative value given to any
// unsigned option in `parsed`.
inline void reject_negative_unsigned(const boost::program_options::parsed_options& parsed) {
  namespace po = boost::program_options;
  if (parsed.description == nullptr) return;
  for (const po::option& o : parsed.options) {
    if (o.string_key.empty() || o.value.empty()) continue;
    const po::option_description* d = parsed.description->find_nothrow(o.string_key, false);
    if (d == nullptr) continue;
    const po::value_semantic* s = d->semantic().get();
    const bool is_unsigned = dynamic_cast<const po::typed_value<unsigned>*>(s) != nullptr ||
                             dynamic_cast<const po::typed_value<unsigned long>*>(s) != nullptr ||
                             dynamic_cast<const po::typed_value<unsigned long long>*>(s) != nullptr;
    if (!is_unsigned) continue;
    for (const std::string& v : o.value) {
      const size_t first = v.find_first_not_of(" \t");
      if (first != std::string::npos && v[first] == '-')
        throw UsageError("--" + o.string_key + " must be 0 or more (got '" + v + "')");
    }
  }
}

}  // namespace gazette
