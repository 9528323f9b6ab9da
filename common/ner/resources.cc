#include "common/ner/resources.h"

// The data files are pulled into .rodata by the assembler (.incbin), so the
// binaries need no data directory at run time. GAZETTE_NER_GAZETTEER_FILE and
// GAZETTE_NER_MODEL_FILE are absolute paths set by common/ner/CMakeLists.txt.

#define GAZETTE_NER_BLOB(name, file) \
  ".balign 16\n"                     \
  ".global " name                    \
  "_begin\n"                         \
  ".hidden " name "_begin\n" name    \
  "_begin:\n"                        \
  ".incbin \"" file                  \
  "\"\n"                             \
  ".global " name                    \
  "_end\n"                           \
  ".hidden " name "_end\n" name      \
  "_end:\n"                          \
  ".byte 0\n"

__asm__(".section .rodata\n" GAZETTE_NER_BLOB("gazette_ner_gazetteer", GAZETTE_NER_GAZETTEER_FILE)
            GAZETTE_NER_BLOB("gazette_ner_model", GAZETTE_NER_MODEL_FILE)
                GAZETTE_NER_BLOB("gazette_ner_clusters", GAZETTE_NER_CLUSTERS_FILE) ".previous\n");

extern "C" {
extern const char gazette_ner_gazetteer_begin[];
extern const char gazette_ner_gazetteer_end[];
extern const char gazette_ner_model_begin[];
extern const char gazette_ner_model_end[];
extern const char gazette_ner_clusters_begin[];
extern const char gazette_ner_clusters_end[];
}

namespace gazette::ner {

std::string_view builtin_gazetteer_source() {
  return std::string_view(
      gazette_ner_gazetteer_begin,
      static_cast<size_t>(gazette_ner_gazetteer_end - gazette_ner_gazetteer_begin));
}

std::string_view builtin_model_source() {
  return std::string_view(gazette_ner_model_begin,
                          static_cast<size_t>(gazette_ner_model_end - gazette_ner_model_begin));
}

std::string_view builtin_clusters_source() {
  return std::string_view(
      gazette_ner_clusters_begin,
      static_cast<size_t>(gazette_ner_clusters_end - gazette_ner_clusters_begin));
}

const WordClusters* builtin_clusters() {
  static const WordClusters* c = [] {
    std::string_view bytes = builtin_clusters_source();
    return bytes.empty() ? nullptr : new WordClusters(WordClusters::parse(bytes));
  }();
  return c;
}

const Gazetteer& builtin_gazetteer() {
  static const Gazetteer g = Gazetteer::from_tsv(builtin_gazetteer_source());
  return g;
}

const Model* builtin_model() {
  static const Model* m = [] {
    std::string_view bytes = builtin_model_source();
    return bytes.empty() ? nullptr : new Model(Model::parse(bytes));
  }();
  return m;
}

}  // namespace gazette::ner
