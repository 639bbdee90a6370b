// A parsed XML document from untrusted bytes, owning its libxml2 tree.
//
// The parse is configured for hostile input: no network access
// (XML_PARSE_NONET), no entity substitution (no XML_PARSE_NOENT), no DTD
// loading or attribute defaulting, no XInclude, libxml2's built-in
// amplification and depth guards left on (no XML_PARSE_HUGE), plus the size,
// depth, attribute and DOCTYPE limits of XmlLimits. libxml2 never prints: its errors go
// to a per-parse handler and end up in the returned Error.
//
// Thread-safe: each parse has its own parser context, and the thread-local
// libxml2 error handlers replaced during a parse are restored afterwards.
#pragma once

#include <libxml/tree.h>

#include <functional>
#include <memory>
#include <string_view>

#include "dav/xml/DavXmlError.h"
#include "dav/xml/XmlLimits.h"

namespace kith::dav {

class XmlDocument {
 public:
  // Never throws; a refused or malformed document is an Error.
  static Expected<XmlDocument> parse(std::string_view xml, const XmlLimits& limits = {}) noexcept;

  // Parses as a stream of the document element's children: each child goes
  // to `on_child` as soon as its end tag is read (its parent is the
  // document element, already complete with its attributes), and is freed
  // right after, with any text before it. The tree therefore never holds
  // more than one child, and max_elements bounds that child rather than
  // the document: memory is what on_child keeps, however many children a
  // server sends. The returned document keeps the document element and any
  // text after its last child.
  //
  // On an Error, on_child may already have seen children of a document that
  // then proved malformed or over a limit: callers discard what they kept.
  // If on_child throws, the parse stops and the exception becomes an Error
  // (OutOfMemory or Internal).
  using ChildVisitor = std::function<void(const xmlNode* child)>;
  static Expected<XmlDocument> parse_children(std::string_view xml, const ChildVisitor& on_child,
                                              const XmlLimits& limits = {}) noexcept;

  // The document element; never null for a document parse() returned.
  // Valid as long as this XmlDocument lives.
  const xmlNode* root() const noexcept;

 private:
  struct FreeDoc {
    void operator()(xmlDoc* doc) const noexcept;
  };
  explicit XmlDocument(xmlDoc* doc) noexcept : doc_(doc) {}

  std::unique_ptr<xmlDoc, FreeDoc> doc_;
};

}  // namespace kith::dav
