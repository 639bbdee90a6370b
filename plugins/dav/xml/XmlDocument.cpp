#include "dav/xml/XmlDocument.h"

#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include <climits>
#include <exception>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <string>

#include "dav/xml/AttributeScan.h"

namespace kith::dav {
namespace {

// XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR, XML_PARSE_DTDVALID,
// XML_PARSE_XINCLUDE and XML_PARSE_HUGE are left out on purpose; without
// them libxml2 resets the matching context fields, so a process-wide default
// changed elsewhere (xmlSubstituteEntitiesDefault...) cannot weaken a parse.
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

void ignore_generic_error(void*, const char*, ...) {}

#if LIBXML_VERSION >= 21200
void ignore_structured_error(void*, const xmlError*) {}
#else
void ignore_structured_error(void*, xmlErrorPtr) {}
#endif

void init_libxml_once() {
  // xmlInitParser must run once before parsers are used from several threads.
  static const bool initialized = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialized;
}

// Errors raised outside the parser context (tree and memory modules) go to
// libxml2's thread-local handlers, whose default prints to stderr. Those are
// silenced for the duration of one parse on this thread and then restored,
// so a handler the rest of the process installed keeps working.
class SilenceThreadErrors {
 public:
  SilenceThreadErrors() noexcept
      : generic_(xmlGenericError),
        generic_context_(xmlGenericErrorContext),
        structured_(xmlStructuredError),
        structured_context_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
    xmlSetStructuredErrorFunc(nullptr, ignore_structured_error);
  }
  ~SilenceThreadErrors() {
    xmlSetGenericErrorFunc(generic_context_, generic_);
    xmlSetStructuredErrorFunc(structured_context_, structured_);
  }
  SilenceThreadErrors(const SilenceThreadErrors&) = delete;
  SilenceThreadErrors& operator=(const SilenceThreadErrors&) = delete;

