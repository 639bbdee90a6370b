#include "dav/xml/DavError.h"

#include <exception>
#include <new>

#include "dav/xml/DavNames.h"
#include "dav/xml/XmlDocument.h"
#include "dav/xml/XmlNode.h"

namespace kith::dav {
namespace {

Expected<std::vector<DavName>> parse(std::string_view xml, const XmlLimits& limits) {
  Expected<XmlDocument> document = XmlDocument::parse(xml, limits);
  if (!document) return document.error();
  const xmlNode* root = document->root();
  if (!xml::is_element(root, ns::kDav, name::kError)) {
    return Error{ErrorCode::UnexpectedRoot, "expected a {DAV:}error body"};
  }
  std::vector<DavName> conditions;
  for (const xmlNode* child = xml::first_element(root); child != nullptr; child = xml::next_element(child)) {
    conditions.push_back(xml::name_of(child));
  }
  return conditions;
}

}  // namespace

Expected<std::vector<DavName>> parse_dav_error(std::string_view xml, const XmlLimits& limits) noexcept {
  return at_api_boundary<std::vector<DavName>>([&] { return parse(xml, limits); });
}

bool is_invalid_sync_token_error(std::string_view body, const XmlLimits& limits) noexcept {
  const Expected<std::vector<DavName>> conditions = parse_dav_error(body, limits);
  if (!conditions) return false;
  for (const DavName& condition : *conditions) {
    if (condition.is(ns::kDav, name::kValidSyncToken)) return true;
  }
  return false;
}

}  // namespace kith::dav
