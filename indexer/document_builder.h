#pragma once
// [4] Article -> Xapian::Document, following common/schema.h. One builder per
// thread: it owns a TermGenerator, a Stem and scratch buffers reused for every
// article. Not thread-safe; not copyable.

#include <xapian.h>

#include <string>

#include "common/article.h"

namespace gazette {

class DocumentBuilder {
 public:
  DocumentBuilder();
  DocumentBuilder(const DocumentBuilder&) = delete;
  DocumentBuilder& operator=(const DocumentBuilder&) = delete;

  // Returns the document for `a`. REQUIRES: a.id is set and
  // canonicalise_entities(&a) has run.
  Xapian::Document build(const Article& a);

 private:
  Xapian::TermGenerator termgen_;
  std::string text_buf_;
};

}  // namespace gazette
