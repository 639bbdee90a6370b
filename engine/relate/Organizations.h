// Where a person works, as far as their data says: their newest card or
// LinkedIn connection, else the domain of their mail address, unless that
// domain is a free-mail provider (README "Organizations").
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kith::engine {

// The built-in free-mail domains. An entry "gmx.*" stands for gmx.<any
// top-level domain> (gmx.de, gmx.net, gmx.co.uk), as the providers run one
// service under many.
const std::vector<std::string>& builtin_free_mail_domains();

class FreeMail {
 public:
  // The built-in list plus the config's [organizations] free_mail.
  explicit FreeMail(const std::vector<std::string>& extra = {});
  // `domain` (lower case) is one of the list's, or a subdomain of one.
  bool contains(std::string_view domain) const;

 private:
  std::vector<std::string> exact_;     // "gmail.com"
  std::vector<std::string> prefixes_;  // "gmx." for "gmx.*"
};

// The lower-cased domain of an email handle; "" when it has none.
std::string mail_domain(std::string_view address);

// The first email handle's domain, in the person's handle order.
std::string first_mail_domain(const std::vector<std::pair<std::string, std::string>>& handles);

struct Organization {
  std::string name;    // "Acme" from a card, "acme.com" from an address; "" if unknown
  std::string source;  // "card", "domain" or ""
};

// A card's organization wins; else the first email domain that is not
// free mail.
Organization organization_of(const std::string& card_organization,
                             const std::vector<std::pair<std::string, std::string>>& handles, const FreeMail& free_mail);

}  // namespace kith::engine
