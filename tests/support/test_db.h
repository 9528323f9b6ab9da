#pragma once
// Test helpers: articles and in-memory indexes built through the real
// DocumentBuilder, and a golden-string rendering of a Xapian document.

#include <xapian.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/synonyms.h"

namespace gazette::test {

// An article with the given fields; the date is ISO ("" = undated).
Article make_article(const std::string& id, const std::string& title, const std::string& body,
                     const std::string& date = "", std::vector<std::string> persons = {},
                     std::vector<std::string> places = {}, std::vector<std::string> groups = {},
                     std::vector<std::string> topics = {}, const std::string& source = "");

// An in-memory index holding `articles` (canonicalised and built as the indexer
// does), with gazette's schema metadata.
Xapian::WritableDatabase make_index(const std::vector<Article>& articles);
// The same with user synonyms applied and stored, as gazette-index --synonyms does.
Xapian::WritableDatabase make_index(const std::vector<Article>& articles,
                                    const Synonyms& synonyms);

// Every term (with wdf and positions), value and the data length of `doc`, one
// per line, for golden comparisons.
std::string describe_document(const Xapian::Document& doc);

// A fresh empty directory under the system temp dir; removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `content` to path()/name and returns the full path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

}  // namespace gazette::test
