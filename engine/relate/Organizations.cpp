#include "relate/Organizations.h"

#include "util/Strings.h"

namespace kith::engine {

const std::vector<std::string>& builtin_free_mail_domains() {
  // Consumer mail services whose addresses anyone can have. Kept short and
  // common; the config adds regional ones ([organizations] free_mail).
  static const std::vector<std::string> domains = {
      "gmail.com",     "googlemail.com", "outlook.com", "hotmail.*",   "live.*",     "msn.com",
      "icloud.com",    "me.com",         "mac.com",     "yahoo.*",     "ymail.com",  "aol.com",
      "proton.me",     "protonmail.com", "protonmail.ch", "pm.me",     "gmx.*",      "web.de",
      "mail.com",      "yandex.*",       "mail.ru",     "zoho.com",    "fastmail.com", "fastmail.fm",
      "hey.com",       "tutanota.com",   "tuta.io",     "posteo.de",   "mailbox.org", "t-online.de",
      "freenet.de",    "orange.fr",      "free.fr",     "laposte.net", "libero.it",  "qq.com",
      "163.com",       "126.com",        "naver.com",   "hanmail.net", "rediffmail.com", "comcast.net",
      "verizon.net",   "att.net",        "btinternet.com", "sky.com",  "bigpond.com", "seznam.cz",
  };
  return domains;
}

FreeMail::FreeMail(const std::vector<std::string>& extra) {
  auto add = [this](const std::string& entry) {
    if (entry.size() > 2 && entry.compare(entry.size() - 2, 2, ".*") == 0)
      prefixes_.push_back(entry.substr(0, entry.size() - 1));  // keep the dot
    else
      exact_.push_back(entry);
  };
  for (const auto& d : builtin_free_mail_domains()) add(d);
  for (const auto& d : extra) add(ascii_lower(d));
}

namespace {

// What "*" stands for in "gmx.*": a top-level domain, or a country's
// second-level one ("co.uk", "com.au"): one or two short labels.
bool is_public_suffix_like(std::string_view rest) {
  int labels = 0;
  for (std::size_t start = 0; start <= rest.size(); ++labels) {
    const auto dot = rest.find('.', start);
    const auto end = dot == std::string_view::npos ? rest.size() : dot;
    if (end == start || end - start > 3) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels + 1 <= 2;
}

}  // namespace

bool FreeMail::contains(std::string_view domain) const {
  // The domain and each parent: mail.gmx.de is gmx.de's.
  for (std::string_view d = domain; !d.empty();) {
    for (const auto& e : exact_)
      if (d == e) return true;
    for (const auto& p : prefixes_)
      if (d.size() > p.size() && d.substr(0, p.size()) == p && is_public_suffix_like(d.substr(p.size()))) return true;
    const auto dot = d.find('.');
    if (dot == std::string_view::npos) break;
    d.remove_prefix(dot + 1);
  }
  return false;
}

std::string mail_domain(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 >= address.size()) return {};
  return ascii_lower(address.substr(at + 1));
}

std::string first_mail_domain(const std::vector<std::pair<std::string, std::string>>& handles) {
  for (const auto& [kind, value] : handles)
    if (kind == "email")
      if (std::string domain = mail_domain(value); !domain.empty()) return domain;
  return {};
}

Organization organization_of(const std::string& card_organization,
                             const std::vector<std::pair<std::string, std::string>>& handles, const FreeMail& free_mail) {
  if (!card_organization.empty()) return {card_organization, "card"};
  for (const auto& [kind, value] : handles) {
    if (kind != "email") continue;
    std::string domain = mail_domain(value);
    if (!domain.empty() && !free_mail.contains(domain)) return {std::move(domain), "domain"};
  }
  return {};
}

}  // namespace kith::engine
