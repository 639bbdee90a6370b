#include "dav/xml/DavRequests.h"

#include <exception>
#include <new>
#include <utility>

#include "dav/xml/XmlEscape.h"

namespace kith::dav {
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

// xmlns:c="urn:ietf:params:xml:ns:caldav": the protocol's prefix declared.
std::string namespace_declaration(const DavProtocol& protocol) {
  return "xmlns:" + std::string(protocol.prefix) + "=\"" + std::string(protocol.ns) + "\"";
}

std::string propfind_start(const DavProtocol& protocol) {
  return "<d:propfind xmlns:d=\"DAV:\" " + namespace_declaration(protocol) + ">\n  <d:prop>\n";
}

constexpr std::string_view kPropfindEnd =
    "  </d:prop>\n"
    "</d:propfind>\n";

// One empty property element of the protocol's namespace, on its own line.
std::string property(const DavProtocol& protocol, std::string_view local) {
  return "    <" + std::string(protocol.prefix) + ":" + std::string(local) + "/>\n";
}

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

Expected<DavRequest> propfind_home_set(const DavProtocol& protocol) noexcept {
  return at_api_boundary<DavRequest>([&]() -> Expected<DavRequest> {
    std::string body(kXmlDeclaration);
    body += propfind_start(protocol);
    body += property(protocol, protocol.home_set);
    body += kPropfindEnd;
    return DavRequest{kPropfind, kDepth0, std::move(body)};
  });
}

// No getctag or sync-token here: some servers (Radicale) hash every item of
// a collection to answer those, so asking for them in the home listing makes
// each sync cost the size of all collections. Whether a collection can be
// synced by token comes from supported-report-set, which costs nothing.
Expected<DavRequest> propfind_collection_list(const DavProtocol& protocol) noexcept {
  return at_api_boundary<DavRequest>([&]() -> Expected<DavRequest> {
    std::string body(kXmlDeclaration);
    body += propfind_start(protocol);
    body += "    <d:resourcetype/>\n    <d:displayname/>\n";
    if (!protocol.listed_property.empty()) body += property(protocol, protocol.listed_property);
    body += "    <d:supported-report-set/>\n";
    body += kPropfindEnd;
    return DavRequest{kPropfind, kDepth1, std::move(body)};
  });
}

Expected<DavRequest> propfind_etags() noexcept { return fixed(kPropfind, kDepth1, kEtagsBody); }

Expected<DavRequest> propfind_change_tags(bool with_sync_token) noexcept {
  return fixed(kPropfind, kDepth0, with_sync_token ? kChangeTagsBody : kChangeTagBody);
}

Expected<DavRequest> sync_collection(std::string_view sync_token, const DavProtocol* with_data) noexcept {
  return at_api_boundary<DavRequest>([&]() -> Expected<DavRequest> {
    const Expected<std::string> token = xml_escape(sync_token);
    if (!token) return Error{ErrorCode::InvalidArgument, "sync token: " + token.error().message};
    std::string body(kXmlDeclaration);
    body += "<d:sync-collection xmlns:d=\"DAV:\"";
    if (with_data) {
      body += ' ';
      body += namespace_declaration(*with_data);
    }
    body += ">\n";
    // RFC 6578 3.2: the initial request carries an empty sync-token element.
    body += token->empty() ? "  <d:sync-token/>\n" : "  <d:sync-token>" + *token + "</d:sync-token>\n";
    body +=
        "  <d:sync-level>1</d:sync-level>\n"
        "  <d:prop>\n"
        "    <d:getetag/>\n";
    if (with_data) body += property(*with_data, with_data->data);
    body +=
        "  </d:prop>\n"
        "</d:sync-collection>\n";
    return DavRequest{kReport, kDepth0, std::move(body)};
  });
}

Expected<DavRequest> multiget(const DavProtocol& protocol, std::span<const std::string> hrefs) noexcept {
  return at_api_boundary<DavRequest>([&]() -> Expected<DavRequest> {
    if (hrefs.empty())
      return Error{ErrorCode::InvalidArgument, std::string(protocol.multiget) + " needs at least one href"};
    const std::string report = std::string(protocol.prefix) + ":" + std::string(protocol.multiget);
    std::string body(kXmlDeclaration);
    body += "<" + report + " xmlns:d=\"DAV:\" " + namespace_declaration(protocol) + ">\n";
    body += "  <d:prop>\n    <d:getetag/>\n";
    body += property(protocol, protocol.data);
    body += "  </d:prop>\n";
    for (std::size_t i = 0; i < hrefs.size(); ++i) {
      const Expected<std::string> href = xml_escape(hrefs[i]);
      if (!href) {
        return Error{ErrorCode::InvalidArgument, "href #" + std::to_string(i) + ": " + href.error().message};
      }
      body += "  <d:href>" + *href + "</d:href>\n";
    }
    body += "</" + report + ">\n";
    return DavRequest{kReport, std::nullopt, std::move(body)};
  });
}

}  // namespace kith::dav
