#include "dav/xml/XmlNode.h"

namespace kith::dav::xml {
namespace {

std::string_view view(const xmlChar* text) noexcept {
  return text != nullptr ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

void append_text_children(const xmlNode* first, std::string& out) {
  for (const xmlNode* child = first; child != nullptr; child = child->next) {
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) out += view(child->content);
  }
}

}  // namespace

std::string_view namespace_uri(const xmlNode* node) noexcept {
  return node != nullptr && node->ns != nullptr ? view(node->ns->href) : std::string_view();
}

std::string_view local_name(const xmlNode* node) noexcept { return node != nullptr ? view(node->name) : std::string_view(); }

bool is_element(const xmlNode* node, std::string_view ns, std::string_view local) noexcept {
  return node != nullptr && node->type == XML_ELEMENT_NODE && local_name(node) == local && namespace_uri(node) == ns;
}

const xmlNode* first_element(const xmlNode* parent) noexcept {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) return child;
  }
  return nullptr;
}

const xmlNode* next_element(const xmlNode* element) noexcept {
  if (element == nullptr) return nullptr;
  for (const xmlNode* sibling = element->next; sibling != nullptr; sibling = sibling->next) {
    if (sibling->type == XML_ELEMENT_NODE) return sibling;
  }
  return nullptr;
}

const xmlNode* find_child(const xmlNode* parent, std::string_view ns, std::string_view local) noexcept {
  for (const xmlNode* child = first_element(parent); child != nullptr; child = next_element(child)) {
    if (is_element(child, ns, local)) return child;
  }
  return nullptr;
}

std::string text_of(const xmlNode* element) {
  std::string text;
  if (element != nullptr) append_text_children(element->children, text);
  return text;
}

std::optional<std::string> attribute(const xmlNode* element, std::string_view name) {
  if (element == nullptr || element->type != XML_ELEMENT_NODE) return std::nullopt;
  for (const xmlAttr* attr = element->properties; attr != nullptr; attr = attr->next) {
    if (attr->ns == nullptr && view(attr->name) == name) {
      std::string value;
      append_text_children(attr->children, value);
      return value;
    }
  }
  return std::nullopt;
}

DavName name_of(const xmlNode* element) {
  return DavName{std::string(namespace_uri(element)), std::string(local_name(element))};
}

}  // namespace kith::dav::xml