 private:
  xmlGenericErrorFunc generic_;
  void* generic_context_;
  xmlStructuredErrorFunc structured_;
  void* structured_context_;
};

struct FreeParserContext {
  void operator()(xmlParserCtxt* context) const noexcept { xmlFreeParserCtxt(context); }
};
using ParserContext = std::unique_ptr<xmlParserCtxt, FreeParserContext>;

struct FreeDocument {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
using DocumentPtr = std::unique_ptr<xmlDoc, FreeDocument>;

// Per-parse state, reached from the SAX hooks through ctxt->_private.
struct ParseGuard {
  const XmlLimits* limits = nullptr;
  internalSubsetSAXFunc internal_subset = nullptr;  // libxml2's tree builder
  startElementNsSAX2Func start_element = nullptr;   // libxml2's tree builder
  endElementNsSAX2Func end_element = nullptr;       // libxml2's tree builder
  // Set for XmlDocument::parse_children: receives each complete child of
  // the document element, which is then freed.
  const XmlDocument::ChildVisitor* on_child = nullptr;
  std::exception_ptr visitor_failure;  // what on_child threw; the parse stopped there
  bool doctype_refused = false;
  bool too_deep = false;
  std::size_t elements = 0;  // elements in the tree now
  bool too_many = false;
};

ParseGuard& guard_of(void* sax_context) noexcept {
  // SAX callbacks receive ctxt->userData, which is the context itself.
  return *static_cast<ParseGuard*>(static_cast<xmlParserCtxt*>(sax_context)->_private);
}

// Called when the DOCTYPE name has been read and before its internal subset
// (where entities would be declared): stopping here means no entity is ever
// declared, let alone expanded.
void on_internal_subset(void* sax_context, const xmlChar* name, const xmlChar* external_id,
                        const xmlChar* system_id) {
  ParseGuard& guard = guard_of(sax_context);
  if (!guard.limits->allow_doctype) {
    guard.doctype_refused = true;
    xmlStopParser(static_cast<xmlParserCtxt*>(sax_context));
    return;
  }
  if (guard.internal_subset != nullptr) guard.internal_subset(sax_context, name, external_id, system_id);
}

// Stops at the first element deeper than the limit, before its node is built.
// A check of our own: libxml2's guard reads the process-global
// xmlParserMaxDepth, which any code in the process may change.
void on_start_element(void* sax_context, const xmlChar* local_name, const xmlChar* prefix, const xmlChar* uri,
                      int namespace_count, const xmlChar** namespaces, int attribute_count, int defaulted_count,
                      const xmlChar** attributes) {
  ParseGuard& guard = guard_of(sax_context);
  auto* context = static_cast<xmlParserCtxt*>(sax_context);
  // nodeNr counts the open ancestors of the element being started.
  if (context->nodeNr < 0 || static_cast<unsigned>(context->nodeNr) >= guard.limits->max_depth) {
    guard.too_deep = true;
    xmlStopParser(context);
    return;
  }
  // The tree costs memory per node, far more than the bytes that made it:
  // a cap on the elements it holds bounds it whatever the document's shape.
  if (++guard.elements > guard.limits->max_elements) {
    guard.too_many = true;
    xmlStopParser(context);
    return;
  }
  if (guard.start_element != nullptr) {
    guard.start_element(sax_context, local_name, prefix, uri, namespace_count, namespaces, attribute_count,
                        defaulted_count, attributes);
  }
}

std::size_t elements_in(const xmlNode* node) noexcept {
  if (node->type != XML_ELEMENT_NODE) return 0;
  std::size_t count = 1;
  // Recursion depth is bounded by XmlLimits::max_depth.
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) count += elements_in(child);
  return count;
}

// After libxml2 has closed an element: a finished child of the document
// element goes to the visitor, and then it and everything before it (text
// between children) leave the tree. libxml2's xmlTextReader frees finished
// nodes the same way; the tree builder keeps no pointer to a closed node
// (xmlSAX2EndElementNs pops it and resets its text-coalescing state).
void on_end_element(void* sax_context, const xmlChar* local_name, const xmlChar* prefix, const xmlChar* uri) {
  ParseGuard& guard = guard_of(sax_context);
  auto* context = static_cast<xmlParserCtxt*>(sax_context);
  xmlNode* closing = context->node;
  if (guard.end_element != nullptr) guard.end_element(sax_context, local_name, prefix, uri);
  if (guard.on_child == nullptr || closing == nullptr || guard.visitor_failure) return;
  xmlNode* root = closing->parent;
  if (root == nullptr || root->type != XML_ELEMENT_NODE || root->parent == nullptr ||
      root->parent->type != XML_DOCUMENT_NODE) {
    return;
  }
  try {
    (*guard.on_child)(closing);
  } catch (...) {
    // Exceptions must not unwind through libxml2's C frames.
    guard.visitor_failure = std::current_exception();
    xmlStopParser(context);
  }
  while (xmlNode* child = root->children) {
    guard.elements -= elements_in(child);
    xmlUnlinkNode(child);
    xmlFreeNode(child);
  }
}

int line_at(std::string_view xml, std::size_t offset) noexcept {
  std::size_t lines = 1;
  for (std::size_t i = 0; i < offset && i < xml.size(); ++i) lines += xml[i] == '\n' ? 1 : 0;
  return lines > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(lines);
}

std::string libxml_message(const xmlParserCtxt& context) {
  const char* text = context.lastError.message;
  std::string message = text != nullptr ? text : "not well-formed XML";
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
  return "malformed XML: " + message;
}

// May throw std::bad_alloc (messages); parse() turns that into an Error.
Expected<DocumentPtr> parse_document(std::string_view xml, const XmlLimits& limits,
                                     const XmlDocument::ChildVisitor* on_child) {
  if (xml.size() > limits.max_bytes) {
    return Error{ErrorCode::TooLarge,
                 "XML body of " + std::to_string(xml.size()) + " bytes exceeds the limit of " +
                     std::to_string(limits.max_bytes)};
  }
  // xmlCtxtReadMemory takes an int size.
  if (xml.size() > static_cast<std::size_t>(INT_MAX)) {
    return Error{ErrorCode::TooLarge, "XML body too large for libxml2"};
  }
  if (xml.empty()) return Error{ErrorCode::Malformed, "malformed XML: empty body"};
  if (const std::optional<std::size_t> tag = detail::find_overfull_tag(xml, limits.max_attributes)) {
    return Error{ErrorCode::TooManyAttributes,
                 "an XML start tag has more than " + std::to_string(limits.max_attributes) + " attributes",
                 line_at(xml, *tag)};
  }

  init_libxml_once();
  const SilenceThreadErrors silence;

  ParserContext context(xmlNewParserCtxt());
  if (!context || context->sax == nullptr) return out_of_memory_error();

  // xmlNewParserCtxt copies libxml2's process-wide legacy defaults into the
  // option bits (xmlSubstituteEntitiesDefault(1) sets XML_PARSE_NOENT, which
  // would load external entities), and xmlCtxtReadMemory only adds bits. Start
  // from none, so only kParseOptions apply whatever the rest of the process did.
  context->options = 0;

  // The SAX handler belongs to this context (xmlNewParserCtxt allocates it),
  // so these hooks affect no other parse.
  ParseGuard guard;
  guard.limits = &limits;
  guard.internal_subset = context->sax->internalSubset;
  guard.start_element = context->sax->startElementNs;
  guard.end_element = context->sax->endElementNs;
  guard.on_child = on_child;
  context->sax->internalSubset = on_internal_subset;
  context->sax->startElementNs = on_start_element;
  context->sax->endElementNs = on_end_element;
  // A structured handler on the context takes precedence over every global
  // one for parser errors; the error itself is still recorded in lastError.
  context->sax->serror = ignore_structured_error;
  context->_private = &guard;

  DocumentPtr document(
      xmlCtxtReadMemory(context.get(), xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, kParseOptions));

  // A parse stopped from a hook may still look well-formed to libxml2.
  if (guard.visitor_failure) std::rethrow_exception(guard.visitor_failure);
  if (guard.doctype_refused) {
    return Error{ErrorCode::DoctypeForbidden, "XML body has a DOCTYPE, which is not accepted",
                 xmlSAX2GetLineNumber(context.get())};
  }
  if (guard.too_deep) {
    return Error{ErrorCode::TooDeep,
                 "XML elements nest deeper than the limit of " + std::to_string(limits.max_depth),
                 xmlSAX2GetLineNumber(context.get())};
  }
  if (guard.too_many) {
    return Error{ErrorCode::TooLarge,
                 "XML body has more than " + std::to_string(limits.max_elements) +
                     (on_child != nullptr ? " elements in one part" : " elements"),
                 xmlSAX2GetLineNumber(context.get())};
  }
  if (!document) {
    return Error{ErrorCode::Malformed, libxml_message(*context), context->lastError.line};
  }
  if (xmlDocGetRootElement(document.get()) == nullptr) {
    return Error{ErrorCode::Malformed, "malformed XML: no document element"};
  }
  return document;
}

}  // namespace

void XmlDocument::FreeDoc::operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }

const xmlNode* XmlDocument::root() const noexcept { return xmlDocGetRootElement(doc_.get()); }

Expected<XmlDocument> XmlDocument::parse(std::string_view xml, const XmlLimits& limits) noexcept {
  return at_api_boundary<XmlDocument>([&]() -> Expected<XmlDocument> {
    Expected<DocumentPtr> document = parse_document(xml, limits, nullptr);
    if (!document) return document.error();
    return XmlDocument(document->release());
  });
}

Expected<XmlDocument> XmlDocument::parse_children(std::string_view xml, const ChildVisitor& on_child,
                                                  const XmlLimits& limits) noexcept {
  return at_api_boundary<XmlDocument>([&]() -> Expected<XmlDocument> {
    Expected<DocumentPtr> document = parse_document(xml, limits, &on_child);
    if (!document) return document.error();
    return XmlDocument(document->release());
  });
}

}  // namespace kith::dav
