// What `kith ignore` and [identity] ignore cover: handles, and addresses
// at a domain or its subdomains ("@example.com").
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "extract/HandleValue.h"
#include "kith/Ascii.h"

namespace kith::engine {

// An entry as the user wrote it ("@Example.COM", "Ann@Example.com", a
// profile URL), as it is kept: "@example.com", "ann@example.com", the URL
// normalized. "" when it is neither a domain nor a handle.
inline std::string ignore_entry_from_text(std::string_view text) {
  text = kith::ascii::trim(text);
  if (!text.empty() && text.front() == '@') {
    std::string domain = kith::ascii::lower(text.substr(1));
    if (domain.empty() || domain.find_first_of("@/ \t") != std::string::npos) return {};
    return "@" + domain;
  }
  return handle_from_user_text(text).value;
}

class IgnoreSet {
 public:
  void add(const std::string& entry) {
    if (!entry.empty() && entry.front() == '@')
      domains_.push_back(entry.substr(1));
    else
      handles_.insert(entry);
  }
  bool empty() const { return handles_.empty() && domains_.empty(); }
  bool covers(HandleKind kind, const std::string& value) const {
    if (empty()) return false;
    if (handles_.count(value)) return true;
    if (kind != HandleKind::Email) return false;
    for (const auto& domain : domains_)
      if (address_in_domain(value, domain)) return true;
    return false;
  }

 private:
  std::unordered_set<std::string> handles_;
  std::vector<std::string> domains_;
};

}  // namespace kith::engine
