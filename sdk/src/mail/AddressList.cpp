// parse_address_list: mimetic parses, we prepare its input (see
// AddressListText.h) and judge and tidy what comes out.
#include <string>
#include <string_view>
#include <vector>

#include "AddressListText.h"
#include "Charset.h"
#include "DisplayName.h"
#include "MimeticAdapter.h"
#include "Text.h"
#include "kith/mail/HeaderParser.h"

namespace kith::mail {
namespace {

// Characters that cannot appear in an unquoted local part or a domain
// name. When mimetic is handed something it cannot parse it still returns
// a "mailbox", with these characters inside ("Ann<ann" from a '<' never
// closed); we drop those instead of storing garbage addresses.
constexpr std::string_view kSpecials = "<>()[],;:@\\\" ";

bool has_special_or_control(std::string_view text) {
  for (char c : text)
    if (detail::is_ascii_control(c) || kSpecials.find(c) != std::string_view::npos) return true;
  return false;
}

bool is_plausible_local_part(std::string_view local) {
  if (local.empty()) return false;
  if (local.size() >= 2 && local.front() == '"' && local.back() == '"') return true;  // quoted: anything goes
  return !has_special_or_control(local);
}

bool is_plausible_domain(std::string_view domain) {
  if (domain.empty()) return false;
  if (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']')  // address literal
    return !has_special_or_control(domain.substr(1, domain.size() - 2));
  return !has_special_or_control(domain);
}

// RFC 5322 3.2.3 atext: letters, digits and these; UTF-8 bytes as RFC 6532
// allows.
bool is_atext(char c) {
  constexpr std::string_view kAtextSymbols = "!#$%&'*+-/=?^_`{|}~";
  return detail::is_ascii_alpha(c) || detail::is_ascii_digit(c) || kAtextSymbols.find(c) != std::string_view::npos ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_dot_atom(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.') {
      if (text[i + 1] == '.') return false;
    } else if (!is_atext(text[i])) {
      return false;
    }
  }
  return true;
}

// A quoted local part whose content is a dot-atom names the same mailbox
// as the bare dot-atom (RFC 5322 3.4.1: "vic" and vic are one local part),
// so the quotes go; one that needs them ("big bug") keeps them as written.
std::string without_redundant_quotes(const std::string& local) {
  if (local.size() < 2 || local.front() != '"' || local.back() != '"') return local;
  std::string content;
  for (std::size_t i = 1; i + 1 < local.size(); ++i) {
    if (local[i] == '\\' && i + 2 < local.size()) ++i;  // quoted-pair
    content += local[i];
  }
  return is_dot_atom(content) ? content : local;
}

}  // namespace

std::vector<Mailbox> parse_address_list(std::string_view field_value) {
  std::vector<Mailbox> mailboxes;
  const std::string prepared = detail::prepare_address_list_for_mimetic(field_value);
  if (prepared.empty()) return mailboxes;
  for (const detail::RawMailbox& raw : detail::read_mailboxes(prepared)) {
    // Empty groups come back from mimetic as one empty mailbox; malformed
    // entries as partial ones. Neither is an address.
    if (!is_plausible_local_part(raw.local_part) || !is_plausible_domain(raw.domain)) continue;
    std::string address = without_redundant_quotes(raw.local_part) + "@" + raw.domain;
    // Internationalised addresses are UTF-8 (RFC 6532); anything else is
    // not an address we could ever match or show.
    if (!detail::is_valid_utf8(address)) continue;
    mailboxes.push_back(Mailbox{detail::display_name_from_phrase(raw.display_phrase), std::move(address)});
  }
  return mailboxes;
}

}  // namespace kith::mail
