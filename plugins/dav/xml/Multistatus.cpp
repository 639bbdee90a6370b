#include "dav/xml/Multistatus.h"

#include <exception>
#include <new>
#include <utility>

#include "dav/xml/AsciiText.h"
#include "dav/xml/DavNames.h"
#include "dav/xml/DavProperties.h"
#include "dav/xml/Href.h"
#include "dav/xml/StatusLine.h"
#include "dav/xml/XmlDocument.h"
#include "dav/xml/XmlNode.h"

namespace kith::dav {
namespace {

std::vector<DavName> child_names(const xmlNode* parent) {
  std::vector<DavName> names;
  for (const xmlNode* child = xml::first_element(parent); child != nullptr; child = xml::next_element(child)) {
    names.push_back(xml::name_of(child));
  }
  return names;
}

int status_of(const xmlNode* status_element) {
  return parse_status_line(xml::text_of(status_element)).value_or(0);
}

void read_propstat(const xmlNode* propstat, DavResponse& response) {
  // RFC 4918 puts <prop> before <status>; find both before using either.
  const xmlNode* prop = xml::find_child(propstat, ns::kDav, name::kProp);
  const xmlNode* status = xml::find_child(propstat, ns::kDav, name::kStatus);
  DavPropstat block;
  block.status = status != nullptr ? status_of(status) : 0;
  for (const xmlNode* property = xml::first_element(prop); property != nullptr;
       property = xml::next_element(property)) {
    block.properties.push_back(xml::name_of(property));
    if (block.status == 200) {
      detail::apply_property(property, response);
    } else if (block.status == 404) {
      response.missing.push_back(block.properties.back());
    }
  }
  response.propstats.push_back(std::move(block));
}

template <typename Emit>
void read_response(const xmlNode* element, Emit&& emit) {
  DavResponse response;
  std::vector<std::string> hrefs;
  for (const xmlNode* child = xml::first_element(element); child != nullptr; child = xml::next_element(child)) {
    if (xml::namespace_uri(child) != ns::kDav) continue;
    const std::string_view local = xml::local_name(child);
    if (local == name::kHref) {
      hrefs.emplace_back(ascii::trim(xml::text_of(child)));
    } else if (local == name::kStatus) {
      response.status = status_of(child);
    } else if (local == name::kPropstat) {
      read_propstat(child, response);
    } else if (local == name::kError) {
      response.errors = child_names(child);
    }
  }
  for (std::size_t i = 0; i < hrefs.size(); ++i) {
    if (i + 1 == hrefs.size()) {
      response.href = std::move(hrefs[i]);
      emit(std::move(response));
    } else {
      DavResponse copy = response;
      copy.href = std::move(hrefs[i]);
      emit(std::move(copy));
    }
  }
}

std::string describe(const xmlNode* element) {
  std::string text(1, '{');
  text += xml::namespace_uri(element);
  text += '}';
  text += xml::local_name(element);
  // Server data in a log line: keep it short.
  if (text.size() > 120) text.resize(120);
  return text;
}

Expected<MultistatusEnd> stream(std::string_view xml, const ResponseVisitor& on_response, const XmlLimits& limits) {
  MultistatusEnd end;
  // Children are only read once the document element is known to be a
  // multistatus; anything else ends in UnexpectedRoot below.
  const XmlDocument::ChildVisitor on_child = [&](const xmlNode* child) {
    if (!xml::is_element(child->parent, ns::kDav, name::kMultistatus)) return;
    if (xml::is_element(child, ns::kDav, name::kResponse)) {
      read_response(child, [&](DavResponse&& response) {
        ++end.responses;
        on_response(std::move(response));
      });
    } else if (xml::is_element(child, ns::kDav, name::kSyncToken)) {
      end.sync_token = std::string(ascii::trim(xml::text_of(child)));
    }
  };
  Expected<XmlDocument> document = XmlDocument::parse_children(xml, on_child, limits);
  if (!document) return document.error();
  const xmlNode* root = document->root();
  if (!xml::is_element(root, ns::kDav, name::kMultistatus)) {
    return Error{ErrorCode::UnexpectedRoot, "expected a {DAV:}multistatus body, got " + describe(root)};
  }
  return end;
}

// Thrown from the visitor to stop a collecting parse; never leaves this file.
struct TooManyResponses {};

Expected<Multistatus> collect(std::string_view xml, const XmlLimits& limits) {
  Multistatus multistatus;
  bool too_many = false;
  const ResponseVisitor keep = [&](DavResponse&& response) {
    if (multistatus.responses.size() >= limits.max_collected_responses) {
      too_many = true;
      throw TooManyResponses{};
    }
    multistatus.responses.push_back(std::move(response));
  };
  Expected<MultistatusEnd> end = stream(xml, keep, limits);
  if (too_many) {
    return Error{ErrorCode::TooLarge,
                 "multistatus has more than " + std::to_string(limits.max_collected_responses) + " responses"};
  }
  if (!end) return end.error();
  multistatus.sync_token = std::move(end->sync_token);
  return multistatus;
}

}  // namespace

Expected<Multistatus> parse_multistatus(std::string_view xml, const XmlLimits& limits) noexcept {
  return at_api_boundary<Multistatus>([&] { return collect(xml, limits); });
}

Expected<MultistatusEnd> for_each_response(std::string_view xml, const ResponseVisitor& on_response,
                                           const XmlLimits& limits) noexcept {
  return at_api_boundary<MultistatusEnd>([&] { return stream(xml, on_response, limits); });
}

const DavResponse* find_response(const Multistatus& multistatus, std::string_view href) noexcept {
  for (const DavResponse& response : multistatus.responses) {
    if (same_href(response.href, href)) return &response;
  }
  return nullptr;
}

}  // namespace kith::dav
