// Hostile documents: size and depth caps, DOCTYPE refusal, external entities
// (XXE), entity expansion bombs, XInclude, and libxml2's error output.
// Every parse here runs with stderr captured: libxml2 must never print.
#include <gtest/gtest.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "DavXmlTestSupport.h"
#include "ServerFixtures.h"
#include "dav/xml/DavError.h"
#include "dav/xml/Multistatus.h"
#include "dav/xml/XmlDocument.h"
#include "dav/xml/XmlNode.h"

namespace kith::dav {
namespace {

using testing::StderrCapture;
using testing::time_budget;

// Counts every attempt libxml2 makes to open an external resource (DTD,
// external entity, http URL) and refuses it. Installed process-wide for the
// duration of one test; tests run sequentially.
class ExternalLoadSpy {
 public:
  ExternalLoadSpy() : previous_(xmlGetExternalEntityLoader()) {
    count_ = 0;
    xmlSetExternalEntityLoader(&ExternalLoadSpy::load);
  }
  ~ExternalLoadSpy() { xmlSetExternalEntityLoader(previous_); }
  ExternalLoadSpy(const ExternalLoadSpy&) = delete;
  ExternalLoadSpy& operator=(const ExternalLoadSpy&) = delete;
  int count() const { return count_.load(); }

 private:
  static xmlParserInputPtr load(const char*, const char*, xmlParserCtxtPtr) {
    ++count_;
    return nullptr;
  }
  static inline std::atomic<int> count_{0};
  xmlExternalEntityLoader previous_;
};

// A file whose content must never show up in a parsed document.
class SecretFile {
 public:
  SecretFile() : path_(std::filesystem::temp_directory_path() / ("kith-caldav-xxe-" + std::to_string(::getpid()))) {
    std::ofstream(path_) << kMarker;
  }
  ~SecretFile() { std::filesystem::remove(path_); }
  std::string url() const { return "file://" + path_.string(); }
  static constexpr std::string_view kMarker = "KITH-SECRET-MARKER-4711";

 private:
  std::filesystem::path path_;
};

// All text in the tree, entity references not followed (the layer's rule).
void collect_text(const xmlNode* node, std::string& out) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      out += reinterpret_cast<const char*>(child->content);
    } else if (child->type == XML_ELEMENT_NODE) {
      collect_text(child, out);
    }
  }
}

std::string xxe_multistatus(const std::string& doctype) {
  return "<?xml version=\"1.0\"?>\n" + doctype +
         "\n<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a</d:href><d:propstat><d:prop>"
         "<d:displayname>[&xxe;]</d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
         "</d:response></d:multistatus>";
}

XmlLimits with_doctype() {
  XmlLimits limits;
  limits.allow_doctype = true;
  return limits;
}

TEST(XmlSafety, ParsesAndExposesTheDocumentElement) {
  StderrCapture err;
  const Expected<XmlDocument> doc = XmlDocument::parse(fixtures::kRadicalePrincipal);
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_TRUE(xml::is_element(doc->root(), "DAV:", "multistatus"));
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, SizeCapIsCheckedBeforeParsing) {
  StderrCapture err;
  const std::string body = "<a xmlns=\"DAV:\">" + std::string(100, 'x') + "</a>";
  XmlLimits limits;
  limits.max_bytes = body.size();
  EXPECT_TRUE(XmlDocument::parse(body, limits));
  limits.max_bytes = body.size() - 1;
  const Expected<XmlDocument> refused = XmlDocument::parse(body, limits);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::TooLarge);
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, DefaultSizeCapIs64MiB) {
  EXPECT_EQ(XmlLimits{}.max_bytes, 64u * 1024u * 1024u);
  // Not even well-formed: refused on size alone, without a parse.
  const std::string huge(64u * 1024u * 1024u + 1u, '<');
  const auto start = std::chrono::steady_clock::now();
  const Expected<Multistatus> parsed = parse_multistatus(huge);
  EXPECT_LT(std::chrono::steady_clock::now() - start, time_budget(200));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::TooLarge);
}

