#include "searcher/snippet.h"

namespace gazette {
namespace {

constexpr char kStart = '\x01';
constexpr char kEnd = '\x02';

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

}  // namespace

Snippet parse_marked_snippet(std::string_view in) {
  Snippet out;
  out.text.reserve(in.size());
  size_t code_points = 0;
  size_t open = 0;
  bool in_match = false;
  bool pending_space = false;
  auto emit = [&](std::string_view s) {
    if (pending_space && !out.text.empty()) {
      out.text.push_back(' ');
      ++code_points;
    }
    pending_space = false;
    for (char c : s) {
      out.text.push_back(c);
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++code_points;
    }
  };
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == kStart) {
      if (pending_space && !out.text.empty()) emit("");
      open = code_points;
      in_match = true;
    } else if (c == kEnd) {
      if (in_match && code_points > open) out.highlights.emplace_back(open, code_points);
      in_match = false;
    } else if (is_space(c)) {
      pending_space = true;
    } else if (c == '&') {
      static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
      bool matched = false;
      for (const auto& [entity, plain] : kEntities) {
        if (in.substr(i, entity.size()) == entity) {
          emit(plain);
          i += entity.size() - 1;
          matched = true;
          break;
        }
      }
      if (!matched) emit("&");
    } else {
      emit(std::string_view(&in[i], 1));
    }
  }
  return out;
}

Snippet make_snippet(const Xapian::MSet& mset, std::string_view text, size_t bytes,
                     const Xapian::Stem& stemmer) {
  std::string marked =
      mset.snippet(std::string(text), bytes, stemmer,
                   Xapian::MSet::SNIPPET_EXHAUSTIVE,
                   std::string(1, kStart), std::string(1, kEnd), "\xE2\x80\xA6");
  return parse_marked_snippet(marked);
}

}  // namespace gazette
