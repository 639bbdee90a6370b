// Connections.csv: one row per first-degree connection, read by column
// name (older exports have no URL column; names and order vary):
//
//   Notes:
//   "When exporting your connection data, you may notice that ..."
//
//   First Name,Last Name,URL,Email Address,Company,Position,Connected On
//   Ann,Lee,https://www.linkedin.com/in/ann-lee,,Example GmbH,Head of Research,12 Jan 2024
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "csv/ColumnMap.h"
#include "csv/CsvReader.h"
#include "kith/Items.h"
#include "kith/Status.h"

namespace kith::linkedin {

inline constexpr std::string_view kConnectionsFile = "Connections.csv";
// Every card's collection: one address book of the account's connections.
inline constexpr const char* kConnectionsCollection = "connections";

// The columns, in the order of kConnectionColumns.
enum ConnectionColumn : std::size_t { FirstName, LastName, ProfileUrl, EmailAddress, Company, Position, ConnectedOn };
std::span<const ColumnSpec> connection_columns();

// The card of one row: "First Last" with given and family names, the
// profile URL (a uri handle) and address when there are any, company and
// position as organization and title, and the day connected. Its resource
// is the profile URL (profile_key), or without one "name:<name>|<email>",
// so the same connection keeps its card across exports. An Item error when
// "Connected On" is not a date or the row names nobody.
Result<ContactCard> connection_card(const ColumnMap& columns, const CsvRow& row);

}  // namespace kith::linkedin
