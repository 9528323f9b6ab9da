#include "indexer/xml_stream.h"

#include "indexer/html_dom.h"

namespace gazette {

int XmlStream::read_callback(void* context, char* buffer, int len) {
  auto* self = static_cast<XmlStream*>(context);
  if (len <= 0) return 0;
  return static_cast<int>(self->source_->read(buffer, static_cast<size_t>(len)));
}

void XmlStream::error_callback(void* arg, xmlErrorPtr error) {
  auto* self = static_cast<XmlStream*>(arg);
  // Only fatal (well-formedness) errors end the stream. Plain errors, such as
  // an entity that an unloaded DTD would declare (&nbsp; in NITF), do not.
  if (error == nullptr || error->level != XML_ERR_FATAL) return;
  if (!self->error_.empty()) return;
  std::string msg = error->message != nullptr ? error->message : "XML error";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  self->error_ = msg;
  self->error_line_ = error->line;
}

XmlStream::XmlStream(ByteSource* source, bool recover) : source_(source), recover_(recover) {
  init_libxml();
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  if (recover) options |= XML_PARSE_RECOVER;
  reader_ = xmlReaderForIO(read_callback, nullptr, this, nullptr, nullptr, options);
  if (reader_ != nullptr) xmlTextReaderSetStructuredErrorHandler(reader_, error_callback, this);
}

XmlStream::~XmlStream() {
  if (reader_ != nullptr) xmlFreeTextReader(reader_);
}

bool XmlStream::next_element() {
  if (reader_ == nullptr || done_) return false;
  for (;;) {
    int rc = xmlTextReaderRead(reader_);
    if (rc != 1) {
      if (rc < 0 && error_.empty()) {
        error_ = "malformed XML";
        error_line_ = line();
      }
      done_ = true;
      return false;
    }
    if (xmlTextReaderNodeType(reader_) == XML_READER_TYPE_ELEMENT) return true;
  }
}

bool XmlStream::skip_to_next_element() {
  if (reader_ == nullptr || done_) return false;
  int rc = xmlTextReaderNext(reader_);
  if (rc != 1) {
    if (rc < 0 && error_.empty()) {
      error_ = "malformed XML";
      error_line_ = line();
    }
    done_ = true;
    return false;
  }
  if (xmlTextReaderNodeType(reader_) == XML_READER_TYPE_ELEMENT) return true;
  return next_element();
}

std::string_view XmlStream::local_name() const {
  const xmlChar* n = xmlTextReaderConstLocalName(reader_);
  return n == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(n));
}

std::string XmlStream::namespace_uri() const {
  const xmlChar* n = xmlTextReaderConstNamespaceUri(reader_);
  return n == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(n));
}

int XmlStream::depth() const { return xmlTextReaderDepth(reader_); }

long XmlStream::line() const {
  return reader_ == nullptr ? 0 : xmlTextReaderGetParserLineNumber(reader_);
}

unsigned long long XmlStream::offset() const {
  long consumed = reader_ == nullptr ? 0 : xmlTextReaderByteConsumed(reader_);
  return consumed < 0 ? 0 : static_cast<unsigned long long>(consumed);
}

const xmlNode* XmlStream::expand() {
  if (reader_ == nullptr || done_) return nullptr;
  xmlNode* n = xmlTextReaderExpand(reader_);
  // A complete subtree, even if an error follows it in the read-ahead: the
  // error is reported when the stream reaches it.
  if (n == nullptr && error_.empty()) {
    error_ = "malformed XML";
    error_line_ = line();
  }
  return n;
}

}  // namespace gazette
