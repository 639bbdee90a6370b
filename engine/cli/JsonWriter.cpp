#include "cli/JsonWriter.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <cmath>
#include <iostream>

#include "util/Time.h"

namespace kith::engine {

namespace {

// Bytes a JSON string can hold as they are: printable ASCII but `"` and `\`.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7F; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

bool plain_ascii(std::string_view s) {
  for (const char ch : s)
    if (!kPlain[static_cast<unsigned char>(ch)]) return false;
  return true;
}

// A newline and an indent of up to 64 spaces at once.
constexpr std::string_view kNewlineSpaces = "\n                                                                ";

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

void JsonWriter::newline_indent(std::size_t depth) {
  std::size_t n = 2 * depth;
  put(kNewlineSpaces.substr(0, 1 + std::min(n, kNewlineSpaces.size() - 1)));
  for (n -= std::min(n, kNewlineSpaces.size() - 1); n > 0;) {
    const std::size_t some = std::min(n, kNewlineSpaces.size() - 1);
    put(kNewlineSpaces.substr(1, some));
    n -= some;
  }
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  Level& level = open_.back();
  if (!level.empty) put(',');
  level.empty = false;
  newline_indent(open_.size());
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

JsonWriter& JsonWriter::begin_object() {
  before_value();
  put('{');
  open_.push_back({true, true});
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  put('[');
  open_.push_back({false, true});
  return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }

JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::close(char bracket) {
  const bool empty = open_.back().empty;
  open_.pop_back();
  if (!empty) newline_indent(open_.size());
  put(bracket);
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  quoted(text);
  return *this;
}

void JsonWriter::quoted(std::string_view text) {
  if (plain_ascii(text)) {
    put('"');
    put(text);
    put('"');
  } else {
    put(nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  put(b ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::value(double x) {
  if (!std::isfinite(x)) return null();
  before_value();
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, x).ptr;
  const std::string_view shortest(text, static_cast<std::size_t>(end - text));
  put(shortest);
  // nlohmann writes a whole number as a number with a fraction: 100.0.
  if (shortest.find_first_of(".e") == std::string_view::npos) put(".0");
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t n) {
  before_value();
  char text[24];
  put(std::string_view(text, static_cast<std::size_t>(std::to_chars(text, text + sizeof text, n).ptr - text)));
  return *this;
}

JsonWriter& JsonWriter::unsigned_integer(std::uint64_t n) {
  before_value();
  char text[24];
  put(std::string_view(text, static_cast<std::size_t>(std::to_chars(text, text + sizeof text, n).ptr - text)));
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  put("null");
  return *this;
}

JsonWriter& JsonWriter::text_or_null(std::string_view text) { return text.empty() ? null() : value(text); }

JsonWriter& JsonWriter::time(const std::optional<UnixSeconds>& t) {
  if (!t) return null();
  char text[kRfc3339Max];
  return value(std::string_view(text, format_rfc3339(*t, text)));
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
