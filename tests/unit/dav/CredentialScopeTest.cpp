// Where a DAV account's credentials may go, rule by rule. The same rules
// against the real client and scripted servers: CalDavCredentialScope in
// tests/integration/caldav.
#include <gtest/gtest.h>

#include "dav/transport/CredentialScope.h"

namespace kith::dav {
namespace {

struct Row {
  const char* account_url;
  std::vector<std::string> trusted_hosts;
  const char* request_url;
  bool allowed;
  const char* why;
};

TEST(CredentialScope, EachRule) {
  const std::vector<Row> rows = {
      // The configured origin, whatever the path; scheme and host in any case; default ports.
      {"https://dav.example.org/", {}, "https://dav.example.org/alex/calendars/", true, "same origin"},
      {"https://dav.example.org", {}, "HTTPS://DAV.Example.ORG:443/x", true, "case and default port"},
      {"http://127.0.0.1:5232/", {}, "http://127.0.0.1:5232/alex/", true, "http account, same origin"},
      // Another port or scheme of the same host is another origin.
      {"http://127.0.0.1:5232/", {}, "http://127.0.0.1:5233/alex/", false, "same address, other port"},
      {"https://dav.example.org/", {}, "http://dav.example.org/", false, "downgrade to plain HTTP"},
      {"https://dav.example.org/", {}, "https://dav.example.org:8443/", true, "same registrable domain over https"},
      // The registrable domain, by the Public Suffix List.
      {"https://caldav.icloud.com/", {}, "https://p68-caldav.icloud.com/123/calendars/", true, "iCloud partition host"},
      {"https://caldav.icloud.com/", {}, "http://p68-caldav.icloud.com/", false, "partition host over plain HTTP"},
      {"https://dav.example.co.uk/", {}, "https://www.example.co.uk/", true, "co.uk is a public suffix"},
      {"https://dav.example.co.uk/", {}, "https://other.co.uk/", false, "another domain under co.uk"},
      {"https://alex.github.io/", {}, "https://mallory.github.io/", false, "github.io is a (private) public suffix"},
      {"https://dav.example.org/", {}, "https://dav.example.org.evil.net/", false, "suffix trick"},
      {"https://dav.example.org/", {}, "https://evilexample.org/", false, "not a subdomain"},
      // Addresses have no registrable domain: only the exact origin.
      {"https://10.0.0.1/", {}, "https://10.0.0.2/", false, "another address"},
      {"http://127.0.0.1:80/", {}, "http://localhost:80/", false, "localhost is another host"},
      // trusted_hosts: any port over https; over http only for an http account.
      {"https://dav.example.org/", {"calendars.partner.net"}, "https://calendars.partner.net:8443/x", true, "trusted"},
      {"https://dav.example.org/", {"Calendars.Partner.NET"}, "https://calendars.partner.net/x", true, "trusted, any case"},
      {"https://dav.example.org/", {"calendars.partner.net"}, "http://calendars.partner.net/x", false, "trusted, but plain HTTP"},
      {"http://127.0.0.1:5232/", {"localhost"}, "http://localhost:5299/x", true, "trusted from an http account"},
      {"https://dav.example.org/", {}, "not a url", false, "unparseable"},
      {"https://dav.example.org/", {}, "ftp://dav.example.org/", false, "another scheme"},
  };
  for (const auto& row : rows) {
    const CredentialScope scope(row.account_url, row.trusted_hosts);
    const auto refusal = scope.refusal(row.request_url);
    EXPECT_EQ(!refusal.has_value(), row.allowed) << row.why << ": " << row.request_url << " "
                                                 << refusal.value_or("(allowed)");
  }
}

TEST(CredentialScope, RefusalNamesTheOriginAndTheKey) {
  const CredentialScope scope("https://dav.example.org/", {});
  const auto refusal = scope.refusal("https://elsewhere.net:8443/principal/");
  ASSERT_TRUE(refusal);
  EXPECT_NE(refusal->find("https://elsewhere.net:8443"), std::string::npos) << *refusal;
  EXPECT_NE(refusal->find("trusted_hosts"), std::string::npos) << *refusal;
  EXPECT_NE(refusal->find("\"elsewhere.net\""), std::string::npos) << *refusal;
}

}  // namespace
}  // namespace kith::dav
