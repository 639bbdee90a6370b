#include "cli/JsonWriter.h"

#include <charconv>
#include <cmath>
#include <iostream>

#include "util/Time.h"

namespace kith::engine {

namespace {

constexpr std::size_t kFlushBytes = 1 << 16;

bool plain_ascii(std::string_view s) {
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

JsonWriter::~JsonWriter() {
  if (!out_.empty()) std::cout.write(out_.data(), static_cast<std::streamsize>(out_.size()));
}

void JsonWriter::newline_indent(std::size_t depth) {
  out_ += '\n';
  out_.append(2 * depth, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  Level& level = open_.back();
  if (!level.empty) out_ += ',';
  level.empty = false;
  newline_indent(open_.size());
}

void JsonWriter::flush_if_full() {
  if (out_.size() < kFlushBytes) return;
  std::cout.write(out_.data(), static_cast<std::streamsize>(out_.size()));
  out_.clear();
}

JsonWriter& JsonWriter::key(std::string_view name) {
  Level& level = open_.back();
  if (!level.empty) out_ += ',';
  level.empty = false;
  newline_indent(open_.size());
  quoted(name);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  open_.push_back({true, true});
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  open_.push_back({false, true});
  return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }

JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::close(char bracket) {
  const bool empty = open_.back().empty;
  open_.pop_back();
  if (!empty) newline_indent(open_.size());
  out_ += bracket;
  flush_if_full();
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  quoted(text);
  return *this;
}

void JsonWriter::quoted(std::string_view text) {
  if (plain_ascii(text)) {
    out_ += '"';
    out_ += text;
    out_ += '"';
  } else {
    out_ += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(double x) {
  if (!std::isfinite(x)) return null();
  before_value();
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, x).ptr;
  const std::string_view shortest(text, static_cast<std::size_t>(end - text));
  out_ += shortest;
  // nlohmann writes a whole number as a number with a fraction: 100.0.
  if (shortest.find_first_of(".e") == std::string_view::npos) out_ += ".0";
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t n) {
  before_value();
  char text[24];
  out_.append(text, std::to_chars(text, text + sizeof text, n).ptr);
  return *this;
}

JsonWriter& JsonWriter::unsigned_integer(std::uint64_t n) {
  before_value();
  char text[24];
  out_.append(text, std::to_chars(text, text + sizeof text, n).ptr);
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::text_or_null(std::string_view text) { return text.empty() ? null() : value(text); }

JsonWriter& JsonWriter::time(const std::optional<UnixSeconds>& t) {
  return t ? value(format_rfc3339(*t)) : null();
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
    out_ += c;
    if (c == '\n') out_ += indent;
  }
  return *this;
}

void JsonWriter::finish() {
  out_ += '\n';
  std::cout.write(out_.data(), static_cast<std::streamsize>(out_.size()));
  out_.clear();
  std::cout.flush();
}

}  // namespace kith::engine
