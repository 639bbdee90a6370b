// Namespace-aware reading of a libxml2 tree built by XmlDocument.
//
// Elements are compared by namespace URI and local name, never by prefix.
// Text is read from text and CDATA children only: entity references are
// skipped rather than followed, because following them (as
// xmlNodeGetContent and xmlGetProp do) would expand entities we told the
// parser not to expand.
#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>

#include "dav/xml/DavName.h"

namespace kith::dav::xml {

// Empty for a node in no namespace.
std::string_view namespace_uri(const xmlNode* node) noexcept;
std::string_view local_name(const xmlNode* node) noexcept;

// An element with that namespace URI and local name.
bool is_element(const xmlNode* node, std::string_view ns, std::string_view local) noexcept;

// Element children in document order: for (auto* c = first_element(p); c; c = next_element(c)).
const xmlNode* first_element(const xmlNode* parent) noexcept;
const xmlNode* next_element(const xmlNode* element) noexcept;

// The first child element with that name, or null.
const xmlNode* find_child(const xmlNode* parent, std::string_view ns, std::string_view local) noexcept;

// The concatenated text and CDATA children of `element`, untrimmed.
std::string text_of(const xmlNode* element);

// The value of an attribute in no namespace, as `comp name="VEVENT"` has.
std::optional<std::string> attribute(const xmlNode* element, std::string_view name);

DavName name_of(const xmlNode* element);

}  // namespace kith::dav::xml
