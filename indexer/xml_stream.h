#pragma once
// A streaming XML reader (libxml2's xmlTextReader) over a ByteSource, for the
// NITF and feed readers: it walks element starts, and expands one record
// element (<nitf>, <item>, <entry>) at a time into a small tree, so memory is
// bounded by the largest record, not the file. No DTD or network access;
// entities are not substituted (html_dom's render_text resolves references).
// Not copyable; not thread-safe (one per reader call).

#include <libxml/xmlreader.h>

#include <string>
#include <string_view>

#include "indexer/input.h"

namespace gazette {

class XmlStream {
 public:
  // `recover`: keep going after well-formedness errors where libxml2 can
  // (feeds in the wild often have stray '&' or undeclared entities).
  XmlStream(ByteSource* source, bool recover);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Moves to the next element start tag. False at the end of the document or
  // on a fatal error (then error() is set).
  bool next_element();
  // Moves past the current element's subtree to the next node, then to the
  // next element start as next_element() does.
  bool skip_to_next_element();

  std::string_view local_name() const;  // of the current element
  std::string namespace_uri() const;
  int depth() const;                    // 0 for the root element
  long line() const;                    // parser line of the current node
  unsigned long long offset() const;    // bytes consumed (approximate: read-ahead)

  // The current element with its subtree, valid until the next move. Null on
  // a fatal error inside the element (error() is set then).
  const xmlNode* expand();

  // The first fatal error ("" when none), with its line.
  const std::string& error() const { return error_; }
  long error_line() const { return error_line_; }

 private:
  static int read_callback(void* context, char* buffer, int len);
  static void error_callback(void* arg, xmlErrorPtr error);

  ByteSource* source_;
  xmlTextReaderPtr reader_ = nullptr;
  bool recover_;
  std::string error_;
  long error_line_ = 0;
  bool done_ = false;
};

}  // namespace gazette
