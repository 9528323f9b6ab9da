// InputFields (article_reader.h): which keys of a JSON Lines object, or which
// columns of a CSV file, an article's fields are read from.

#include "indexer/article_reader.h"

namespace gazette {

InputFields::InputFields() {
  // The other names, each seen in public news datasets and crawler output
  // (news-please, schema.org NewsArticle, RSS-to-JSON converters).
  // (NewsAPI, the NYT archive API, JSON Feed, MongoDB and Elasticsearch
  // exports). A summary is the body only when there is no full text.
  keys_[kId] = {"id", "_id", "uuid", "guid"};
  keys_[kTitle] = {"title", "headline"};
  keys_[kBody] = {"body",         "text",        "content", "maintext", "articleBody",
                  "content_text", "description", "summary", "abstract"};
  keys_[kDate] = {"date",         "datePublished",  "published",      "published_at",
                  "publish_date", "published_date", "date_publish",   "pubDate",
                  "publishedAt",  "pub_date",       "date_published", "publication_date"};
  keys_[kSource] = {"publisher", "source", "outlet",
                    "publication"};  // publisher names the outlet where
                                     // source may name a collection
  keys_[kUrl] = {"url", "link", "web_url"};
  keys_[kDateline] = {"dateline"};
  keys_[kPersons] = {"persons", "people"};
  keys_[kPlaces] = {"places", "locations"};
  keys_[kGroups] = {"groups", "organizations", "orgs"};
  keys_[kTopics] = {"topics", "tags"};
}

const char* InputFields::name(Field f) {
  static constexpr const char* kNames[] = {"id",     "title",  "body",     "date",
                                           "source", "url",    "dateline", "persons",
                                           "places", "groups", "topics"};
  return f < kCount ? kNames[f] : "";
}

std::vector<std::string>* InputFields::list(Field f, Article* a) {
  switch (f) {
    case kPersons:
      return &a->persons;
    case kPlaces:
      return &a->places;
    case kGroups:
      return &a->groups;
    case kTopics:
      return &a->topics;
    default:
      return nullptr;
  }
}

std::string InputFields::set(std::string_view spec) {
  const size_t eq = spec.find('=');
  if (eq == std::string_view::npos) return "expected NAME=KEY";
  const std::string_view field = spec.substr(0, eq), key = spec.substr(eq + 1);
  for (int f = 0; f < kCount; ++f) {
    if (field != name(static_cast<Field>(f))) continue;
    if (!key.empty() &&
        (key.find("..") != std::string_view::npos || key.front() == '.' || key.back() == '.'))
      return "a nested key is NAME.NAME (got '" + std::string(key) + "')";
    keys_[f].clear();
    if (!key.empty()) keys_[f].emplace_back(key);
    return "";
  }
  std::string names;
  for (int f = 0; f < kCount; ++f)
    names += std::string(f > 0 ? ", " : "") + name(static_cast<Field>(f));
  return "no field '" + std::string(field) + "' (" + names + ")";
}

}  // namespace gazette
