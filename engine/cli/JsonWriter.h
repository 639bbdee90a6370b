// JSON written to stdout as it is made, for lists too long to build as one
// nlohmann::json first: `kith contacts --json` over 50,000 people is 28 MB,
// and the tree alone cost the command most of a second. The layout is
// print_json's (two-space indent), so either prints the same text.
//
// Strings that are plain printable ASCII are copied as they are; any other
// goes through nlohmann's serializer (escapes, invalid UTF-8 replaced), so
// the escaping rules live in one place.
#pragma once

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

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
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

  JsonWriter& value(std::string_view text);
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
  JsonWriter& null();
  // Empty text as null.
  JsonWriter& text_or_null(std::string_view text);
  // RFC 3339 UTC, or null.
  JsonWriter& time(const std::optional<UnixSeconds>& t);
  JsonWriter& strings(const std::vector<std::string>& texts);
  // A value made elsewhere as nlohmann::json, laid out in place.
  JsonWriter& value(const nlohmann::json& v);

  // Ends the document with a newline and writes it out; a write error
  // (a full disk) is reported on stderr.
  void finish();

 private:
  struct Level {
    bool object;
    bool empty;
  };
  JsonWriter& close(char bracket);  // `}` or `]`
  JsonWriter& integer(std::int64_t n);
  JsonWriter& unsigned_integer(std::uint64_t n);
  void before_value();
  void quoted(std::string_view text);
  void newline_indent(std::size_t depth);
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
