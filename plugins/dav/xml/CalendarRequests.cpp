#include "dav/xml/CalendarRequests.h"

#include "dav/xml/AsciiText.h"
#include "dav/xml/XmlEscape.h"

namespace kith::dav {
namespace {

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

// iCalendar component names (RFC 5545 3.6: iana-token / x-name) need no
// escaping, so anything else is refused rather than escaped.
bool is_component_name(std::string_view name) noexcept {
  if (name.empty()) return false;
  for (char c : name)
    if (!ascii::is_alpha(c) && !ascii::is_digit(c) && c != '-') return false;
  return true;
}

Error not_a_component(std::string_view name) {
  std::string message = "not an iCalendar component name: ";
  message += name;
  return Error{ErrorCode::InvalidArgument, std::move(message)};
}

}  // namespace

Expected<DavRequest> mkcalendar(std::string_view displayname, std::span<const std::string_view> components) noexcept {
  return at_api_boundary<DavRequest>([&]() -> Expected<DavRequest> {
    const Expected<std::string> name = xml_escape(displayname);
    if (!name) return Error{ErrorCode::InvalidArgument, "calendar name: " + name.error().message};
    std::string body(kXmlDeclaration);
    body +=
        "<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n"
        "  <d:set>\n"
        "    <d:prop>\n"
        "      <d:displayname>";
    body += *name;
    body += "</d:displayname>\n";
    if (!components.empty()) {
      body += "      <c:supported-calendar-component-set>\n";
      for (std::string_view component : components) {
        if (!is_component_name(component))
          return not_a_component(component);
        body += "        <c:comp name=\"";
        body += component;
        body += "\"/>\n";
      }
      body += "      </c:supported-calendar-component-set>\n";
    }
    body +=
        "    </d:prop>\n"
        "  </d:set>\n"
        "</c:mkcalendar>\n";
    return DavRequest{"MKCALENDAR", std::nullopt, std::move(body)};
  });
}

Expected<DavRequest> calendar_query(std::string_view component) noexcept {
  return at_api_boundary<DavRequest>([&]() -> Expected<DavRequest> {
    if (!is_component_name(component))
      return not_a_component(component);
    std::string body(kXmlDeclaration);
    body +=
        "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n"
        "  <d:prop>\n"
        "    <d:getetag/>\n"
        "    <c:calendar-data/>\n"
        "  </d:prop>\n"
        "  <c:filter>\n"
        "    <c:comp-filter name=\"VCALENDAR\">\n"
        "      <c:comp-filter name=\"";
    body += component;
    body +=
        "\"/>\n"
        "    </c:comp-filter>\n"
        "  </c:filter>\n"
        "</c:calendar-query>\n";
    return DavRequest{"REPORT", "1", std::move(body)};
  });
}

}  // namespace kith::dav
