#pragma once
// Publication dates found in article text, for articles whose metadata has none.
//
// Looked for, in this order, in the dateline field, the title and the first
// kDateWindowBytes of the body:
//   1. a full date: "Feb. 21, 2016", "February 21, 2016", "21 February 2016",
//      an ISO date "2016-02-21";
//   2. a dateline day without a year ("WASHINGTON, Feb 26 (Reuters) -"),
//      completed with the latest year mentioned in the window (news looks
//      back more often than ahead); no year mentioned -> no date.
// The first match wins. Invalid calendar dates are ignored.

#include <string_view>

#include "common/date.h"

namespace gazette::ner {

inline constexpr size_t kDateWindowBytes = 1500;

// Returns true and sets *out (date only, no time) when a date was found.
bool find_text_date(std::string_view dateline, std::string_view title, std::string_view body,
                    DateTime* out);

}  // namespace gazette::ner
