#include <gtest/gtest.h>

#include "relate/Organizations.h"

namespace kith::engine {
namespace {

using Handles = std::vector<std::pair<std::string, std::string>>;

TEST(Organizations, ACardWinsOverTheMailDomain) {
  const FreeMail free_mail;
  EXPECT_EQ(organization_of("Acme", {{"email", "dana@initech.example"}}, free_mail).name, "Acme");
  EXPECT_EQ(organization_of("Acme", {{"email", "dana@initech.example"}}, free_mail).source, "card");
  const auto from_domain = organization_of("", {{"email", "dana@Initech.Example"}}, free_mail);
  EXPECT_EQ(from_domain.name, "initech.example");
  EXPECT_EQ(from_domain.source, "domain");
}

TEST(Organizations, FreeMailSaysNothingAboutWork) {
  const FreeMail free_mail;
  for (const char* domain : {"gmail.com", "outlook.com", "icloud.com", "gmx.de", "gmx.net", "gmx.co.uk", "yahoo.fr",
                             "yahoo.co.jp", "proton.me", "mail.gmx.de", "hotmail.com"})
    EXPECT_TRUE(free_mail.contains(domain)) << domain;
  for (const char* domain : {"acme.com", "gmx.acme.com", "notgmail.com", "gmail.com.evil.example", "yahoo.example.com"})
    EXPECT_FALSE(free_mail.contains(domain)) << domain;
  // The first address that is not free mail names the organization.
  const Handles handles = {{"email", "dana@gmail.com"}, {"uri", "https://www.linkedin.com/in/dana"},
                           {"email", "dana@acme.com"}};
  EXPECT_EQ(organization_of("", handles, free_mail).name, "acme.com");
  EXPECT_EQ(organization_of("", {{"email", "dana@gmail.com"}}, free_mail).name, "");
}

TEST(Organizations, TheConfigExtendsTheList) {
  const FreeMail free_mail({"example.net", "posteo.*"});
  EXPECT_TRUE(free_mail.contains("example.net"));
  EXPECT_TRUE(free_mail.contains("posteo.at"));
  EXPECT_FALSE(FreeMail().contains("example.net"));
  EXPECT_EQ(organization_of("", {{"email", "ben@example.net"}}, free_mail).name, "");
}

TEST(Organizations, MailDomains) {
  EXPECT_EQ(mail_domain("Ben@Example.NET"), "example.net");
  EXPECT_EQ(mail_domain("no-at-sign"), "");
  EXPECT_EQ(mail_domain("trailing@"), "");
  EXPECT_EQ(first_mail_domain({{"phone", "+1 555"}, {"email", "a@b.example"}}), "b.example");
}

}  // namespace
}  // namespace kith::engine
