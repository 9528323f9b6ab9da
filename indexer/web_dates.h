#pragma once
// Dates as written in web pages, feeds, HTTP/WARC headers and NITF, parsed into
// the article DateTime (common/date.h). Thread-safe, never throw.

#include <string>
#include <string_view>

#include "common/date.h"

namespace gazette {

// Parses an RFC 822 / 1123 / 2822 date, the form of RSS <pubDate> and HTTP:
//   date-time = [ day-name "," ] day month-name year hh ":" mm [ ":" ss ] [ zone ]
//   zone      = "+hhmm" | "-hhmm" | "GMT" | "UT" | "UTC" | "Z" | "EST" | "EDT" |
//               "CST" | "CDT" | "MST" | "MDT" | "PST" | "PDT" | one military letter
// Two-digit years are 19xx from 50, else 20xx. The time may be missing.
// Returns "" and fills *out, or a message saying what is wrong (*out invalid).
std::string parse_rfc822_date(std::string_view text, DateTime* out);

// Any date form gazette meets in web content, tried in turn: ISO 8601 in the
// extended or basic form (parse_iso_date: "2016-02-21T10:30:00Z",
// "20160221T103000+0100"), RFC 822, and written dates "February 21, 2016",
// "Feb. 21, 2016 10:30", "21 February 2016". Returns "" on success, else the
// message of the ISO parser (the form most sources use).
std::string parse_web_date(std::string_view text, DateTime* out);

// A date given as a number: an integer of eight digits that is a calendar
// date YYYYMMDD is that day (20160221); any other number is Unix time in
// seconds, or in milliseconds from 10^11 on (as seconds, that would be after the
// year 5138). False (and *out invalid) outside years 1..9999.
bool date_from_number(double value, DateTime* out);

// A date given as text in a field of its own (a CSV cell): a number (digits,
// an optional sign and fraction) as date_from_number reads it, anything else as
// parse_web_date does. Returns "" or what is wrong.
std::string parse_date_value(std::string_view text, DateTime* out);

}  // namespace gazette
