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
  // `repair`: feeds in the wild are often not well-formed XML because of a
  // bare '&' or an HTML entity (&nbsp;) without a DTD, either of which is
  // fatal to an XML parser. With repair on, the bytes are mended as they
  // stream in: a bare '&' becomes "&amp;", an HTML entity name its numeric
  // reference ("&#160;"); XML's own entities and character references pass.
  XmlStream(ByteSource* source, bool repair);
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
  long line() const;                    // the parser's line (it reads ahead of the node)

  // The current element with its subtree, valid until the next move. Null on
  // a fatal error inside the element (error() is set then).
  const xmlNode* expand();

  // The first fatal error ("" when none), with its line.
  const std::string& error() const { return error_; }
  long error_line() const { return error_line_; }

 private:
  static int read_callback(void* context, char* buffer, int len);
  // Mends entity references in raw_ into out_ (see the constructor).
  void repair_chunk(bool at_end);
  static void error_callback(void* arg, xmlErrorPtr error);

  ByteSource* source_;
  xmlTextReaderPtr reader_ = nullptr;
  bool repair_;
  std::string raw_;     // bytes read but not yet mended (an unfinished "&...")
  std::string out_;     // mended bytes not yet given to libxml2
  size_t out_pos_ = 0;
  bool source_done_ = false;
  std::string error_;
  long error_line_ = 0;
  bool done_ = false;
};

}  // namespace gazette
