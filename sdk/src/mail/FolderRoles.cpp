#include "kith/mail/FolderRoles.h"

#include <array>
#include <string_view>

#include "Text.h"

namespace kith::mail {
namespace {

using detail::iequals;

struct NamedRole {
  std::string_view name;
  FolderRole role;
};

constexpr std::array<NamedRole, 14> kWellKnownNames = {{
    {"INBOX", FolderRole::Inbox},
    {"Sent", FolderRole::Sent},
    {"Sent Items", FolderRole::Sent},
    {"Sent Mail", FolderRole::Sent},
    {"Sent Messages", FolderRole::Sent},
    {"Junk", FolderRole::Junk},
    {"Spam", FolderRole::Junk},
    {"Junk E-mail", FolderRole::Junk},
    {"Bulk Mail", FolderRole::Junk},
    {"Drafts", FolderRole::Drafts},
    {"Trash", FolderRole::Trash},
    {"Deleted Items", FolderRole::Trash},
    {"Deleted Messages", FolderRole::Trash},
    {"Bin", FolderRole::Trash},
}};

// RFC 6154 attributes, plus the XLIST ones Gmail still sends (\Inbox,
// \Spam).
constexpr std::array<NamedRole, 6> kSpecialUses = {{
    {"Sent", FolderRole::Sent},
    {"Junk", FolderRole::Junk},
    {"Spam", FolderRole::Junk},
    {"Drafts", FolderRole::Drafts},
    {"Trash", FolderRole::Trash},
    {"Inbox", FolderRole::Inbox},
}};

// The last hierarchy element: "[Gmail]/Sent Mail" -> "Sent Mail",
// "INBOX.Drafts" -> "Drafts". Trailing separators are ignored.
std::string_view last_path_element(std::string_view name) {
  name = detail::trim(name);
  while (!name.empty() && (name.back() == '/' || name.back() == '.')) name.remove_suffix(1);
  const std::size_t separator = name.find_last_of("/.");
  if (separator != std::string_view::npos) name.remove_prefix(separator + 1);
  return detail::trim(name);
}

}  // namespace

FolderRole role_from_name(std::string_view folder_name) {
  const std::string_view leaf = last_path_element(folder_name);
  for (const NamedRole& known : kWellKnownNames)
    if (iequals(leaf, known.name)) return known.role;
  return FolderRole::Other;
}

FolderRole role_from_special_use(std::string_view attribute) {
  attribute = detail::trim(attribute);
  if (attribute.starts_with('\\')) attribute.remove_prefix(1);
  for (const NamedRole& special : kSpecialUses)
    if (iequals(attribute, special.name)) return special.role;
  return FolderRole::Other;
}

}  // namespace kith::mail
