#pragma once
// Helpers over an expanded XML record (XmlStream::expand) shared by the NITF
// and NewsML readers: finding elements, rendering article text, collecting
// facet values.

#include <libxml/tree.h>

#include <functional>
#include <string>
#include <vector>

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

// Adds v (a facet value) unless empty, over 200 bytes, a 201st value or the
// same as one already there without regard to case and accents.
void add_unique(std::vector<std::string>* list, std::string v);

}  // namespace gazette