std::string many_responses(std::size_t responses) {
  std::string body = "<d:multistatus xmlns:d=\"DAV:\">\n";
  for (std::size_t i = 0; i < responses; ++i)
    body += " <d:response><d:href>/c/" + std::to_string(i) + "</d:href></d:response>\n";
  return body + "<d:sync-token>t1</d:sync-token></d:multistatus>";
}

// A whole-document parse is bounded as a whole: libxml2's tree costs about
// 150 bytes a node, far more than the bytes that made it.
TEST(XmlSafety, ElementCapBoundsAWholeDocument) {
  StderrCapture err;
  XmlLimits limits;
  limits.max_elements = 1 + 2 * 1000 + 1;
  EXPECT_TRUE(XmlDocument::parse(many_responses(1000), limits));
  const Expected<XmlDocument> over = XmlDocument::parse(many_responses(1001), limits);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::TooLarge);
  EXPECT_NE(over.error().message.find("more than 2002 elements"), std::string::npos) << over.error().message;
  EXPECT_EQ(XmlLimits{}.max_elements, 250000u);
  EXPECT_EQ(err.finish(), "");
}

// 60 MB of 400,000 empty responses once took 932 MB and 23 s as one tree.
// A multistatus is now a stream: the tree holds one response at a time. With
// room for exactly the document element, one response and its href, 400,000
// responses still parse, so no second response is ever in the tree.
TEST(XmlSafety, MultistatusIsParsedOneResponseAtATime) {
  StderrCapture err;
  const std::string hostile = many_responses(400000);  // about 18 MB, under the byte cap
  XmlLimits limits;
  limits.max_elements = 3;
  std::size_t seen = 0;
  bool in_order = true;
  const Expected<MultistatusEnd> end = for_each_response(
      hostile,
      [&](DavResponse&& response) {
        in_order = in_order && response.href == "/c/" + std::to_string(seen);
        ++seen;
      },
      limits);
  ASSERT_TRUE(end) << end.error().message;
  EXPECT_EQ(seen, 400000u);
  EXPECT_TRUE(in_order);
  EXPECT_EQ(end->responses, 400000u);
  EXPECT_EQ(end->sync_token, "t1");

  // The cap still bounds one response.
  const std::string wide = "<multistatus xmlns=\"DAV:\"><response><href>/a</href><propstat><prop>" +
                           std::string("<x/><x/><x/><x/><x/><x/>") + "</prop></propstat></response></multistatus>";
  limits.max_elements = 8;
  const Expected<MultistatusEnd> over = for_each_response(wide, [](DavResponse&&) {}, limits);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::TooLarge);
  EXPECT_NE(over.error().message.find("more than 8 elements in one part"), std::string::npos) << over.error().message;
  limits.max_elements = 11;
  EXPECT_TRUE(for_each_response(wide, [](DavResponse&&) {}, limits));
  EXPECT_EQ(err.finish(), "");
}

// parse_multistatus keeps what it reads, so it counts responses.
TEST(XmlSafety, CollectedResponsesAreCapped) {
  XmlLimits limits;
  limits.max_collected_responses = 1000;
  const Expected<Multistatus> fits = parse_multistatus(many_responses(1000), limits);
  ASSERT_TRUE(fits) << fits.error().message;
  EXPECT_EQ(fits->responses.size(), 1000u);
  EXPECT_EQ(fits->sync_token, "t1");
  const Expected<Multistatus> over = parse_multistatus(many_responses(1001), limits);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::TooLarge);
  EXPECT_NE(over.error().message.find("more than 1000 responses"), std::string::npos) << over.error().message;
  EXPECT_EQ(XmlLimits{}.max_collected_responses, 20000u);
}

