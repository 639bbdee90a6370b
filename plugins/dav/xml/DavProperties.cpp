#include "dav/xml/DavProperties.h"

#include <string>

#include "dav/xml/AsciiText.h"
#include "dav/xml/DavNames.h"
#include "dav/xml/XmlNode.h"

namespace kith::dav::detail {
namespace {

std::string trimmed_text(const xmlNode* element) { return std::string(ascii::trim(xml::text_of(element))); }

// current-user-principal and the home sets wrap their value in DAV:href.
std::optional<std::string> nested_href(const xmlNode* property) {
  const xmlNode* href = xml::find_child(property, ns::kDav, name::kHref);
  if (href == nullptr) return std::nullopt;
  return trimmed_text(href);
}

void apply_resource_type(const xmlNode* property, DavResponse& response) {
  response.is_collection = false;
  response.is_calendar = false;
  response.is_addressbook = false;
  response.resource_types.clear();
  for (const xmlNode* type = xml::first_element(property); type != nullptr; type = xml::next_element(type)) {
    if (xml::is_element(type, ns::kDav, name::kCollection)) response.is_collection = true;
    if (xml::is_element(type, ns::kCalDav, name::kCalendar)) response.is_calendar = true;
    if (xml::is_element(type, ns::kCardDav, name::kAddressbook)) response.is_addressbook = true;
    response.resource_types.push_back(xml::name_of(type));
  }
}

void apply_components(const xmlNode* property, DavResponse& response) {
  response.supported_components.clear();
  for (const xmlNode* comp = xml::first_element(property); comp != nullptr; comp = xml::next_element(comp)) {
    if (!xml::is_element(comp, ns::kCalDav, name::kComp)) continue;
    const std::optional<std::string> value = xml::attribute(comp, "name");
    if (!value) continue;
    std::string component(ascii::trim(*value));
    if (component.empty()) continue;
    for (char& c : component) c = ascii::to_upper(c);
    response.supported_components.push_back(std::move(component));
  }
}

// RFC 3253: <supported-report><report><sync-collection/></report></supported-report>.
// Xandikos leaves out the <report> wrapper; take the name either way.
void apply_reports(const xmlNode* property, DavResponse& response) {
  std::vector<DavName> reports;
  for (const xmlNode* entry = xml::first_element(property); entry != nullptr; entry = xml::next_element(entry)) {
    if (!xml::is_element(entry, ns::kDav, name::kSupportedReport)) continue;
    const xmlNode* kind = xml::first_element(entry);
    if (kind != nullptr && xml::is_element(kind, ns::kDav, name::kReport)) kind = xml::first_element(kind);
    if (kind != nullptr) reports.push_back(xml::name_of(kind));
  }
  response.supported_reports = std::move(reports);
}

void apply_dav_property(const xmlNode* property, std::string_view local, DavResponse& response) {
  if (local == name::kGetEtag) {
    response.etag = trimmed_text(property);
  } else if (local == name::kSyncToken) {
    response.sync_token_prop = trimmed_text(property);
  } else if (local == name::kDisplayName) {
    response.displayname = xml::text_of(property);
  } else if (local == name::kGetLastModified) {
    response.getlastmodified = trimmed_text(property);
  } else if (local == name::kGetContentType) {
    response.content_type = trimmed_text(property);
  } else if (local == name::kResourceType) {
    apply_resource_type(property, response);
  } else if (local == name::kCurrentUserPrincipal) {
    response.current_user_principal_href = nested_href(property);
  } else if (local == name::kSupportedReportSet) {
    apply_reports(property, response);
  }
}

void apply_caldav_property(const xmlNode* property, std::string_view local, DavResponse& response) {
  if (local == name::kCalendarData) {
    response.calendar_data = xml::text_of(property);
  } else if (local == name::kCalendarHomeSet) {
    response.calendar_home_set_href = nested_href(property);
  } else if (local == name::kSupportedCalendarComponentSet) {
    apply_components(property, response);
  }
}

void apply_carddav_property(const xmlNode* property, std::string_view local, DavResponse& response) {
  if (local == name::kAddressData) {
    response.address_data = xml::text_of(property);
  } else if (local == name::kAddressbookHomeSet) {
    response.addressbook_home_set_href = nested_href(property);
  }
}

}  // namespace

void apply_property(const xmlNode* property, DavResponse& response) {
  const std::string_view uri = xml::namespace_uri(property);
  const std::string_view local = xml::local_name(property);
  if (uri == ns::kDav) {
    apply_dav_property(property, local, response);
  } else if (uri == ns::kCalDav) {
    apply_caldav_property(property, local, response);
  } else if (uri == ns::kCardDav) {
    apply_carddav_property(property, local, response);
  } else if (uri == ns::kCalendarServer && local == name::kGetCtag) {
    response.ctag = trimmed_text(property);
  } else if (uri == ns::kAppleIcal && local == name::kCalendarColor) {
    response.calendar_color = trimmed_text(property);
  }
}

}  // namespace kith::dav::detail
