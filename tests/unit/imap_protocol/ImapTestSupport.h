// Helpers shared by the IMAP protocol tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>

#include "protocol/ImapParser.h"

namespace kith::imap::testing {

// Parses `unit` and returns the response as T; records a test failure (and
// returns a default T) when it does not parse or is another kind.
template <typename T>
T parse_as(std::string_view unit) {
  const Expected<Response> parsed = parse_response(unit);
  if (!parsed) {
    ADD_FAILURE() << "parse error: " << parsed.error().message << " at " << parsed.error().offset
                  << " in: " << ::testing::PrintToString(std::string(unit));
    return T{};
  }
  const T* value = std::get_if<T>(&*parsed);
  if (value == nullptr) {
    ADD_FAILURE() << "unexpected response kind " << parsed->index()
                  << " for: " << ::testing::PrintToString(std::string(unit));
    return T{};
  }
  return *value;
}

// The error for a unit that must not parse; records a failure if it does.
inline Error parse_error(std::string_view unit) {
  const Expected<Response> parsed = parse_response(unit);
  if (parsed) {
    ADD_FAILURE() << "expected a parse error (got kind " << parsed->index()
                  << ") for: " << ::testing::PrintToString(std::string(unit));
    return Error{};
  }
  return parsed.error();
}

}  // namespace kith::imap::testing
