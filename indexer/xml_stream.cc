#include "indexer/xml_stream.h"

#include <algorithm>
#include <cstring>

#include "indexer/html_dom.h"

namespace gazette {

int XmlStream::read_callback(void* context, char* buffer, int len) {
  auto* self = static_cast<XmlStream*>(context);
  if (len <= 0) return 0;
  if (!self->repair_) return static_cast<int>(self->source_->read(buffer, static_cast<size_t>(len)));
  while (self->out_pos_ == self->out_.size()) {
    if (self->source_done_) return 0;
    self->out_.clear();
    self->out_pos_ = 0;
    char chunk[1 << 14];
    size_t got = self->source_->read(chunk, sizeof chunk);
    if (got == 0) self->source_done_ = true;
    self->raw_.append(chunk, got);
    self->repair_chunk(self->source_done_);
  }
  size_t n = std::min(static_cast<size_t>(len), self->out_.size() - self->out_pos_);
  std::memcpy(buffer, self->out_.data() + self->out_pos_, n);
  self->out_pos_ += n;
  return static_cast<int>(n);
}

void XmlStream::repair_chunk(bool at_end) {
  constexpr size_t kMaxRef = 40;  // longer "&...;" runs are not references
  size_t i = 0;
  while (i < raw_.size()) {
    size_t amp = raw_.find('&', i);
    if (amp == std::string::npos) {
      out_.append(raw_, i, std::string::npos);
      i = raw_.size();
      break;
    }
    out_.append(raw_, i, amp - i);
    size_t semi = raw_.find(';', amp + 1);
    bool complete = semi != std::string::npos && semi - amp <= kMaxRef;
    if (!complete && !at_end && raw_.size() - amp <= kMaxRef) {
      i = amp;  // an unfinished reference: wait for the next chunk
      break;
    }
    std::string name = complete ? raw_.substr(amp + 1, semi - amp - 1) : std::string();
    bool ok_name = !name.empty();
    for (char c : name) {
      bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '#' || c == '_' || c == '-' || c == '.';
      if (!word) ok_name = false;
    }
    if (!ok_name) {
      out_ += "&amp;";
      i = amp + 1;
      continue;
    }
    if (name[0] == '#' || name == "amp" || name == "lt" || name == "gt" || name == "quot" ||
        name == "apos") {
      out_.append(raw_, amp, semi - amp + 1);
    } else if (const htmlEntityDesc* d =
                   htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
      out_ += "&#" + std::to_string(d->value) + ";";
    } else {
      out_ += "&amp;";
      i = amp + 1;
      continue;
    }
    i = semi + 1;
  }
  raw_.erase(0, i);
  if (at_end && !raw_.empty()) {
    out_ += raw_;
    raw_.clear();
  }
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

XmlStream::XmlStream(ByteSource* source, bool repair) : source_(source), repair_(repair) {
  init_libxml();
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
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
