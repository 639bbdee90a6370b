#include "rows/ConnectionRows.h"

#include <array>

#include "kith/Ascii.h"
#include "kith/Title.h"
#include "rows/ExportDates.h"
#include "rows/ProfileUrl.h"

namespace kith::linkedin {
namespace {

constexpr std::array<std::string_view, 2> kFirstName = {"First Name", "Given Name"};
constexpr std::array<std::string_view, 2> kLastName = {"Last Name", "Family Name"};
constexpr std::array<std::string_view, 4> kUrl = {"URL", "Profile URL", "LinkedIn URL", "Public Profile URL"};
constexpr std::array<std::string_view, 3> kEmail = {"Email Address", "Email", "E-mail Address"};
constexpr std::array<std::string_view, 2> kCompany = {"Company", "Organization"};
constexpr std::array<std::string_view, 3> kPosition = {"Position", "Title", "Job Title"};
constexpr std::array<std::string_view, 2> kConnectedOn = {"Connected On", "Connected"};

constexpr std::array<ColumnSpec, 7> kConnectionColumns = {{{kFirstName, true},
                                                           {kLastName, true},
                                                           {kUrl, false},
                                                           {kEmail, false},
                                                           {kCompany, false},
                                                           {kPosition, false},
                                                           {kConnectedOn, false}}};

}  // namespace

std::span<const ColumnSpec> connection_columns() { return kConnectionColumns; }

Result<ContactCard> connection_card(const ColumnMap& columns, const CsvRow& row) {
  const std::string where = "line " + std::to_string(row.line) + ": ";
  ContactCard card;
  card.collection = kConnectionsCollection;
  card.given_name = clean_title(columns.field(row, FirstName));
  card.family_name = clean_title(columns.field(row, LastName));
  card.formatted_name = clean_title(card.given_name + " " + card.family_name);
  const std::string_view url = columns.field(row, ProfileUrl);
  const std::string email = clean_title(columns.field(row, EmailAddress));
  if (!url.empty()) card.handles.push_back({HandleKind::Uri, clean_title(url), "profile"});
  if (!email.empty()) card.handles.push_back({HandleKind::Email, email, ""});
  card.organization = clean_title(columns.field(row, Company));
  card.title = clean_title(columns.field(row, Position));
  if (const std::string_view connected = columns.field(row, ConnectedOn); !connected.empty()) {
    card.connected = parse_day_month_year(connected);
    if (!card.connected)
      return Status::item(where + "Connected On '" + clean_title(connected) + "' is not a date like '12 Jan 2024'");
  }
  card.resource = profile_key(url);
  if (card.resource.empty()) {
    if (card.formatted_name.empty() && email.empty()) return Status::item(where + "names no one (no name, URL or email)");
    card.resource = "name:" + ascii::lower(card.formatted_name) + "|" + ascii::lower(email);
  }
  return card;
}

}  // namespace kith::linkedin
