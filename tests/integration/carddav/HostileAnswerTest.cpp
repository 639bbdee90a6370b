// The carddav provider against scripted servers on 127.0.0.1 that answer
// badly: bodies without end, connections that die or stall mid-answer, a
// listing longer than the account allows, a card that is not a vCard, and
// redirects or hrefs to another origin (which must not get the
// credentials). Each ends in a one-line error naming what was at fault, in
// time bounded by the account's settings.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "CardStore.h"
#include "servers/ScriptedHttpServer.h"

namespace kith::test {
namespace {

using kith::testing::BodyDelivery;
using kith::testing::ScriptedHttpServer;
using kith::testing::ScriptedResponse;

// The start of a multistatus with the DAV: ("d") and CardDAV ("card")
// prefixes; close it with "</d:multistatus>".
const std::string kHead = R"(<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">)";

std::string response(const std::string& href, const std::string& props) {
  return "<d:response><d:href>" + href + "</d:href><d:propstat><d:prop>" + props +
         "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
}

std::string card_href(std::size_t i) { return "/h/book/c" + std::to_string(i) + ".vcf"; }

std::string person(std::size_t i) {
  return vcard("c" + std::to_string(i), "Person " + std::to_string(i), "person" + std::to_string(i) + "@example.com");
}

// Discovery to the address book /h/book/ (no supported-report-set: the
// etag path), listing `members` cards; the multiget answers with
// `multiget_body`, delivered as `delivery`.
std::vector<ScriptedResponse> server(std::size_t members, const std::string& multiget_body,
                                     BodyDelivery delivery = BodyDelivery::Whole) {
  std::string listing = kHead + response("/h/book/", "<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>");
  for (std::size_t i = 0; i < members; ++i)
    listing += response(card_href(i), "<d:getetag>\"" + std::to_string(i) + "\"</d:getetag>");
  listing += "</d:multistatus>";
  ScriptedResponse multiget{"REPORT", "/h/book/", 207, multiget_body};
  multiget.delivery = delivery;
  return {{"PROPFIND", "/", 207,
           kHead + response("/", "<d:current-user-principal><d:href>/p/</d:href></d:current-user-principal>") +
               "</d:multistatus>"},
          {"PROPFIND", "/p/", 207,
           kHead + response("/p/", "<card:addressbook-home-set><d:href>/h/</d:href></card:addressbook-home-set>") +
               "</d:multistatus>"},
          {"PROPFIND", "/h/", 207,
           kHead + response("/h/", "<d:resourcetype><d:collection/></d:resourcetype>") +
               response("/h/book/", "<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>"
                                    "<d:displayname>Book</d:displayname>") +
               "</d:multistatus>"},
          {"PROPFIND", "/h/book/", 207, listing},
          multiget};
}

// A multiget answer holding cards 0..n-1, card `broken` (if any) not a vCard.
std::string multiget(std::size_t n, std::size_t broken = SIZE_MAX) {
  std::string body = kHead;
  for (std::size_t i = 0; i < n; ++i)
    body += response(card_href(i), "<d:getetag>\"" + std::to_string(i) + "\"</d:getetag><card:address-data>" +
                                       (i == broken ? std::string("this is not a vCard\r\n") : person(i)) +
                                       "</card:address-data>");
  return body + "</d:multistatus>";
}

class CardDavHostileAnswer : public ::testing::Test {
 protected:
  void start(std::vector<ScriptedResponse> script, bool require_auth = false) {
    auto s = ScriptedHttpServer::start(std::move(script), require_auth);
    ASSERT_TRUE(s) << s.status().message();
    srv = std::move(*s);
  }

