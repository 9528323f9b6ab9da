// XML record helpers (xml_tree.h).

#include "indexer/xml_tree.h"

#include <string_view>

#include "common/normalise.h"
#include "indexer/html_dom.h"

namespace gazette {
namespace {

constexpr int kMaxDepth = 64;

const xmlNode* find_below(const xmlNode* n, const char* name, int depth) {
  for (const xmlNode* c = n == nullptr ? nullptr : n->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_element(c, name)) return c;
    if (depth < kMaxDepth) {
      if (const xmlNode* f = find_below(c, name, depth + 1)) return f;
    }
  }
  return nullptr;
}

void visit_below(const xmlNode* n, const std::function<void(const xmlNode*)>& visit, int depth) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    visit(c);
    if (depth < kMaxDepth) visit_below(c, visit, depth + 1);
  }
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (name == n) return true;
  return false;
}

void render(const xmlNode* n, TextBuilder* out, int depth) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
        c->type == XML_ENTITY_REF_NODE) {
      render_text(c, out);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE || depth > 256) continue;
    const std::string_view name = element_name(c);
    if (one_of(name, {"media", "note", "fn", "body.end", "script", "style", "figure", "object"}))
      continue;
    if (name == "br") {
      out->line_break();
      continue;
    }
    const bool block = one_of(name, {"p",       "block", "hl1", "hl2", "bq", "blockquote", "pre",
                                     "table",   "ol",    "ul",  "dl",  "hr", "nitf-table", "div",
                                     "section", "h1",    "h2",  "h3",  "h4", "h5",         "h6"});
    const bool line = one_of(name, {"li", "tr", "dt", "dd", "credit"});
    if (block) out->paragraph_break();
    if (line) out->line_break();
    render(c, out, depth + 1);
    if (block) out->paragraph_break();
    if (line) out->line_break();
  }
}

}  // namespace

const xmlNode* child(const xmlNode* n, const char* name) {
  for (const xmlNode* c = n == nullptr ? nullptr : n->children; c != nullptr; c = c->next)
    if (is_element(c, name)) return c;
  return nullptr;
}

const xmlNode* find(const xmlNode* n, const char* name) { return find_below(n, name, 0); }

void find_all(const xmlNode* n, const std::function<void(const xmlNode*)>& visit) {
  if (n != nullptr) visit_below(n, visit, 0);
}

std::string markup_text(const xmlNode* n) {
  TextBuilder b;
  if (n != nullptr) render(n, &b, 0);
  return b.str();
}

std::string entity_text(const xmlNode* n) {
  TextBuilder b;
  std::function<void(const xmlNode*)> walk = [&](const xmlNode* c) {
    for (; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        b.text(reinterpret_cast<const char*>(c->content));
      } else if (c->type == XML_ELEMENT_NODE) {
        b.text(" ");
        walk(c->children);
        b.text(" ");
      } else if (c->type == XML_ENTITY_REF_NODE) {
        render_text(c, &b);
      }
    }
  };
  walk(n->children);
  std::string v = clean_value(b.str());
  if (v.empty()) v = clean_value(get_attr(n, "value"));
  return v;
}

void add_unique(std::vector<std::string>* list, std::string v, size_t max_values) {
  if (v.empty() || v.size() > 200 || list->size() >= max_values) return;
  std::string key = fold_key(v);
  for (const std::string& x : *list)
    if (fold_key(x) == key) return;
  list->push_back(std::move(v));
}

void read_xml_records(ByteSource* source, bool repair,
                      const std::function<bool(std::string_view)>& is_record,
                      const std::function<void(const xmlNode*, const Origin&)>& read,
                      std::string_view none, ArticleSink* sink) {
  XmlStream xml(source, repair);
  long records = 0;
  bool more = xml.next_element();
  while (more && !sink->stopped()) {
    if (!is_record(xml.local_name())) {
      more = xml.next_element();
      continue;
    }
    const xmlNode* record = xml.expand();
    if (record == nullptr) break;  // the error is reported below
    read(record, Origin{source->path(), xmlGetLineNo(record), {}});
    ++records;
    more = xml.skip_to_next_element();
  }
  report_xml_end(xml, *source, records, "articles", none, sink);
}

void report_xml_end(const XmlStream& xml, const ByteSource& source, long records,
                    std::string_view noun, std::string_view none, ArticleSink* sink) {
  if (!xml.error().empty()) {
    sink->reject(make_problem(
        "invalid-xml", "",
        xml.error() + (records > 0 ? " (the " + std::string(noun) + " before it are indexed)"
                                   : std::string()),
        Origin{source.path(), xml.error_line(), {}}));
  } else if (records == 0 && !sink->stopped()) {
    sink->reject(
        make_problem("empty-article", "", std::string(none), Origin{source.path(), 0, {}}));
  }
  report_read_error(source, sink);
}

}  // namespace gazette
