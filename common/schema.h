#pragma once
// The gazette index schema: every term prefix, value slot, stored-data field
// and metadata key, in one place. DocumentBuilder (indexer) and QueryBuilder /
// the facet counter (searcher) are both driven by the tables below.
//
// DO NOT renumber a slot, change a prefix, the value or record encodings
// (common/value_codec.h), the hash (common/hash.h) or the shard routing
// (common/index_layout.h) without bumping kSchemaVersion: the searcher refuses
// an index whose version differs.
//
// Document terms (Xapian term prefixes follow Xapian's termprefixes.rst)
//   Q<id>            unique id; ids longer than kMaxIdTermBytes are hashed
//                    (id_term). replace_document(id_term) makes re-indexing idempotent.
//   <word>, Z<stem>  title, dateline and body free text, positional, English
//                    stemming (TermGenerator STEM_SOME). Title words get wdf
//                    kTitleWdf each (the title weighs kTitleWdf times a body word
//                    under BM25), then the term position jumps by kFieldGap before
//                    the dateline and body.
//   S<word>, ZS<stem> title free text on its own ("title:" in queries), positional.
//   XP<key>          person facet value   } <key> = fold_key(display value):
//   XL<key>          place facet value    } case- and accent-folded, whitespace
//   XO<key>          group (organisation) } collapsed; keys that would make a term
//   XT<key>          topic                } longer than kMaxTermBytes are cut and
//   XS<key>          source (publisher)   } suffixed with a hash (facet_term).
//   All facet terms are boolean (wdf 0): they filter, never weigh.
//   XY<key>          a user synonym group (common/synonyms.h) whose entries occur
//                    in the text; <key> = fold_key(canonical name); wdf =
//                    occurrences. Only in indexes built with --synonyms.
//
// Value slots
//   0 kDay       "YYYYMMDD": the article's calendar date as written; absent when
//                unknown. Date filters (date:2016-02) are value ranges on it and the
//                date histogram counts it.
//   1 kSortTime  "YYYYMMDDhhmmss" in UTC (00:00:00 when no time): --sort newest
//                (descending; undated articles have no value and sort last).
//   8 kOldest    the same, or "~" for undated articles: --sort oldest (ascending,
//                undated last). Two plain value sorts rather than a KeyMaker,
//                because remote shards (xapian-tcpsrv) cannot run KeyMakers.
//   7 kRecord    the stored record (encode_record in value_codec.h): id, title,
//                date, source, url, dateline and the display values of every facet.
//                Read for displayed hits only (values are not compressed, so this
//                costs a microsecond where document data would cost an inflate).
//   2..6         facet value lists (person, place, group, topic, source): the
//                display values of the document, sorted bytewise, joined by
//                kValueSeparator (encode_value_list). Facet counts come from these
//                slots through Xapian::ValueCountMatchSpy (which also works on
//                remote shards): each distinct list is counted once per document
//                and then split into its values.
//
// Document data: the body text, UTF-8, as read (for snippets; any Xapian tool
// shows it). Read only for hits that get a snippet, never while counting.
//
// Version history: 1 first release; 2 the record moved from document data to
// slot 7 and the data became the plain body.
//
// Metadata keys (per shard, Xapian user metadata)
//   gazette.schema       decimal kSchemaVersion
//   gazette.shard        "K/N": this shard is number K of N (0-based)
//   gazette.created      ISO date-time the shard was created
//   gazette.writer       "gazette-index VERSION"
//   gazette.synonyms     the synonym groups (Synonyms::stored()), when given
//   gazette.segments     decimal: on a shard made by merging segments, how many
//                        full segments' worth it holds (the sum over the shards
//                        merged), which places it in its merge tier

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>

