// No input may crash, hang, throw or print: random bytes, mutations of real
// server answers, XML-ish token soup and hand-picked pathological bodies,
// through every entry point that sees server bytes. stderr is captured for
// each test and must stay empty (libxml2 prints errors by default). Run under
// -DKITH_SANITIZE=ON as well: much of the point is what ASan and UBSan see.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "DavXmlTestSupport.h"
#include "ServerFixtures.h"
#include "dav/xml/DavError.h"
#include "dav/xml/Href.h"
#include "dav/xml/Multistatus.h"
#include "dav/xml/StatusLine.h"

namespace kith::dav {
namespace {

using testing::StderrCapture;
using testing::time_budget;
using Clock = std::chrono::steady_clock;
using namespace std::string_view_literals;

// Runs every parser on `body` and checks what holds for any input. Returns
// whether it parsed as a multistatus.
bool exercise(std::string_view body, const XmlLimits& limits = {}) {
  const Expected<Multistatus> parsed = parse_multistatus(body, limits);
  if (!parsed) {
    EXPECT_FALSE(parsed.error().message.empty());
  } else {
    for (const DavResponse& r : parsed->responses) {
      // Everything in the model is a part of the body (or derived from it).
      EXPECT_LE(r.href.size(), body.size());
      if (r.calendar_data) {
        EXPECT_LE(r.calendar_data->size(), body.size());
      }
      if (r.status) {
        EXPECT_TRUE(*r.status == 0 || (*r.status >= 100 && *r.status <= 599));
      }
      for (const DavPropstat& p : r.propstats) EXPECT_TRUE(p.status == 0 || (p.status >= 100 && p.status <= 599));
      (void)normalize_href(r.href);
      (void)resolve_href("https://dav.example.org/base/", r.href);
      if (r.current_user_principal_href) (void)resolve_href("https://h/", *r.current_user_principal_href);
    }
  }
  (void)parse_dav_error(body, limits);
  (void)is_invalid_sync_token_error(body, limits);
  (void)parse_status_line(body.substr(0, 64));
  (void)same_href(body.substr(0, 200), "/x/");
  return parsed.has_value();
}

std::string mutate(std::string body, std::mt19937& rng) {
  static constexpr std::string_view kSpecials = "<>/=\"':&;#![]?-x \n\0\xff\xc3"sv;
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  // One or two edits: XML is strict, more would rarely leave a parseable body.
  const int edits = 1 + static_cast<int>(pick(2));
  for (int e = 0; e < edits && !body.empty(); ++e) {
    const std::size_t at = pick(body.size());
    switch (pick(7)) {
      case 0: body[at] = kSpecials[pick(kSpecials.size())]; break;
      case 1: body.insert(at, 1, kSpecials[pick(kSpecials.size())]); break;
      case 2: body.erase(at, 1 + pick(16)); break;
      case 3: body.resize(at); break;  // truncated answers
      case 4: body.insert(at, body.substr(pick(body.size()), 1 + pick(64))); break;
      case 5: body[at] = static_cast<char>(pick(256)); break;
      case 6: {  // swap a namespace URI for another
        static const std::vector<std::string_view> uris = {"DAV:", "urn:ietf:params:xml:ns:caldav", "", "dav:"};
        const std::size_t q = body.find("=\"", at);
        if (q != std::string::npos) {
          const std::size_t end = body.find('"', q + 2);
          if (end != std::string::npos) body.replace(q + 2, end - q - 2, uris[pick(uris.size())]);
        }
        break;
      }
    }
  }
  return body;
}

TEST(CalDavXmlRobustness, RandomBytes) {
  StderrCapture err;
  std::mt19937 rng(2024);
  const auto start = Clock::now();
  for (int i = 0; i < 5000; ++i) {
    std::string body(std::uniform_int_distribution<std::size_t>(0, 300)(rng), '\0');
    for (char& c : body) c = static_cast<char>(rng());
    exercise(body);
    exercise("<d:multistatus xmlns:d=\"DAV:\">" + body);  // get past the first byte more often
  }
  EXPECT_LT(Clock::now() - start, time_budget(20000));
  EXPECT_EQ(err.finish(), "");
}

TEST(CalDavXmlRobustness, MutatedServerAnswers) {
  StderrCapture err;
  std::mt19937 rng(99);
  std::size_t still_parsed = 0;
  std::size_t total = 0;
  const auto start = Clock::now();
  for (int round = 0; round < 1000; ++round) {
    for (std::string_view valid : fixtures::all_multistatus()) {
      EXPECT_TRUE(exercise(valid));
      const std::string mutated = mutate(std::string(valid), rng);
      if (exercise(mutated)) ++still_parsed;
      ++total;
    }
  }
  EXPECT_LT(Clock::now() - start, time_budget(30000));
  const std::string printed = err.finish();
  EXPECT_EQ(printed, "");
  // Mutations must reach the model, not just fail in the parser.
  EXPECT_GT(still_parsed, total / 10);
  std::cout << "[ mutations  ] " << still_parsed << " of " << total << " still parsed\n";
}

TEST(CalDavXmlRobustness, TokenSoup) {
  const std::vector<std::string_view> tokens = {
      "<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">", "</d:multistatus>",
      "<d:response>", "</d:response>", "<d:href>", "</d:href>", "/cal/a.ics", "<d:propstat>", "</d:propstat>",
      "<d:prop>", "</d:prop>", "<d:status>", "</d:status>", "HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found",
      "<d:getetag>", "</d:getetag>", "\"e1\"", "<c:calendar-data>", "</c:calendar-data>", "<![CDATA[", "]]>",
      "<d:resourcetype>", "</d:resourcetype>", "<d:collection/>", "<c:calendar/>", "<c:comp name=\"VEVENT\"/>",
      "<c:supported-calendar-component-set>", "</c:supported-calendar-component-set>", "<d:sync-token>",
      "</d:sync-token>", "<d:current-user-principal>", "</d:current-user-principal>", "&amp;", "&lt;", "&#13;",
      "&#x0;", "&bogus;", "<!--", "-->", "<?pi x?>", " ", "\n", "<", ">", "/>", "=", "\"", "xmlns=\"DAV:\"",
      "<error xmlns=\"DAV:\">", "<valid-sync-token/>", "</error>", "<!DOCTYPE x>", "\xc3\xa9", "\xff"};
  StderrCapture err;
  std::mt19937 rng(5);
  const auto start = Clock::now();
  for (int i = 0; i < 8000; ++i) {
    std::string body;
    const int count = std::uniform_int_distribution<int>(1, 40)(rng);
    for (int k = 0; k < count; ++k) {
      body += tokens[std::uniform_int_distribution<std::size_t>(0, tokens.size() - 1)(rng)];
    }
    exercise(body);
  }
  EXPECT_LT(Clock::now() - start, time_budget(20000));
  EXPECT_EQ(err.finish(), "");
}

std::string repeat(std::string_view unit, std::size_t times) {
  std::string text;
  text.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) text += unit;
  return text;
}

TEST(CalDavXmlRobustness, PathologicalBodies) {
  const std::string open = "<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">";
  const std::string close = "</d:multistatus>";
  const std::string response = "<d:response><d:href>/c/x.ics</d:href><d:propstat><d:prop><d:getetag>\"e\"</d:getetag>"
                               "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
  const std::size_t big = 2'000'000;
  const std::vector<std::string> bodies = {
      open + repeat(response, 20000) + close,                                   // many responses
      open + "<d:response>" + repeat("<d:href>/a</d:href>", 20000) + "<d:status>HTTP/1.1 404 x</d:status></d:response>" +
          close,                                                                // many hrefs in one response
      open + "<d:response><d:href>/a</d:href><d:propstat><d:prop>" + repeat("<d:getetag>\"e\"</d:getetag>", 50000) +
          "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>" + close,  // repeated property
      open + "<d:response><d:href>/a</d:href>" + repeat("<d:propstat><d:prop><d:x/></d:prop><d:status>HTTP/1.1 404 N"
                                                         "</d:status></d:propstat>", 20000) +
          "</d:response>" + close,                                              // many propstats, many missing
      open + "<d:response><d:href>" + std::string(big, 'a') + "</d:href></d:response>" + close,  // long href
      open + "<d:response><d:href>/" + repeat("%zz", big / 3) + "</d:href></d:response>" + close,
      open + "<d:response><d:href>/" + repeat("../", big / 3) + "</d:href></d:response>" + close,
      open + "<d:response><d:href>/a</d:href><d:propstat><d:prop><c:calendar-data>" + repeat("&lt;&#13;", big / 9) +
          "</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>" + close,
      open + "<d:response><d:href>/a</d:href><d:propstat><d:prop><c:calendar-data>" +
          repeat("<![CDATA[x]]>", big / 13) + "</c:calendar-data></d:prop></d:propstat></d:response>" + close,
      "<d:multistatus " + repeat("xmlns:a=\"DAV:\" ", 1) + [] {
        std::string attrs;
        for (int i = 0; i < 20000; ++i) attrs += "xmlns:p" + std::to_string(i) + "=\"urn:x" + std::to_string(i) + "\" ";
        return attrs;
      }() + "xmlns:d=\"DAV:\"/>",                                               // many namespace declarations
      "<d:multistatus xmlns:d=\"DAV:\" " + [] {
        std::string attrs;
        for (int i = 0; i < 20000; ++i) attrs += "a" + std::to_string(i) + "=\"v\" ";
        return attrs;
      }() + "/>",                                                               // many attributes
      open + "<d:response><d:href>/a</d:href><d:propstat><d:prop><c:supported-calendar-component-set>" +
          repeat("<c:comp name=\"VEVENT\"/>", 50000) +
          "</c:supported-calendar-component-set></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
          "</d:response>" + close,
      open + repeat("<d:response>", 63) + "<d:href>/deep</d:href>" + close,     // deep but under the cap, unclosed
      open + repeat("<d:prop>", 100000) + close,                                // over the depth cap
      open + repeat("<!-- comment -->", 100000) + close,
      open + repeat("<?pi data?>", 100000) + close,
      open + std::string(big, ' ') + close,
      open + "<d:sync-token>" + std::string(big, 't') + "</d:sync-token>" + close,
      std::string(big, '\0'),
      std::string(big, '<'),
      std::string(big, '&'),
      "<a>" + std::string(big, ']') + "]]></a>",
      "<a b=\"" + std::string(big, 'x') + "\"/>",
      "<" + std::string(big, 'a') + "/>",
      "<a:" + std::string(big, 'b') + " xmlns:a=\"DAV:\"/>",
      "<?xml version=\"1.0\" encoding=\"" + std::string(10000, 'x') + "\"?><a/>",
  };
  StderrCapture err;
  for (const std::string& body : bodies) {
    const auto start = Clock::now();
    exercise(body);
    const auto elapsed = Clock::now() - start;
    if (std::getenv("KITH_CALDAV_XML_TIMING") != nullptr) {
      std::cout << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms  "
                << body.substr(0, 60) << "\n";
    }
    EXPECT_LT(elapsed, time_budget(3000)) << "slow body starting " << body.substr(0, 80);
  }
  EXPECT_EQ(err.finish(), "");
}

TEST(CalDavXmlRobustness, ManyResponsesParseInFull) {
  const std::string response = "<d:response><d:href>/c/x.ics</d:href><d:propstat><d:prop><d:getetag>\"e\"</d:getetag>"
                               "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
  const std::string body = "<d:multistatus xmlns:d=\"DAV:\">" + repeat(response, 20000) + "</d:multistatus>";
  const Expected<Multistatus> parsed = parse_multistatus(body);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->responses.size(), 20000u);
}

