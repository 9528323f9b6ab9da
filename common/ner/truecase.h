#pragma once
// Headline detection and truecasing. News titles are title case ("Violence
// Rages in Syria as Kerry, Lavrov Reach Deal") or all caps ("SOCCER - JAPAN GET
// LUCKY WIN"); a tagger trained on running text reads every capital there as a
// name. truecase() gives each headline word the casing it has in the body of
// the same document (outside sentence starts); a word the body never uses is
// lowercased when it is a common English word, else kept (all-caps lines: title-cased).

#include "common/ner/gazetteer.h"
#include "common/ner/text.h"

namespace gazette::ner {

// True when the tokens [s.begin, s.end) look like a headline: at least two
// content words, of which at least 80% are capitalised (at most one not), not
// a sentence ending in "." with a lowercase content word, not a long one
// ending in ? or !
bool is_headline(const TokenizedText& doc, const Sentence& s);

// Marks headline sentences (Sentence::headline) and rewrites their Token::text
// as described above; offsets are unchanged. Thread-safe (no shared state).
void truecase(const Gazetteer& gazetteer, TokenizedText* doc);

}  // namespace gazette::ner
