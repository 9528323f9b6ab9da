#include "tests/support/test_db.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/entities.h"
#include "common/schema.h"
#include "indexer/document_builder.h"

namespace gazette::test {

Article make_article(const std::string& id, const std::string& title, const std::string& body,
                     const std::string& date, std::vector<std::string> persons,
                     std::vector<std::string> places, std::vector<std::string> groups,
                     std::vector<std::string> topics, const std::string& source) {
  Article a;
  a.id = id;
  a.title = title;
  a.body = body;
  if (!date.empty()) parse_iso_date(date, &a.date);
  a.persons = std::move(persons);
  a.places = std::move(places);
  a.groups = std::move(groups);
  a.topics = std::move(topics);
  a.source = source;
  a.has_entity_metadata = true;
  return a;
}

Xapian::WritableDatabase make_index(const std::vector<Article>& articles) {
  return make_index(articles, Synonyms());
}

Xapian::WritableDatabase make_index(const std::vector<Article>& articles,
                                    const Synonyms& synonyms) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.set_metadata(meta::kSchema, std::to_string(kSchemaVersion));
  if (!synonyms.empty()) db.set_metadata(meta::kSynonyms, synonyms.stored());
  DocumentBuilder builder;
  for (Article a : articles) {
    canonicalise_entities(&a);
    synonyms.apply_to_facets(&a);
    Xapian::Document doc = builder.build(a);
    synonyms.add_terms(a, &doc);
    db.replace_document(id_term(a.id), doc);
  }
  db.commit();
  return db;
}

std::string describe_document(const Xapian::Document& doc) {
  std::string out;
  for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out += "term " + *t + " wdf=" + std::to_string(t.get_wdf());
    if (t.positionlist_count() > 0) {
      out += " pos=";
      bool first = true;
      for (Xapian::PositionIterator p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        if (!first) out += ',';
        out += std::to_string(*p);
        first = false;
      }
    }
    out += '\n';
  }
  for (Xapian::ValueIterator v = doc.values_begin(); v != doc.values_end(); ++v) {
    std::string value = *v;
    if (v.get_valueno() == slot::kRecord) value = "record";  // binary; tested via decode_record
    for (char& c : value)
      if (c == '\x1f') c = '|';
    out += "value " + std::to_string(v.get_valueno()) + " " + value + '\n';
  }
  return out;
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "gazette-test-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  if (made == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
  std::filesystem::path p = std::filesystem::path(path_) / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
  return p.string();
}

}  // namespace gazette::test
