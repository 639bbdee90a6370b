// What the store holds of contact cards, read straight from the SQLite
// file the `kith` binary wrote, for the carddav integration tests.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <string>

namespace kith::test {

// resource (the card's href) -> formatted name, of every stored card;
// empty when the database cannot be read.
inline std::map<std::string, std::string> stored_cards(const std::filesystem::path& db) {
  std::map<std::string, std::string> out;
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(handle, 1000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, "SELECT resource, formatted_name FROM contact_cards", -1, &stmt, nullptr) ==
        SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW)
        out[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))] =
            reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return out;
}

// One vCard 3.0 with a UID, a name and a work address.
inline std::string vcard(const std::string& uid, const std::string& name, const std::string& email) {
  return "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Kith tests//EN\r\nUID:" + uid + "\r\nFN:" + name + "\r\nN:" + name +
         ";;;;\r\nEMAIL;TYPE=work:" + email + "\r\nEND:VCARD\r\n";
}

}  // namespace kith::test
