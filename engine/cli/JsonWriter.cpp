#include "cli/JsonWriter.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cmath>
#include <iostream>

#include "util/Time.h"

namespace kith::engine {

namespace {

constexpr std::string_view kSpaces = "                                                                ";

}  // namespace

JsonWriter::~JsonWriter() { static_cast<void>(output_.finish({std::move(buffer_), size_})); }

void JsonWriter::flush() {
  if (size_ == 0) return;
  output_.write({std::move(buffer_), size_});
  buffer_ = output_.empty_block().data;
  size_ = 0;
}

void JsonWriter::put_long(std::string_view text) {
  while (!text.empty()) {
    if (size_ == kBufferBytes) flush();
    const std::size_t some = std::min(text.size(), kBufferBytes - size_);
    std::memcpy(buffer_.get() + size_, text.data(), some);
    size_ += some;
    text.remove_prefix(some);
  }
}

void JsonWriter::deep_newline_indent(std::size_t depth) {
  put('\n');
  for (std::size_t n = 2 * depth; n > 0;) {
    const std::size_t some = std::min(n, kSpaces.size());
    put(kSpaces.substr(0, some));
    n -= some;
  }
}

JsonWriter& JsonWriter::long_key(std::string_view name) {
  Level& level = open_.back();
  if (!level.empty) put(',');
  level.empty = false;
  newline_indent(open_.size());
  put('"');
  put(name);
  put("\": ");
  after_key_ = true;
  return *this;
}

void JsonWriter::quoted_slowly(std::string_view text) {
  put(nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  put(b ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::value(double x) {
  if (!std::isfinite(x)) return null();
  before_value();
  return raw_double(x);
}

JsonWriter& JsonWriter::raw_double(double x) {
  if (!std::isfinite(x)) return raw("null");
  // nlohmann's own digits and layout, the very function its dump() uses:
  // std::to_chars picks other layouts (1e+05 for 100000.0, 1e-04 for
  // 0.0001). A detail of nlohmann's, but the version is Debian's, and a
  // change is a compile error, not different output.
  char text[64];
  put(std::string_view(text, static_cast<std::size_t>(nlohmann::detail::to_chars(text, text + sizeof text, x) - text)));
  return *this;
}

JsonWriter& JsonWriter::time(const std::optional<UnixSeconds>& t) {
  before_value();
  return raw_time(t);
}

JsonWriter& JsonWriter::raw_time(const std::optional<UnixSeconds>& t) {
  if (!t) return raw("null");
  char text[kRfc3339Max];
  return raw_string(std::string_view(text, format_rfc3339(*t, text)));
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& texts) {
  begin_array();
  for (const auto& t : texts) value(t);
  return end_array();
}

JsonWriter& JsonWriter::value(const nlohmann::json& v) {
  before_value();
  const std::string text = v.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string indent(2 * open_.size(), ' ');
  for (const char c : text) {
    put(c);
    if (c == '\n') put(indent);
  }
  return *this;
}

void JsonWriter::finish() {
  put('\n');
  const std::string error = output_.finish({std::move(buffer_), size_});
  buffer_ = output_.empty_block().data;
  size_ = 0;
  if (!error.empty()) std::cerr << "kith: cannot write the output: " << error << "\n";
}

}  // namespace kith::engine
