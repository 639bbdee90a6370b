#include "kith/mail/FolderRoles.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "Charset.h"
#include "Text.h"

namespace kith::mail {
namespace {

using detail::iequals;

struct NamedRole {
  std::string_view name;
  FolderRole role;
};

// Folder names that mean a role, as the last path element, compared
// case-insensitively (ASCII letters) after modified UTF-7 is decoded. The
// English names are what most servers create; the others are what mail
// clients and servers create for users in the most common languages, for
// servers that announce no roles at all (no SPECIAL-USE, no XLIST).
constexpr NamedRole kWellKnownNames[] = {
    {"INBOX", FolderRole::Inbox},
    // Sent
    {"Sent", FolderRole::Sent}, {"Sent Items", FolderRole::Sent}, {"Sent Mail", FolderRole::Sent},
    {"Sent Messages", FolderRole::Sent},
    {"Gesendet", FolderRole::Sent}, {"Gesendete Elemente", FolderRole::Sent},            // de
    {"Gesendete Objekte", FolderRole::Sent},
    {"Envoyés", FolderRole::Sent}, {"Éléments envoyés", FolderRole::Sent},  // fr
    {"Messages envoyés", FolderRole::Sent},
    {"Enviados", FolderRole::Sent}, {"Elementos enviados", FolderRole::Sent},          // es, pt
    {"Itens Enviados", FolderRole::Sent}, {"Itens enviados", FolderRole::Sent},
    {"Posta inviata", FolderRole::Sent}, {"Inviati", FolderRole::Sent}, {"Elementi inviati", FolderRole::Sent},  // it
    {"Verzonden", FolderRole::Sent}, {"Verzonden items", FolderRole::Sent},            // nl
    {"Skickat", FolderRole::Sent}, {"Skickade objekt", FolderRole::Sent},              // sv
    {"Sendt", FolderRole::Sent}, {"Sendte elementer", FolderRole::Sent},               // da, nb
    {"Lähetetyt", FolderRole::Sent},                                             // fi
    {"Wysłane", FolderRole::Sent}, {"Elementy wysłane", FolderRole::Sent},  // pl
    {"Odeslané", FolderRole::Sent}, {"Odeslaná pošta", FolderRole::Sent},  // cs
    {"Отправленные", FolderRole::Sent},  // ru
    {"已发送", FolderRole::Sent},                     // zh
    {"送信済み", FolderRole::Sent},      // ja
    // Junk
    {"Junk", FolderRole::Junk}, {"Spam", FolderRole::Junk}, {"Junk E-mail", FolderRole::Junk},
    {"Junk Email", FolderRole::Junk}, {"Junk Mail", FolderRole::Junk}, {"Bulk Mail", FolderRole::Junk},
    {"Junk-E-Mail", FolderRole::Junk}, {"Spamverdacht", FolderRole::Junk},                  // de
    {"Courrier indésirable", FolderRole::Junk}, {"Indésirables", FolderRole::Junk},  // fr
    {"Correo no deseado", FolderRole::Junk},                                            // es
    {"Lixo eletrônico", FolderRole::Junk}, {"Lixo Eletrônico", FolderRole::Junk},  // pt
    {"Posta indesiderata", FolderRole::Junk},                                           // it
    {"Ongewenste e-mail", FolderRole::Junk},                                            // nl
    {"Skräppost", FolderRole::Junk},                                              // sv
    {"Uønsket e-mail", FolderRole::Junk}, {"Søppelpost", FolderRole::Junk},  // da, nb
    {"Roskaposti", FolderRole::Junk},                                                   // fi
    {"Wiadomości-śmieci", FolderRole::Junk},                              // pl
    {"Nevyžádaná pošta", FolderRole::Junk},               // cs
    {"Спам", FolderRole::Junk},                           // ru
    {"垃圾邮件", FolderRole::Junk},       // zh
    {"迷惑メール", FolderRole::Junk},  // ja
    // Drafts
    {"Drafts", FolderRole::Drafts},
    {"Entwürfe", FolderRole::Drafts},                                            // de
    {"Brouillons", FolderRole::Drafts},                                                 // fr
    {"Borradores", FolderRole::Drafts},                                                 // es
    {"Rascunhos", FolderRole::Drafts},                                                  // pt
    {"Bozze", FolderRole::Drafts},                                                      // it
    {"Concepten", FolderRole::Drafts},                                                  // nl
    {"Utkast", FolderRole::Drafts},                                                     // sv, nb
    {"Kladder", FolderRole::Drafts},                                                    // da
    {"Luonnokset", FolderRole::Drafts},                                                 // fi
    {"Kopie robocze", FolderRole::Drafts}, {"Szkice", FolderRole::Drafts},              // pl
    {"Koncepty", FolderRole::Drafts},                                                   // cs
    {"Черновики", FolderRole::Drafts},  // ru
    {"草稿", FolderRole::Drafts}, {"草稿箱", FolderRole::Drafts},  // zh
    {"下書き", FolderRole::Drafts},                   // ja
    // Trash
    {"Trash", FolderRole::Trash}, {"Deleted Items", FolderRole::Trash}, {"Deleted Messages", FolderRole::Trash},
    {"Bin", FolderRole::Trash},
    {"Papierkorb", FolderRole::Trash}, {"Gelöschte Elemente", FolderRole::Trash},   // de
    {"Gelöschte Objekte", FolderRole::Trash},
    {"Corbeille", FolderRole::Trash}, {"Éléments supprimés", FolderRole::Trash},  // fr
    {"Papelera", FolderRole::Trash}, {"Elementos eliminados", FolderRole::Trash},        // es
    {"Lixeira", FolderRole::Trash}, {"Itens Excluídos", FolderRole::Trash},        // pt
    {"Cestino", FolderRole::Trash}, {"Posta eliminata", FolderRole::Trash},             // it
    {"Prullenbak", FolderRole::Trash}, {"Verwijderde items", FolderRole::Trash},        // nl
    {"Papperskorgen", FolderRole::Trash},                                               // sv
    {"Papirkurv", FolderRole::Trash}, {"Slettede elementer", FolderRole::Trash},        // da, nb
    {"Roskakori", FolderRole::Trash},                                                   // fi
    {"Kosz", FolderRole::Trash},                                                        // pl
    {"Koš", FolderRole::Trash},                                                   // cs
    {"Корзина", FolderRole::Trash},  // ru
    {"已删除", FolderRole::Trash},                     // zh
    {"ゴミ箱", FolderRole::Trash},                     // ja
};

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

// IMAP's modified UTF-7 (RFC 3501 5.1.3) as UTF-8: printable ASCII stands
// for itself, "&-" is '&', and "&...-" is UTF-16 in base64 with ',' for
// '/'; iconv's UTF-7 (RFC 2152, '+' for '&') decodes each such run.
// nullopt when the name is not modified UTF-7 (8-bit bytes, as sent by
// servers that speak UTF-8, or a run that does not decode): such a name is
// taken as written.
std::optional<std::string> decode_modified_utf7(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c < 0x20 || c > 0x7e) return std::nullopt;
    if (c != '&') {
      out += c;
      continue;
    }
    const std::size_t end = name.find('-', i + 1);
    if (end == std::string_view::npos) return std::nullopt;
    if (end == i + 1) {
      out += '&';
    } else {
      std::string run = "+";
      for (char b : name.substr(i + 1, end - i - 1)) run += b == ',' ? '/' : b;
      run += '-';
      const std::optional<std::string> decoded = detail::convert_to_utf8(run, "UTF-7");
      if (!decoded) return std::nullopt;
      out += *decoded;
    }
    i = end;
  }
  return out;
}

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
  const std::optional<std::string> decoded = decode_modified_utf7(folder_name);
  const std::string_view leaf = last_path_element(decoded ? std::string_view(*decoded) : folder_name);
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
