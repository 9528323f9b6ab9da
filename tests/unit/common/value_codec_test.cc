#include "common/value_codec.h"

#include <catch2/catch.hpp>

TEST_CASE("value lists are sorted and split back", "[value_codec]") {
  std::string list = gazette::encode_value_list({"Syria", "Iran", "Russia"});
  CHECK(list == "Iran\x1fRussia\x1fSyria");
  std::vector<std::string> got;
  gazette::for_each_value(list, [&](std::string_view v) { got.emplace_back(v); });
  CHECK(got == std::vector<std::string>{"Iran", "Russia", "Syria"});
  got.clear();
  gazette::for_each_value("", [&](std::string_view v) { got.emplace_back(v); });
  CHECK(got.empty());
  gazette::for_each_value("solo", [&](std::string_view v) { got.emplace_back(v); });
  CHECK(got == std::vector<std::string>{"solo"});
}

TEST_CASE("records round-trip every field", "[value_codec]") {
  gazette::Article a;
  a.id = "gz-1";
  a.title = "Title";
  a.body = std::string(300, 'b');  // length needs a two-byte varint
  REQUIRE(gazette::parse_iso_date("2016-02-21T10:00:00+01:00", &a.date).empty());
  a.source = "Gazette Wire";
  a.url = "https://example.org/x";
  a.dateline = "AMMAN, Feb 21";
  a.persons = {"John Kerry", "Sergey Lavrov"};
  a.places = {"Syria"};
  a.groups = {"United Nations"};
  a.topics = {"diplomacy"};
  gazette::Article b;
  REQUIRE(gazette::decode_record(gazette::encode_record(a), &b));
  CHECK(b.id == a.id);
  CHECK(b.title == a.title);
  CHECK(b.body.empty());  // the body is the document data, not part of the record
  CHECK(b.date == a.date);
  CHECK(b.source == a.source);
  CHECK(b.url == a.url);
  CHECK(b.dateline == a.dateline);
  CHECK(b.persons == a.persons);
  CHECK(b.places == a.places);
  CHECK(b.groups == a.groups);
  CHECK(b.topics == a.topics);
}

TEST_CASE("decode_record rejects garbage and truncation, skips unknown tags", "[value_codec]") {
  gazette::Article out;
  CHECK_FALSE(gazette::decode_record("", &out));
  CHECK_FALSE(gazette::decode_record("not a record", &out));
  gazette::Article in;
  in.id = "x";
  in.title = "hello";
  std::string rec = gazette::encode_record(in);
  CHECK_FALSE(gazette::decode_record(rec.substr(0, rec.size() - 2), &out));
  std::string with_unknown = rec + std::string("\x63\x03" "abc", 5);
  gazette::Article ok;
  REQUIRE(gazette::decode_record(with_unknown, &ok));
  CHECK(ok.title == "hello");
}
