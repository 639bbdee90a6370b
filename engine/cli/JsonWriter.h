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
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "kith/Items.h"

namespace kith::engine {

class JsonWriter {
 public:
  JsonWriter() = default;
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter();  // writes what is left

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // A member name inside an object; names are the program's own words.
  JsonWriter& key(std::string_view name);

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

  // Ends the document with a newline and writes it out.
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
  void flush_if_full();

  std::vector<Level> open_;
  std::string out_;
  bool after_key_ = false;
};

}  // namespace kith::engine
