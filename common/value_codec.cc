#include "common/value_codec.h"

#include <algorithm>

namespace gazette {
namespace {

enum Tag : unsigned char {
  kTagId = 1,
  kTagTitle = 2,
  kTagBody = 3,
  kTagDate = 4,
  kTagSource = 5,
  kTagUrl = 6,
  kTagDateline = 7,
  kTagPerson = 10,
  kTagPlace = 11,
  kTagGroup = 12,
  kTagTopic = 13,
};

constexpr char kMagic = 'G';
constexpr char kRecordVersion = 1;

void put_field(Tag tag, std::string_view value, std::string* out) {
  if (value.empty()) return;
  out->push_back(static_cast<char>(tag));
  size_t n = value.size();
  while (n >= 0x80) {
    out->push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  out->push_back(static_cast<char>(n));
  out->append(value);
}

bool get_varint(std::string_view* in, size_t* value) {
  size_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in->empty()) return false;
    auto b = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    v |= static_cast<size_t>(b & 0x7F) << shift;
    if (b < 0x80) {
      *value = v;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string encode_value_list(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out.push_back(kValueSeparator);
    out += v;
  }
  return out;
}

std::string encode_record(const Article& a) {
  std::string out;
  out.reserve(a.title.size() + a.body.size() + a.url.size() + 128);
  out.push_back(kMagic);
  out.push_back(kRecordVersion);
  put_field(kTagId, a.id, &out);
  put_field(kTagTitle, a.title, &out);
  if (a.date.valid()) put_field(kTagDate, iso_datetime(a.date), &out);
  put_field(kTagSource, a.source, &out);
  put_field(kTagUrl, a.url, &out);
  put_field(kTagDateline, a.dateline, &out);
  for (const auto& v : a.persons) put_field(kTagPerson, v, &out);
  for (const auto& v : a.places) put_field(kTagPlace, v, &out);
  for (const auto& v : a.groups) put_field(kTagGroup, v, &out);
  for (const auto& v : a.topics) put_field(kTagTopic, v, &out);
  return out;
}

bool decode_record(std::string_view data, Article* out) {
  if (data.size() < 2 || data[0] != kMagic) return false;
  data.remove_prefix(2);  // any record version: fields are self-describing
  while (!data.empty()) {
    auto tag = static_cast<unsigned char>(data.front());
    data.remove_prefix(1);
    size_t len;
    if (!get_varint(&data, &len) || len > data.size()) return false;
    std::string_view value = data.substr(0, len);
    data.remove_prefix(len);
    switch (tag) {
      case kTagId: out->id = value; break;
      case kTagTitle: out->title = value; break;
      case kTagBody: out->body = value; break;
      case kTagDate: parse_iso_date(value, &out->date); break;
      case kTagSource: out->source = value; break;
      case kTagUrl: out->url = value; break;
      case kTagDateline: out->dateline = value; break;
      case kTagPerson: out->persons.emplace_back(value); break;
      case kTagPlace: out->places.emplace_back(value); break;
      case kTagGroup: out->groups.emplace_back(value); break;
      case kTagTopic: out->topics.emplace_back(value); break;
      default: break;  // a newer writer's field
    }
  }
  return true;
}

}  // namespace gazette