TEST(XmlSafety, StreamedAnswerThatBreaksLateIsAnError) {
  StderrCapture err;
  std::string broken = many_responses(100);
  broken.resize(broken.size() - std::string("</d:multistatus>").size());
  broken += "</d:wrong>";
  std::size_t seen = 0;
  const Expected<MultistatusEnd> end = for_each_response(broken, [&](DavResponse&&) { ++seen; });
  ASSERT_FALSE(end);
  EXPECT_EQ(end.error().code, ErrorCode::Malformed);
  EXPECT_EQ(seen, 100u);  // handed over before the end proved bad: the caller discards them

  // Children of a document element that is not a multistatus are not read.
  seen = 0;
  const Expected<MultistatusEnd> other = for_each_response(
      "<error xmlns=\"DAV:\"><response><href>/a</href></response></error>", [&](DavResponse&&) { ++seen; });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::UnexpectedRoot);
  EXPECT_EQ(seen, 0u);
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, VisitorExceptionsStopTheParse) {
  StderrCapture err;
  std::size_t seen = 0;
  const Expected<MultistatusEnd> end = for_each_response(many_responses(100), [&](DavResponse&&) {
    if (++seen == 10) throw std::bad_alloc();
  });
  ASSERT_FALSE(end);
  EXPECT_EQ(end.error().code, ErrorCode::OutOfMemory);
  EXPECT_EQ(seen, 10u);
  EXPECT_EQ(err.finish(), "");
}

std::string nested(std::size_t depth) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += "<e xmlns=\"DAV:\">";
  text += "x";
  for (std::size_t i = 0; i < depth; ++i) text += "</e>";
  return text;
}

TEST(XmlSafety, DepthCap) {
  StderrCapture err;
  XmlLimits limits;
  limits.max_depth = 10;
  EXPECT_TRUE(XmlDocument::parse(nested(10), limits));
  const Expected<XmlDocument> deep = XmlDocument::parse(nested(11), limits);
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, ErrorCode::TooDeep);
  EXPECT_EQ(XmlLimits{}.max_depth, 64u);
  EXPECT_TRUE(XmlDocument::parse(nested(64)));
  EXPECT_FALSE(XmlDocument::parse(nested(65)));
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, VeryDeepNestingStopsEarly) {
  StderrCapture err;
  const std::string deep = nested(200000);
  const std::string unclosed(2000000, '<');
  const auto start = std::chrono::steady_clock::now();
  const Expected<XmlDocument> parsed = XmlDocument::parse(deep);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::TooDeep);
  EXPECT_FALSE(XmlDocument::parse("<a>" + std::string(1000000, '<') + "b>"));
  EXPECT_FALSE(XmlDocument::parse(unclosed));
  EXPECT_LT(std::chrono::steady_clock::now() - start, time_budget(2000));
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, LibxmlOwnDepthCapStillApplies) {
  // max_depth above libxml2's 256 does not switch libxml2's guard off.
  StderrCapture err;
  XmlLimits limits;
  limits.max_depth = 100000;
  EXPECT_TRUE(XmlDocument::parse(nested(200), limits));
  EXPECT_FALSE(XmlDocument::parse(nested(5000), limits));
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, DoctypeIsRefusedByDefault) {
  StderrCapture err;
  for (std::string_view body : {
           std::string_view("<!DOCTYPE multistatus><multistatus xmlns=\"DAV:\"/>"),
           std::string_view("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x \"y\">]>\n<d:multistatus xmlns:d=\"DAV:\"/>"),
           std::string_view("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
                            "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><html/>"),
       }) {
    const Expected<XmlDocument> parsed = XmlDocument::parse(body);
    ASSERT_FALSE(parsed) << body;
    EXPECT_EQ(parsed.error().code, ErrorCode::DoctypeForbidden) << body;
  }
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, ExternalEntityIsNeverLoaded) {
  const SecretFile secret;
  const std::string body = xxe_multistatus("<!DOCTYPE d:multistatus [<!ENTITY xxe SYSTEM \"" + secret.url() + "\">]>");
  StderrCapture err;
  ExternalLoadSpy spy;

  // Default: refused at the DOCTYPE.
  const Expected<Multistatus> refused = parse_multistatus(body);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::DoctypeForbidden);

  // DOCTYPE allowed: the entity stays an unexpanded reference.
  const Expected<XmlDocument> doc = XmlDocument::parse(body, with_doctype());
  if (doc) {
    std::string text;
    collect_text(doc->root(), text);
    EXPECT_EQ(text.find(SecretFile::kMarker), std::string::npos) << text;
  }
  const Expected<Multistatus> parsed = parse_multistatus(body, with_doctype());
  if (parsed) {
    ASSERT_EQ(parsed->responses.size(), 1u);
    EXPECT_EQ(parsed->responses[0].displayname, "[]");
  }
  EXPECT_EQ(spy.count(), 0);
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, EtcPasswdIsNeverRead) {
  const std::string body =
      xxe_multistatus("<!DOCTYPE d:multistatus [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
  StderrCapture err;
  ExternalLoadSpy spy;
  for (const XmlLimits& limits : {XmlLimits{}, with_doctype()}) {
    const Expected<Multistatus> parsed = parse_multistatus(body, limits);
    if (!parsed) continue;  // an error is an acceptable outcome
    for (const DavResponse& r : parsed->responses) {
      ASSERT_TRUE(r.displayname.has_value());
      EXPECT_EQ(r.displayname->find("root:"), std::string::npos);
    }
  }
  EXPECT_EQ(spy.count(), 0);
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, ExternalDtdAndParameterEntitiesAreNotLoaded) {
  const SecretFile secret;
  const std::vector<std::string> bodies = {
      "<!DOCTYPE d SYSTEM \"" + secret.url() + "\"><d xmlns=\"DAV:\">&xxe;</d>",
      "<!DOCTYPE d [<!ENTITY % p SYSTEM \"" + secret.url() + "\"> %p;]><d xmlns=\"DAV:\"/>",
      "<!DOCTYPE d SYSTEM \"http://127.0.0.1:9/evil.dtd\"><d xmlns=\"DAV:\"/>",
      "<!DOCTYPE d [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/evil\">]><d xmlns=\"DAV:\">&xxe;</d>",
  };
  StderrCapture err;
  ExternalLoadSpy spy;
  for (const std::string& body : bodies) {
    EXPECT_FALSE(XmlDocument::parse(body)) << body;  // DOCTYPE refused
    const Expected<XmlDocument> doc = XmlDocument::parse(body, with_doctype());
    if (doc) {
      std::string text;
      collect_text(doc->root(), text);
      EXPECT_EQ(text.find(SecretFile::kMarker), std::string::npos);
    }
  }
  EXPECT_EQ(spy.count(), 0);
  EXPECT_EQ(err.finish(), "");
}

std::string billion_laughs() {
  std::string dtd = "<!DOCTYPE d:multistatus [\n<!ENTITY lol0 \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    dtd += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) dtd += "&lol" + std::to_string(i - 1) + ";";
    dtd += "\">\n";
  }
  dtd += "<!ENTITY xxe \"&lol9;\">\n]>";
  return xxe_multistatus(dtd);
}