  ProcessResult kith(const std::vector<std::string>& command, const std::string& extra = "") {
    std::ofstream(dir / "kith.toml") << "[[account]]\nname = \"book\"\nprovider = \"carddav\"\nurl = \"" << srv->base_url()
                                     << "/\"\nusername = \"me@example.com\"\npassword_env = \"KITH_TEST_SECRET\"\n"
                                     << "timeout_seconds = " << timeout_seconds << "\n"
                                     // The scripts list the address book first, as every sync but a
                                     // first one by addressbook-query does (AddressBookFirstSync.cpp).
                                     << (first_sync_query ? "" : "first_sync_query = false\n") << extra;
    std::vector<std::string> args = {"--config", (dir / "kith.toml").string(), "--db", (dir / "h.db").string()};
    args.insert(args.end(), command.begin(), command.end());
    return run_kith(args, dir.path(),
                    "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " KITH_TEST_SECRET=s3cret ");
  }

  TempDir dir;
  std::unique_ptr<ScriptedHttpServer> srv;
  int timeout_seconds = 10;
  bool first_sync_query = false;  // a test of the first sync by addressbook-query sets it
};

TEST_F(CardDavHostileAnswer, TheScriptedServerIsReadWhenItBehaves) {
  start(server(3, multiget(3)));
  const ProcessResult r = kith({"sync"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(stored_cards(dir / "h.db").size(), 3u);
}

// A first sync reads the cards by one addressbook-query and stores them
// batch_size at a time as the answer is read: an answer that breaks off
// after five cards leaves the full batches before the break stored (the
// sync fails; the next one starts again) and nothing of the batch it cut.
TEST_F(CardDavHostileAnswer, CardsAQueryBringsAreStoredBatchSizeAtATime) {
  std::string broken = multiget(5);
  broken.erase(broken.size() - std::string("</d:multistatus>").size());
  broken += "<d:response><d:href>";
  first_sync_query = true;
  for (const auto& [batch, stored] : std::vector<std::pair<int, std::size_t>>{{2, 4}, {3, 3}, {500, 0}}) {
    SCOPED_TRACE("batch_size " + std::to_string(batch));
    std::filesystem::remove(dir / "h.db");
    start(server(5, broken));
    const ProcessResult r = kith({"sync"}, "batch_size = " + std::to_string(batch) + "\n");
    EXPECT_NE(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("unreadable addressbook-query answer"), std::string::npos) << r.err;
    EXPECT_EQ(stored_cards(dir / "h.db").size(), stored);
  }
}

TEST_F(CardDavHostileAnswer, ACardThatIsNotAVCardIsAFailedItemNotAFailedAccount) {
  start(server(3, multiget(3, 1)));
  const ProcessResult r = kith({"sync", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto result = nlohmann::json::parse(r.out)[0];
  EXPECT_EQ(result["item_errors"], 1) << result;
  EXPECT_EQ(stored_cards(dir / "h.db"),
            (std::map<std::string, std::string>{{card_href(0), "Person 0"}, {card_href(2), "Person 2"}}));
  const ProcessResult status = kith({"status", "--json"});
  EXPECT_NE(status.out.find(card_href(1)), std::string::npos) << status.out;
}

TEST_F(CardDavHostileAnswer, AListingLongerThanMaxAddressbookMembersIsRefused) {
  start(server(50, multiget(50)));
  ProcessResult r = kith({"sync"}, "max_addressbook_members = 49\n");
  EXPECT_NE(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("'/h/book' lists more than 49 members; raise max_addressbook_members"), std::string::npos)
      << r.err;
  EXPECT_TRUE(stored_cards(dir / "h.db").empty());
}

// A body that never ends stops at the client's cap (64 MiB), not at the
// server's whim.
TEST_F(CardDavHostileAnswer, ABodyWithoutEndIsCutAtTheCap) {
  start(server(3, multiget(3), BodyDelivery::Endless));
  const auto began = std::chrono::steady_clock::now();
  const ProcessResult r = kith({"sync"});
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.err.find("is larger than 67108864 bytes"), std::string::npos) << r.err;
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(60));
  EXPECT_TRUE(stored_cards(dir / "h.db").empty());
}

TEST_F(CardDavHostileAnswer, AConnectionThatDiesMidAnswerIsATransientError) {
  start(server(3, multiget(3), BodyDelivery::DiesMidBody));
  const ProcessResult r = kith({"sync"});
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.err.find("CardDAV server " + srv->base_url().substr(7) + " unreachable"), std::string::npos) << r.err;
  EXPECT_TRUE(stored_cards(dir / "h.db").empty());
}

TEST_F(CardDavHostileAnswer, AnAnswerThatStallsEndsAtTheTimeout) {
  start(server(3, multiget(3), BodyDelivery::StallsMidBody));
  const auto began = std::chrono::steady_clock::now();
  timeout_seconds = 2;
  const ProcessResult r = kith({"sync"});
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.err.find("Timeout was reached"), std::string::npos) << r.err;
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(20));
}

// The account's server redirects discovery to another origin (another
// port): the request goes there without the credentials.
TEST_F(CardDavHostileAnswer, ARedirectToAnotherOriginGetsNoCredentials) {
  auto other = ScriptedHttpServer::start({{"PROPFIND", "/", 207, ""}}, /*require_auth=*/true);
  ASSERT_TRUE(other) << other.status().message();
  start({{"PROPFIND", "/", 301, "", {{"Location", (*other)->base_url() + "/"}}},
         {"PROPFIND", "/.well-known/carddav", 301, "", {{"Location", (*other)->base_url() + "/"}}}},
        /*require_auth=*/true);
  const ProcessResult r = kith({"sync"});
  EXPECT_NE(r.exit_code, 0) << r.out;
  const auto reached = (*other)->requests();
  ASSERT_FALSE(reached.empty()) << r.err;
  for (const auto& request : reached) EXPECT_FALSE(request.authorization) << request.method << " " << request.path;
  bool credentials_went_home = false;
  for (const auto& request : srv->requests()) credentials_went_home |= request.authorization;
  EXPECT_TRUE(credentials_went_home) << "the account's own server gets them";
}

// An href naming another origin is not even asked.
TEST_F(CardDavHostileAnswer, AHomeSetOnAnotherOriginIsRefusedWithTheReason) {
  auto other = ScriptedHttpServer::start({{"PROPFIND", "/h/", 207, ""}});
  ASSERT_TRUE(other) << other.status().message();
  auto script = server(1, multiget(1));
  script[1] = {"PROPFIND", "/p/", 207,
               kHead + response("/p/", "<card:addressbook-home-set><d:href>" + (*other)->base_url() +
                                           "/h/</d:href></card:addressbook-home-set>") +
                   "</d:multistatus>"};
  start(script);
  const ProcessResult r = kith({"sync"});
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.err.find("outside this account's origin"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("trusted_hosts"), std::string::npos) << r.err;
  EXPECT_TRUE((*other)->requests().empty());
}

}  // namespace
}  // namespace kith::test
