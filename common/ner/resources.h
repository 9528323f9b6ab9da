#pragma once
// The extractor's built-in data, embedded in the binary at build time:
//   - the gazetteer, generated from Debian packages and common/ner/lists/
//     by tools/ner/build_gazetteer.py (build directory: common/ner/gazetteer.tsv)
//   - the word clusters, common/ner/model/clusters.bin
//   - the shipped model, common/ner/model/conll2003.gzm (trained on
//     CoNLL-2003 eng.train; how: README.md, "Entity extraction")
// The parsed forms are built once, on first use, and shared by all threads.

#include <string_view>

#include "common/ner/clusters.h"
#include "common/ner/gazetteer.h"
#include "common/ner/model.h"

namespace gazette::ner {

// Raw embedded bytes (may be empty when the build had no model file).
std::string_view builtin_gazetteer_source();
std::string_view builtin_model_source();
std::string_view builtin_clusters_source();

// The parsed built-in gazetteer. Thread-safe; never fails (may be empty).
const Gazetteer& builtin_gazetteer();

// The parsed built-in word clusters, or nullptr when the build embedded none.
const WordClusters* builtin_clusters();

// The parsed built-in model, or nullptr when the build embedded none.
// Thread-safe. Throws gazette::Error if the embedded bytes are malformed.
const Model* builtin_model();

}  // namespace gazette::ner
