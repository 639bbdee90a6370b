// Bounds on what the parser accepts from a server.
#pragma once

#include <cstddef>

namespace kith::dav {

struct XmlLimits {
  // Larger bodies are refused before libxml2 sees a byte. 64 MiB holds a
  // multiget of thousands of events; a response beyond that is a broken or
  // hostile server, and the sync should page (smaller multigets) instead.
  std::size_t max_bytes = 64u * 1024u * 1024u;
  // Most elements the parsed tree holds at once. libxml2's tree costs about
  // 150 bytes a node with its text, so 64 MiB of tiny elements (400,000
  // empty responses) once took 932 MB as one tree; 250,000 elements keep a
  // tree near 40 MB. A multistatus is parsed as a stream
  // (for_each_response), one response at a time, so there the cap bounds one
  // response (a few dozen elements in practice) and any number of responses
  // fits; a whole-document parse (XmlDocument::parse, a DAV:error body) is
  // bounded as a whole.
  std::size_t max_elements = 250000;
  // Most responses parse_multistatus keeps, each costing about 1 KB: its
  // answers (discovery, one collection's properties) list a few calendars.
  // for_each_response keeps none and ignores this.
  std::size_t max_collected_responses = 20000;
  // Deepest element nesting accepted, the document element being 1. DAV
  // answers nest about 7 deep. libxml2's own cap (256 without
  // XML_PARSE_HUGE, which we never set) applies on top of this one.
  unsigned max_depth = 64;
  // Most attributes (namespace declarations included) on one start tag.
  // Servers put at most about ten, all on the document element. libxml2 2.9
  // is quadratic in this number (see AttributeScan.h); with max_depth it also
  // bounds the namespace declarations in scope, which libxml2 walks for
  // every prefixed name.
  std::size_t max_attributes = 64;
  // No CalDAV or CardDAV server sends a DTD, and a DTD is where entity tricks (XXE,
  // "billion laughs") live, so by default a <!DOCTYPE> ends the parse.
  // When allowed, entities are still neither substituted nor loaded, but the
  // attribute cap only sees the literal text, not the replacement text of
  // internal entities: one more reason to keep DTDs refused.
  bool allow_doctype = false;
};

}  // namespace kith::dav