TEST(XmlSafety, BillionLaughsNeitherExpandsNorHangs) {
  const std::string body = billion_laughs();
  StderrCapture err;
  const auto start = std::chrono::steady_clock::now();

  const Expected<Multistatus> refused = parse_multistatus(body);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::DoctypeForbidden);

  const Expected<Multistatus> parsed = parse_multistatus(body, with_doctype());
  if (parsed) {
    ASSERT_EQ(parsed->responses.size(), 1u);
    EXPECT_EQ(parsed->responses[0].displayname, "[]");
  }
  const Expected<XmlDocument> doc = XmlDocument::parse(body, with_doctype());
  if (doc) {
    std::string text;
    collect_text(doc->root(), text);
    EXPECT_LT(text.size(), body.size());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, time_budget(2000));
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, QuadraticBlowupStaysBounded) {
  // One 100 kB entity referenced 20,000 times: 2 GB if expanded.
  std::string body = "<!DOCTYPE d [<!ENTITY big \"" + std::string(100000, 'a') + "\">]><d xmlns=\"DAV:\">";
  for (int i = 0; i < 20000; ++i) body += "&big;";
  body += "</d>";
  StderrCapture err;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(XmlDocument::parse(body));
  const Expected<XmlDocument> doc = XmlDocument::parse(body, with_doctype());
  if (doc) {
    EXPECT_EQ(xml::text_of(doc->root()), "");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, time_budget(3000));
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, XIncludeIsNotProcessed) {
  StderrCapture err;
  ExternalLoadSpy spy;
  const Expected<Multistatus> parsed = parse_multistatus(
      R"(<d:multistatus xmlns:d="DAV:" xmlns:xi="http://www.w3.org/2001/XInclude"><d:response><d:href>/a</d:href>
      <d:propstat><d:prop><d:displayname><xi:include href="file:///etc/passwd" parse="text"/></d:displayname></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>)");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->responses[0].displayname, "");
  EXPECT_EQ(spy.count(), 0);
  EXPECT_EQ(err.finish(), "");
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
TEST(XmlSafety, ProcessWideDefaultsCannotWeakenTheParse) {
  // Another component of the process may flip libxml2's legacy global
  // defaults; our parse sets every option explicitly and is unaffected.
  const SecretFile secret;
  const int old_substitute = xmlSubstituteEntitiesDefault(1);
  const int old_load_dtd = xmlLoadExtDtdDefaultValue;
  xmlLoadExtDtdDefaultValue = XML_DETECT_IDS | XML_COMPLETE_ATTRS;
  StderrCapture err;
  ExternalLoadSpy spy;
  const std::string body = xxe_multistatus("<!DOCTYPE d:multistatus [<!ENTITY xxe SYSTEM \"" + secret.url() + "\">]>");
  const Expected<Multistatus> parsed = parse_multistatus(body, with_doctype());
  if (parsed) {
    EXPECT_EQ(parsed->responses[0].displayname, "[]");
  }
  const Expected<Multistatus> laughs = parse_multistatus(billion_laughs(), with_doctype());
  if (laughs) {
    EXPECT_EQ(laughs->responses[0].displayname, "[]");
  }
  EXPECT_EQ(spy.count(), 0);
  EXPECT_EQ(err.finish(), "");
  xmlSubstituteEntitiesDefault(old_substitute);
  xmlLoadExtDtdDefaultValue = old_load_dtd;
}
#pragma GCC diagnostic pop

TEST(XmlSafety, ErrorsAreReturnedNotPrinted) {
  StderrCapture err;
  const std::vector<std::string> broken = {
      "<a", "<a></b>", "<a b='1' b='2'/>", "<a>&undefined;</a>", "<a>&#0;</a>", "<?xml version=\"1.0\" encoding=\"bogus-enc\"?><a/>",
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>", std::string("\xff\xfe<\0a\0/\0>\0", 10), "<a>\xc3\x28</a>", "<x:a/>",
      "<a xmlns:x=\"\"><x:b/></a>", "<a/><b/>", "text", "<!-- only a comment -->", "<a><![CDATA[unterminated</a>",
  };
  for (const std::string& body : broken) {
    const Expected<XmlDocument> parsed = XmlDocument::parse(body);
    if (!parsed) {
      EXPECT_FALSE(parsed.error().message.empty());
    }
  }
  EXPECT_EQ(err.finish(), "");
}

void count_generic(void* context, const char*, ...) { ++*static_cast<int*>(context); }

TEST(XmlSafety, CallersLibxmlErrorHandlersAreRestored) {
  int calls = 0;
  xmlSetGenericErrorFunc(&calls, count_generic);
  StderrCapture err;
  EXPECT_FALSE(XmlDocument::parse("<a></b>"));
  EXPECT_FALSE(XmlDocument::parse(billion_laughs()));
  EXPECT_EQ(calls, 0);  // our errors did not reach the caller's handler...
  EXPECT_EQ(xmlGenericError, &count_generic);  // ...which is back in place
  EXPECT_EQ(xmlGenericErrorContext, &calls);
  EXPECT_EQ(xmlStructuredError, nullptr);
  xmlSetGenericErrorFunc(nullptr, nullptr);
  EXPECT_EQ(err.finish(), "");
}

TEST(XmlSafety, ConcurrentParsesStayQuietAndCorrect) {
  StderrCapture err;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&failures, t] {
      for (int i = 0; i < 200; ++i) {
        const Expected<Multistatus> good = parse_multistatus(fixtures::kNextcloudCalendarList);
        if (!good || good->responses.size() != 5u) ++failures;
        if (parse_multistatus("<d:multistatus xmlns:d=\"DAV:\"><d:response>")) ++failures;
        if (parse_multistatus(billion_laughs(), t % 2 ? with_doctype() : XmlLimits{}) &&
            t % 2 == 0) {
          ++failures;
        }
        if (is_invalid_sync_token_error(fixtures::kSabreInvalidSyncToken) == false) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(err.finish(), "");
}

}  // namespace
}  // namespace kith::dav
