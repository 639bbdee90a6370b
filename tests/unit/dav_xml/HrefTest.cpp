// Href comparison (normalize_href, same_href) and resolution against a base
// URL (resolve_href), including the RFC 3986 5.4 reference examples.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "dav/xml/Href.h"

namespace kith::dav {
namespace {

std::string normalized(std::string_view href) {
  const Expected<std::string> result = normalize_href(href);
  EXPECT_TRUE(result);
  return result ? *result : std::string("<error>");
}

std::string resolved(std::string_view base, std::string_view href) {
  const Expected<std::string> result = resolve_href(base, href);
  EXPECT_TRUE(result) << base << " + " << href << ": " << (result ? "" : result.error().message);
  return result ? *result : std::string("<error>");
}

TEST(Href, NormalizeTrailingSlashAndRoot) {
  EXPECT_EQ(normalized("/cal/"), "/cal");
  EXPECT_EQ(normalized("/cal"), "/cal");
  EXPECT_EQ(normalized("/cal//"), "/cal");
  EXPECT_EQ(normalized("/dav//cal///a.ics"), "/dav/cal/a.ics");
  EXPECT_EQ(normalized("https://h//x//"), "/x");
  EXPECT_EQ(normalized("/"), "/");
  EXPECT_EQ(normalized("http://host"), "/");
  EXPECT_EQ(normalized("http://host/"), "/");
  EXPECT_EQ(normalized(""), "");
}

TEST(Href, NormalizeDropsSchemeAndAuthority) {
  EXPECT_EQ(normalized("https://p42-caldav.icloud.com:443/1234567890/calendars/"), "/1234567890/calendars");
  EXPECT_EQ(normalized("HTTP://Host:8080/a/b.ics"), "/a/b.ics");
  EXPECT_EQ(normalized("//host/a/"), "/a");  // network-path reference
}

TEST(Href, NormalizeDecodesPercentEscapes) {
  EXPECT_EQ(normalized("/caldav/v2/dana%40example.com/events/"), "/caldav/v2/dana@example.com/events");
  EXPECT_EQ(normalized("/cal/%7ealice/%7E"), "/cal/~alice/~");
  EXPECT_EQ(normalized("/a%2Fb"), "/a/b");
  EXPECT_EQ(normalized("/caf%C3%A9.ics"), "/caf\xc3\xa9.ics");
  // Invalid escapes stay as they are.
  EXPECT_EQ(normalized("/a%zz/b%4"), "/a%zz/b%4");
  EXPECT_EQ(normalized("/a%"), "/a%");
}

TEST(Href, NormalizeDotSegmentsFragmentQueryWhitespace) {
  EXPECT_EQ(normalized("/a/./b/../c/"), "/a/c");
  EXPECT_EQ(normalized("/../../a"), "/a");
  EXPECT_EQ(normalized("/a.ics#frag"), "/a.ics");
  EXPECT_EQ(normalized("/a?x=%41&y=/"), "/a?x=A&y=/");
  EXPECT_EQ(normalized("\n   /cal/a.ics \t"), "/cal/a.ics");
  EXPECT_EQ(normalized("URN:uuid:0f2c"), "urn:uuid:0f2c");
  EXPECT_EQ(normalized("relative/x/"), "relative/x");
}

TEST(Href, SameHref) {
  EXPECT_TRUE(same_href("/cal/a%40b.ics", "https://srv.example/cal/a@b.ics"));
  EXPECT_TRUE(same_href("/alice/work%20calendar/", "/alice/work calendar"));
  EXPECT_TRUE(same_href(" /x/ ", "/x"));
  EXPECT_FALSE(same_href("/cal/a.ics", "/cal/A.ics"));  // paths are case-sensitive
  EXPECT_FALSE(same_href("/cal/a.ics", "/cal/a.ics/b"));
  EXPECT_FALSE(same_href("/a?x=1", "/a"));
}

// RFC 3986 5.4.1 and 5.4.2, with the fragment dropped as resolve_href does.
TEST(Href, ResolveRfc3986Examples) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q"},
      {"g#s", "http://a/b/c/g"},
      {"g?y#s", "http://a/b/c/g?y"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g"},
      {"g#s/../x", "http://a/b/c/g"},
      {"http:g", "http:g"},
  };
  for (const auto& [reference, expected] : cases) {
    EXPECT_EQ(resolved(base, reference), expected) << "reference: " << reference;
  }
}

TEST(Href, ResolveDiscoveryCases) {
  // Principal href found at the well-known URL.
  EXPECT_EQ(resolved("https://dav.example.org/.well-known/caldav", "/dav/principals/alice/"),
            "https://dav.example.org/dav/principals/alice/");
  // iCloud sends the home set as an absolute URL on another host.
  EXPECT_EQ(resolved("https://caldav.icloud.com/1234567890/principal/",
                     "https://p42-caldav.icloud.com:443/1234567890/calendars/"),
            "https://p42-caldav.icloud.com:443/1234567890/calendars/");
  // Relative member of a collection.
  EXPECT_EQ(resolved("https://cloud.example.org/remote.php/dav/calendars/carol/", "personal/"),
            "https://cloud.example.org/remote.php/dav/calendars/carol/personal/");
  // Base without a path.
  EXPECT_EQ(resolved("https://dav.example.org", "cal/"), "https://dav.example.org/cal/");
  // The port and user info of the base are kept.
  EXPECT_EQ(resolved("http://user@localhost:5232/", "/alice/"), "http://user@localhost:5232/alice/");
  // Whitespace from pretty-printed XML is ignored.
  EXPECT_EQ(resolved(" https://h/a/ ", "\n  b.ics\n"), "https://h/a/b.ics");
}

TEST(Href, ResolveEncodesWhatAUrlCannotCarry) {
  EXPECT_EQ(resolved("https://h/", "/work calendar/caf\xc3\xa9.ics"), "https://h/work%20calendar/caf%C3%A9.ics");
  EXPECT_EQ(resolved("https://h/", "/a%20b/\"x\"<y>{z}|\\^`"), "https://h/a%20b/%22x%22%3Cy%3E%7Bz%7D%7C%5C%5E%60");
  EXPECT_EQ(resolved("https://h/", "/tab\there"), "https://h/tab%09here");
}

TEST(Href, ResolveNeedsAnAbsoluteBase) {
  for (std::string_view base : {"", "/dav/", "dav.example.org/dav", "https:no-authority", "://h/"}) {
    const Expected<std::string> result = resolve_href(base, "/x");
    ASSERT_FALSE(result) << base;
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  }
}

}  // namespace
}  // namespace kith::dav
