#pragma once
// Encodings persisted in the index (see common/schema.h): facet value lists in
// value slots, and the stored record in document data.

#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/schema.h"

namespace gazette {

// Facet value list grammar:
//   list := value (SEP value)*        SEP = kValueSeparator (0x1F)
// Values are display forms, sorted bytewise (so equal sets encode equally and
// ValueCountMatchSpy sees few distinct lists). An empty list is not stored.
// REQUIRES: no value contains kValueSeparator (clean_value guarantees it).
std::string encode_value_list(std::vector<std::string> values);

// Splits an encoded list; calls fn(std::string_view) for each value.
template <typename Fn>
void for_each_value(std::string_view list, Fn&& fn) {
  while (!list.empty()) {
    size_t sep = list.find(kValueSeparator);
    fn(list.substr(0, sep));
    if (sep == std::string_view::npos) break;
    list.remove_prefix(sep + 1);
  }
}

// Stored record grammar (document data):
//   record := 'G' version:byte field*          version = 1
//   field  := tag:byte length:varint bytes     varint = LEB128, 7 bits per byte
//   tags   := 1 id | 2 title | 3 body | 4 date (iso_datetime) | 5 source | 6 url
//           | 7 dateline | 10 person | 11 place | 12 group | 13 topic
// Facet tags repeat, one field per value, in the article's order. Readers skip
// unknown tags, so fields can be added without a schema bump. The body is not
// written (it is the document data, schema.h): tag 3 is kept for readers.
std::string encode_record(const Article& a);

// Decodes a record into *out (fields not in the record stay default).
// Returns false if `data` is not a record or is truncated.
bool decode_record(std::string_view data, Article* out);

}  // namespace gazette
