#include "common/status.h"

namespace gazette {

std::string Origin::str() const {
  std::string out = file;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
  }
  if (!where.empty()) {
    out += " (";
    out += where;
    out += ')';
  }
  return out;
}

std::string Problem::str() const {
  std::string out = origin.str();
  out += ": ";
  if (!field.empty()) {
    out += "field '";
    out += field;
    out += "': ";
  }
  out += message;
  out += " [";
  out += reason;
  out += ']';
  return out;
}

Problem make_problem(std::string_view reason, std::string_view field, std::string message,
                     const Origin& origin) {
  Problem p;
  p.reason = reason;
  p.field = field;
  p.message = std::move(message);
  p.origin = origin;
  return p;
}

}  // namespace gazette