TEST(CalDavXmlRobustness, HrefHelpersOnRandomInput) {
  StderrCapture err;
  std::mt19937 rng(7);
  static constexpr std::string_view kAlphabet = "/.%:?#@ab09F \t\xc3\xff"sv;
  for (int i = 0; i < 20000; ++i) {
    std::string href(std::uniform_int_distribution<std::size_t>(0, 40)(rng), '\0');
    for (char& c : href) c = kAlphabet[std::uniform_int_distribution<std::size_t>(0, kAlphabet.size() - 1)(rng)];
    // "/x" keeps the base's authority, "//x" names its own; other shapes
    // ("a:b" has a scheme of its own) are not checked here.
    const bool absolute_path = href.starts_with("/") && !href.starts_with("//");
    const Expected<std::string> normalized = normalize_href(href);
    ASSERT_TRUE(normalized);
    // Normalizing is idempotent for what it produces from paths, as long as
    // no escape is left to decode and no whitespace to trim.
    if (!href.empty() && href[0] == '/' && normalized->find_first_of("% \t") == std::string::npos) {
      EXPECT_EQ(*normalize_href(*normalized), *normalized) << href;
    }
    const Expected<std::string> resolved = resolve_href("https://h:8443/a/b/c", href);
    ASSERT_TRUE(resolved);
    if (absolute_path) {
      EXPECT_TRUE(resolved->starts_with("https://h:8443/")) << *resolved;
    }
    for (char c : *resolved) EXPECT_TRUE(c > 0x20 && c < 0x7f) << *resolved;
  }
  EXPECT_EQ(err.finish(), "");
}

}  // namespace
}  // namespace kith::dav
