#pragma once
// Helpers over an expanded XML record (XmlStream::expand) shared by the NITF
// and NewsML readers: finding elements, rendering article text, collecting
// facet values.

#include <libxml/tree.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/article_reader.h"
#include "indexer/xml_stream.h"

namespace gazette {

// The first child element of n named `name` (nullptr if none, or n is null).
const xmlNode* child(const xmlNode* n, const char* name);
// The first element named `name` anywhere under n (pre-order).
const xmlNode* find(const xmlNode* n, const char* name);
// Calls visit on every element under n (pre-order).
void find_all(const xmlNode* n, const std::function<void(const xmlNode*)>& visit);

// Article text of n: paragraphs, headings, lists and tables break lines
// (NITF's and XHTML's block elements); media, notes, scripts and styles are
// left out.
std::string markup_text(const xmlNode* n);

// Text of an entity element: child elements (name.given, name.family, city,
// country) are separate words; its "value" attribute when it has no text.
std::string entity_text(const xmlNode* n);

// Adds v (a facet value) unless empty, over 200 bytes, past `max_values` or
// the same as one already there without regard to case and accents.
void add_unique(std::vector<std::string>* list, std::string v, size_t max_values = 200);

// Streams the records of an XML file: every element whose local name
// `is_record` accepts is expanded and handed to `read` with its origin (the
// file and the element's line); then report_xml_end, `none` naming what a
// file without records lacks.
void read_xml_records(ByteSource* source, bool repair,
                      const std::function<bool(std::string_view)>& is_record,
                      const std::function<void(const xmlNode*, const Origin&)>& read,
                      std::string_view none, ArticleSink* sink);

// The end of an XML reader's file: a fatal XML error (invalid-xml; `records`
// read before it, "the `noun` before it are indexed"), else no record at all
// (empty-article, `none`); and a read error (report_read_error).
void report_xml_end(const XmlStream& xml, const ByteSource& source, long records,
                    std::string_view noun, std::string_view none, ArticleSink* sink);

}  // namespace gazette
