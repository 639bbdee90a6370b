#include "xml/CalDavRequests.h"

#include <exception>
#include <new>
#include <utility>

#include "xml/XmlEscape.h"

namespace kith::caldav {
namespace {

constexpr std::string_view kPropfind = "PROPFIND";
constexpr std::string_view kReport = "REPORT";
constexpr std::string_view kDepth0 = "0";
constexpr std::string_view kDepth1 = "1";

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

constexpr std::string_view kCurrentUserPrincipalBody =
    "<d:propfind xmlns:d=\"DAV:\">\n"
    "  <d:prop>\n"
    "    <d:current-user-principal/>\n"
    "  </d:prop>\n"
    "</d:propfind>\n";

constexpr std::string_view kCalendarHomeSetBody =
    "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n"
    "  <d:prop>\n"
    "    <c:calendar-home-set/>\n"
    "  </d:prop>\n"
    "</d:propfind>\n";

// No getctag or sync-token here: some servers (Radicale) hash every item of
// a calendar to answer those, so asking for them in the home listing makes
// each sync cost the size of all calendars. Whether a calendar can be synced
// by token comes from supported-report-set, which costs nothing.
constexpr std::string_view kCalendarListBody =
    "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n"
    "  <d:prop>\n"
    "    <d:resourcetype/>\n"
    "    <d:displayname/>\n"
    "    <c:supported-calendar-component-set/>\n"
    "    <d:supported-report-set/>\n"
    "  </d:prop>\n"
    "</d:propfind>\n";

constexpr std::string_view kChangeTagBody =
    "<d:propfind xmlns:d=\"DAV:\" xmlns:cs=\"http://calendarserver.org/ns/\">\n"
    "  <d:prop>\n"
    "    <cs:getctag/>\n"
    "  </d:prop>\n"
    "</d:propfind>\n";

constexpr std::string_view kChangeTagsBody =
    "<d:propfind xmlns:d=\"DAV:\" xmlns:cs=\"http://calendarserver.org/ns/\">\n"
    "  <d:prop>\n"
    "    <cs:getctag/>\n"
    "    <d:sync-token/>\n"
    "  </d:prop>\n"
    "</d:propfind>\n";

constexpr std::string_view kEtagsBody =
    "<d:propfind xmlns:d=\"DAV:\">\n"
    "  <d:prop>\n"
    "    <d:getetag/>\n"
    "    <d:getlastmodified/>\n"
    "  </d:prop>\n"
    "</d:propfind>\n";

Expected<DavRequest> fixed(std::string_view method, std::string_view depth, std::string_view body) noexcept {
  return at_api_boundary<DavRequest>([&]() -> Expected<DavRequest> {
    std::string text;
    text.reserve(kXmlDeclaration.size() + body.size());
    text.append(kXmlDeclaration).append(body);
    return DavRequest{method, depth, std::move(text)};
  });
}

}  // namespace

Expected<DavRequest> propfind_current_user_principal() noexcept {
  return fixed(kPropfind, kDepth0, kCurrentUserPrincipalBody);
}

Expected<DavRequest> propfind_calendar_home_set() noexcept { return fixed(kPropfind, kDepth0, kCalendarHomeSetBody); }

Expected<DavRequest> propfind_calendar_list() noexcept { return fixed(kPropfind, kDepth1, kCalendarListBody); }

Expected<DavRequest> propfind_etags() noexcept { return fixed(kPropfind, kDepth1, kEtagsBody); }

Expected<DavRequest> propfind_change_tags(bool with_sync_token) noexcept {
  return fixed(kPropfind, kDepth0, with_sync_token ? kChangeTagsBody : kChangeTagBody);
}

Expected<DavRequest> sync_collection(std::string_view sync_token) noexcept {
  return at_api_boundary<DavRequest>([&]() -> Expected<DavRequest> {
    const Expected<std::string> token = xml_escape(sync_token);
    if (!token) return Error{ErrorCode::InvalidArgument, "sync token: " + token.error().message};
    std::string body(kXmlDeclaration);
    body += "<d:sync-collection xmlns:d=\"DAV:\">\n";
    // RFC 6578 3.2: the initial request carries an empty sync-token element.
    body += token->empty() ? "  <d:sync-token/>\n" : "  <d:sync-token>" + *token + "</d:sync-token>\n";
    body +=
        "  <d:sync-level>1</d:sync-level>\n"
        "  <d:prop>\n"
        "    <d:getetag/>\n"
        "  </d:prop>\n"
        "</d:sync-collection>\n";
    return DavRequest{kReport, kDepth0, std::move(body)};
  });
}

Expected<DavRequest> calendar_multiget(std::span<const std::string> hrefs) noexcept {
  return at_api_boundary<DavRequest>([&]() -> Expected<DavRequest> {
    if (hrefs.empty()) return Error{ErrorCode::InvalidArgument, "calendar-multiget needs at least one href"};
    std::string body(kXmlDeclaration);
    body +=
        "<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">\n"
        "  <d:prop>\n"
        "    <d:getetag/>\n"
        "    <c:calendar-data/>\n"
        "  </d:prop>\n";
    for (std::size_t i = 0; i < hrefs.size(); ++i) {
      const Expected<std::string> href = xml_escape(hrefs[i]);
      if (!href) {
        return Error{ErrorCode::InvalidArgument, "href #" + std::to_string(i) + ": " + href.error().message};
      }
      body += "  <d:href>" + *href + "</d:href>\n";
    }
    body += "</c:calendar-multiget>\n";
    return DavRequest{kReport, std::nullopt, std::move(body)};
  });
}

}  // namespace kith::caldav
