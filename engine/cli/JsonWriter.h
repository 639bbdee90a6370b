// JSON written to stdout as it is made, for lists too long to build as one
// nlohmann::json first: `kith contacts --json` over 50,000 people is 28 MB,
// and the tree alone cost the command most of a second. The layout is
// print_json's (two-space indent), so either prints the same text.
//
// Strings that are plain printable ASCII are copied as they are; any other
// goes through nlohmann's serializer (escapes, invalid UTF-8 replaced), so
// the escaping rules live in one place.
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/BackgroundOutput.h"
#include "kith/Items.h"

namespace kith::engine {

class JsonWriter {
 public:
  // To standard output, or to the descriptor `fd` (the caller's).
  explicit JsonWriter(int fd = 1) : output_(fd, kBufferBytes) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter();  // writes what is left

  // The calls a list makes for every row are inline: `kith contacts
  // --json` over 50,000 people makes some five million.
  JsonWriter& begin_object() { return open('{', true); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('[', false); }
  JsonWriter& end_array() { return close(']'); }
  // A member name inside an object; names are the program's own words,
  // with nothing to escape. Inline, with one copy: a list of everyone
  // writes a million of them.
  JsonWriter& key(std::string_view name) {
    Level& level = open_.back();
    const std::size_t indent = 2 * open_.size();
    const std::size_t room = 1 + 1 + indent + 1 + name.size() + 3;  // ,\n  "name":_
    if (room > kBufferBytes - size_) {
      flush();
      if (room > kBufferBytes) return long_key(name);
    }
    char* p = buffer_.get() + size_;
    if (!level.empty) *p++ = ',';
    level.empty = false;
    *p++ = '\n';
    std::memset(p, ' ', indent);
    p += indent;
    *p++ = '"';
    std::memcpy(p, name.data(), name.size());
    p += name.size();
    std::memcpy(p, "\": ", 3);
    size_ = static_cast<std::size_t>(p + 3 - buffer_.get());
    after_key_ = true;
    return *this;
  }

  JsonWriter& value(std::string_view text) {
    before_value();
    quoted(text);
    return *this;
  }
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool b);
  JsonWriter& value(double x);  // NaN and infinities: null, as nlohmann
  template <typename Int>
    requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>)
  JsonWriter& value(Int n) {
    if constexpr (std::is_signed_v<Int>) return integer(static_cast<std::int64_t>(n));
    else return unsigned_integer(static_cast<std::uint64_t>(n));
  }
  JsonWriter& null() {
    before_value();
    put("null");
    return *this;
  }
  // Empty text as null.
  JsonWriter& text_or_null(std::string_view text) { return text.empty() ? null() : value(text); }
  // RFC 3339 UTC, or null.
  JsonWriter& time(const std::optional<UnixSeconds>& t);
  JsonWriter& strings(const std::vector<std::string>& texts);
  // A value made elsewhere as nlohmann::json, laid out in place.
  JsonWriter& value(const nlohmann::json& v);

  // A value the caller lays out itself, for a row a long list writes
  // millions of times (`kith contacts`' contact): begin_laid_out() puts
  // what comes before a value here, then the raw_ calls append text as it
  // is, a string quoted and escaped, a number, a time. The caller's text
  // must be exactly what the calls above would write at this depth (a test
  // compares the two).
  // How many arrays and objects are open.
  std::size_t depth() const { return open_.size(); }
  JsonWriter& begin_laid_out() {
    before_value();
    return *this;
  }
  JsonWriter& raw(std::string_view text) {
    put(text);
    return *this;
  }
  JsonWriter& raw_string(std::string_view text) {
    quoted(text);
    return *this;
  }
  JsonWriter& raw_unsigned(std::uint64_t n) {
    char text[24];
    put(std::string_view(text, static_cast<std::size_t>(std::to_chars(text, text + sizeof text, n).ptr - text)));
    return *this;
  }
  JsonWriter& raw_signed(std::int64_t n) {
    char text[24];
    put(std::string_view(text, static_cast<std::size_t>(std::to_chars(text, text + sizeof text, n).ptr - text)));
    return *this;
  }
  JsonWriter& raw_double(double x);
  JsonWriter& raw_time(const std::optional<UnixSeconds>& t);  // or null

  // Ends the document with a newline and writes it out; a write error
  // (a full disk) is reported on stderr.
  void finish();

 private:
  struct Level {
    bool object;
    bool empty;
  };
  JsonWriter& open(char bracket, bool object) {
    before_value();
    put(bracket);
    open_.push_back({object, true});
    return *this;
  }
  JsonWriter& close(char bracket) {  // `}` or `]`
    const bool empty = open_.back().empty;
    open_.pop_back();
    if (!empty) newline_indent(open_.size());
    put(bracket);
    return *this;
  }
  JsonWriter& integer(std::int64_t n) {
    before_value();
    char text[24];
    put(std::string_view(text, static_cast<std::size_t>(std::to_chars(text, text + sizeof text, n).ptr - text)));
    return *this;
  }
  JsonWriter& unsigned_integer(std::uint64_t n) {
    before_value();
    char text[24];
    put(std::string_view(text, static_cast<std::size_t>(std::to_chars(text, text + sizeof text, n).ptr - text)));
    return *this;
  }
  void before_value() {
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
  // Printable ASCII but `"` and `\` goes as it is; anything else through
  // nlohmann's serializer (quoted_slowly).
  void quoted(std::string_view text) {
    for (const char ch : text)
      if (!kPlain[static_cast<unsigned char>(ch)]) return quoted_slowly(text);
    put('"');
    put(text);
    put('"');
  }
  void quoted_slowly(std::string_view text);
  static constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x7F; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return plain;
  }();
  void newline_indent(std::size_t depth) {
    static constexpr std::string_view kNewlineSpaces =
        "\n                                                                ";
    const std::size_t n = 1 + 2 * depth;
    if (n <= kNewlineSpaces.size()) put(kNewlineSpaces.substr(0, n));
    else deep_newline_indent(depth);
  }
  void deep_newline_indent(std::size_t depth);
  // Appends to the buffer, writing it out first when it is full.
  void put(char c) {
    if (size_ >= kBufferBytes) flush();
    buffer_[size_++] = c;
  }
  void put(std::string_view text) {
    if (text.size() > kBufferBytes - size_) return put_long(text);
    std::memcpy(buffer_.get() + size_, text.data(), text.size());
    size_ += text.size();
  }
  void put_long(std::string_view text);
  JsonWriter& long_key(std::string_view name);
  void flush();

  // Plain bytes into a buffer of its own (std::string's appends are calls
  // into the library, and a list writes tens of millions of bytes), handed
  // to a thread that writes it out while the next is made.
  static constexpr std::size_t kBufferBytes = 1 << 18;
  std::vector<Level> open_;
  BackgroundOutput output_;
  std::unique_ptr<char[]> buffer_ = output_.empty_block().data;
  std::size_t size_ = 0;
  bool after_key_ = false;
};

}  // namespace kith::engine
