// Optional SDK helper (library kith::mail): a folder's role from its name,
// for servers and stores without RFC 6154 SPECIAL-USE attributes.
#pragma once

#include <string_view>

#include "kith/Items.h"

namespace kith::mail {

// Recognises well-known names case-insensitively, as the last path element
// after any "/" or "." hierarchy separator and a leading "[Gmail]/" style
// prefix: INBOX; Sent, Sent Items, Sent Mail, Sent Messages; Junk, Spam,
// Junk E-mail, Junk Email, Bulk Mail; Drafts; Trash, Deleted Items, Deleted
// Messages, Bin; and the names clients create in German, French, Spanish,
// Portuguese, Italian, Dutch, Swedish, Danish, Norwegian, Finnish, Polish,
// Czech, Russian, Chinese and Japanese (Entwürfe, Brouillons, Спам...). A
// name in IMAP's modified UTF-7 ("Entw&APw-rfe") is decoded first.
// Everything else is Other.
FolderRole role_from_name(std::string_view folder_name);

// A role from RFC 6154 attributes (\Sent, \Junk, \Drafts, \Trash, \All...)
// as the server wrote them; nullopt-like Other when none applies.
FolderRole role_from_special_use(std::string_view attribute);

}  // namespace kith::mail
