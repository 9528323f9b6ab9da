// Saved web pages (.html, .htm, .xhtml, each also gzipped): one article per
// file, read by html_extract. The id is derived from the page's canonical URL
// when it names one (so the same page saved twice is one article), else from
// its text (pipeline derive_id).

#include "indexer/article_reader.h"
#include "indexer/html_extract.h"

namespace gazette {

void read_html(std::string_view content, const std::string& path, ArticleSink* sink) {
  Origin origin{path, 0, {}};
  Article a = html_article(content, "", origin, "", false, DateTime());
  if (a.title.empty() && a.body.empty()) {
    sink->reject(make_problem("empty-article", "", "no headline and no text in the page", origin));
    return;
  }
  if (a.body.empty()) a.warnings.push_back(make_problem("no-text", "", "no article text", origin));
  sink->accept(std::move(a));
}

}  // namespace gazette