namespace gazette {

inline constexpr int kSchemaVersion = 2;

namespace prefix {
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kPerson = "XP";
inline constexpr std::string_view kPlace = "XL";
inline constexpr std::string_view kGroup = "XO";
inline constexpr std::string_view kTopic = "XT";
inline constexpr std::string_view kSource = "XS";
inline constexpr std::string_view kSynonym = "XY";  // user synonym group (common/synonyms.h)
}  // namespace prefix

namespace slot {
inline constexpr Xapian::valueno kDay = 0;       // "YYYYMMDD"
inline constexpr Xapian::valueno kSortTime = 1;  // "YYYYMMDDhhmmss" UTC
inline constexpr Xapian::valueno kPerson = 2;    // value list
inline constexpr Xapian::valueno kPlace = 3;     // value list
inline constexpr Xapian::valueno kGroup = 4;     // value list
inline constexpr Xapian::valueno kTopic = 5;     // value list
inline constexpr Xapian::valueno kSource = 6;    // value list (at most one value)
inline constexpr Xapian::valueno kRecord = 7;    // stored record (value_codec.h)
inline constexpr Xapian::valueno kOldest = 8;    // kSortTime, or "~" when undated
}  // namespace slot

namespace meta {
inline constexpr const char* kSchema = "gazette.schema";
inline constexpr const char* kShard = "gazette.shard";
inline constexpr const char* kCreated = "gazette.created";
inline constexpr const char* kWriter = "gazette.writer";
inline constexpr const char* kSynonyms = "gazette.synonyms";  // Synonyms::stored()
inline constexpr const char* kSegments = "gazette.segments";  // merged shards' worth
}  // namespace meta

// Title words count kTitleWdf times in the free-text field.
inline constexpr Xapian::termcount kTitleWdf = 3;
// Term-position gap between fields, so phrases and NEAR never span title and body.
inline constexpr Xapian::termpos kFieldGap = 100;
// Xapian's hard limit on a term is 245 bytes; stay below it with room for prefixes.
inline constexpr size_t kMaxTermBytes = 240;
inline constexpr size_t kMaxIdTermBytes = 240;
// Longest facet value kept (bytes of display form); longer values are cut at a
// UTF-8 boundary and the article gets a repair note.
inline constexpr size_t kMaxFacetValueBytes = 200;
// Most values kept per facet field of one article; the rest are dropped with a
// warning (a list of 10,000 "persons" is a broken feed, not a story).
inline constexpr size_t kMaxFacetValues = 1000;
// Byte that separates values in a facet slot (never in a cleaned value).
inline constexpr char kValueSeparator = '\x1f';

// The facet fields. Order is the order of facets in output.
enum class Facet { kPerson, kPlace, kGroup, kTopic, kSource };

struct FacetSpec {
  Facet facet;
  std::string_view name;       // query prefix, filter field and facet name: "person"
  std::string_view plural;     // hit field in JSON and input field in JSONL: "persons"
  std::string_view term_prefix;
  Xapian::valueno slot;
};

inline constexpr std::array<FacetSpec, 5> kFacets = {{
    {Facet::kPerson, "person", "persons", prefix::kPerson, slot::kPerson},
    {Facet::kPlace, "place", "places", prefix::kPlace, slot::kPlace},
    {Facet::kGroup, "group", "groups", prefix::kGroup, slot::kGroup},
    {Facet::kTopic, "topic", "topics", prefix::kTopic, slot::kTopic},
    {Facet::kSource, "source", "sources", prefix::kSource, slot::kSource},
}};

// The spec of a facet by name; accepts the singular ("person") and the plural
// ("persons"), and "org"/"orgs"/"organisation" for group. nullptr if unknown.
const FacetSpec* find_facet(std::string_view name);

inline const FacetSpec& facet_spec(Facet f) { return kFacets[static_cast<size_t>(f)]; }

// The Q term of an article id. Ids that would exceed kMaxIdTermBytes are cut and
// suffixed with the hex hash of the whole id, so they stay unique and stable.
std::string id_term(std::string_view id);

// The term of a synonym group: prefix::kSynonym + fold_key(canonical), with the
// same long-term treatment as facet_term.
std::string synonym_term(std::string_view canonical);

// The boolean term of a facet value: spec.term_prefix + fold_key(value), with the
// same long-term treatment as id_term. Empty if the folded key is empty.
std::string facet_term(const FacetSpec& spec, std::string_view value);

}  // namespace gazette
