#include "protocol/ImapResponse.h"

#include <algorithm>

#include "protocol/ImapAscii.h"

namespace kith::imap {
namespace {

bool contains(const std::vector<std::string>& items, std::string_view wanted) noexcept {
  return std::any_of(items.begin(), items.end(), [&](const std::string& item) { return ascii::iequals(item, wanted); });
}

}  // namespace

const char* to_string(Condition condition) noexcept {
  switch (condition) {
    case Condition::Ok: return "OK";
    case Condition::No: return "NO";
    case Condition::Bad: return "BAD";
    case Condition::Bye: return "BYE";
    case Condition::Preauth: return "PREAUTH";
  }
  return "?";
}

bool ResponseCode::has(std::string_view item) const noexcept { return contains(list, item); }

bool CapabilityResponse::has(std::string_view capability) const noexcept { return contains(capabilities, capability); }

bool EnabledResponse::has(std::string_view capability) const noexcept { return contains(capabilities, capability); }

bool ListResponse::has_attribute(std::string_view attribute) const noexcept { return contains(attributes, attribute); }

bool FetchResponse::has_flag(std::string_view flag) const noexcept { return flags && contains(*flags, flag); }

const FetchBody* FetchResponse::find_body(std::string_view section_word) const noexcept {
  for (const FetchBody& body : bodies) {
    const std::string_view section = body.section;
    const std::string_view word = section.substr(0, std::min(section.find(' '), section.size()));
    if (ascii::iequals(word, section_word)) return &body;
  }
  return nullptr;
}

}  // namespace kith::imap
