// The carddav provider against real Radicale and Xandikos servers on
// 127.0.0.1, through the real `kith` binary; what it stored is read back
// from the database.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "../../e2e/KithProcess.h"
#include "../../unit/engine/TempDir.h"
#include "CardStore.h"
#include "servers/DavServerLog.h"
#include "servers/RadicaleServer.h"
#include "servers/XandikosServer.h"

namespace kith::test {
namespace {

using nlohmann::json;
using kith::testing::answered_while;
using kith::testing::RadicaleOptions;
using kith::testing::RadicaleServer;
using kith::testing::XandikosServer;
using Cards = std::map<std::string, std::string>;

class CardDavSync : public ::testing::Test {
 protected:
  void write_config(const std::string& url, const std::string& extra = "") {
    std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"alex@example.org\"]\n\n[[account]]\n"
                                     << "name = \"contacts\"\nprovider = \"carddav\"\nurl = \"" << url << "\"\n"
                                     << "username = \"alex\"\npassword_env = \"KITH_TEST_DAV_PASSWORD\"\n"
                                     << extra;
  }

  ProcessResult kith(std::vector<std::string> args, const std::string& password = "secret") {
    args.insert(args.begin(), {"--config", (dir / "kith.toml").string(), "--db", (dir / "history.db").string()});
    return run_kith(args, dir.path(),
                    "KITH_PLUGIN_PATH=" + shell_quote(KITH_PLUGIN_BUILD_DIR) + " KITH_TEST_DAV_PASSWORD=" +
                        shell_quote(password) + " ");
  }

  json sync(int expected_exit = 0) {
    auto r = kith({"sync", "--json"});
    EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
    try {
      return json::parse(r.out)[0];
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what() << ": " << r.out << r.err;
      return json();
    }
  }

  Cards cards() { return stored_cards(dir / "history.db"); }

  std::unique_ptr<RadicaleServer> radicale(RadicaleOptions options = {}) {
    auto s = RadicaleServer::start(options);
    EXPECT_TRUE(s) << s.status().message();
    return s ? std::move(*s) : nullptr;
  }

  kith::test::TempDir dir;
};

TEST_F(CardDavSync, FirstAndIncrementalSyncAgainstRadicale) {
  auto server = radicale();
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_addressbook("alex", "contacts", "Contacts"));
  ASSERT_TRUE(server->make_addressbook("alex", "family", "Family"));
  ASSERT_TRUE(server->make_calendar("alex", "work", "Work"));  // not an address book: not read
  ASSERT_TRUE(server->put_card("alex", "contacts", "ann.vcf", vcard("ann", "Ann Lee", "ann@example.net")));
  ASSERT_TRUE(server->put_card("alex", "contacts", "bob.vcf", vcard("bob", "Bob Roe", "bob@example.net")));
  ASSERT_TRUE(server->put_card("alex", "family", "mum.vcf", vcard("mum", "Mum", "mum@example.net")));

  write_config(server->base_url());  // discovery from the bare host
  const json first = sync();
  EXPECT_EQ(first["result"], "ok") << first;
  EXPECT_EQ(first["items"], 3);
  EXPECT_EQ(cards(), (Cards{{"/alex/contacts/ann.vcf", "Ann Lee"},
                            {"/alex/contacts/bob.vcf", "Bob Roe"},
                            {"/alex/family/mum.vcf", "Mum"}}));

  EXPECT_EQ(sync()["items"], 0);  // nothing changed: nothing fetched

  // One card changed, one added, one deleted.
  ASSERT_TRUE(server->put_card("alex", "contacts", "ann.vcf", vcard("ann", "Ann Lee-Smith", "ann@example.net")));
  ASSERT_TRUE(server->put_card("alex", "contacts", "cy.vcf", vcard("cy", "Cy Young", "cy@example.net")));
  ASSERT_TRUE(server->delete_card("alex", "contacts", "bob.vcf"));
  const json second = sync();
  EXPECT_EQ(second["result"], "ok") << second;
  EXPECT_EQ(second["items"], 3);  // two cards, one removal
  EXPECT_EQ(cards(), (Cards{{"/alex/contacts/ann.vcf", "Ann Lee-Smith"},
                            {"/alex/contacts/cy.vcf", "Cy Young"},
                            {"/alex/family/mum.vcf", "Mum"}}));
}

// Radicale answers a token it no longer has with 403 valid-sync-token: the
// address book is listed from scratch, and what vanished meanwhile is
// removed, as the engine cannot tell (its full listings cover events only).
// Radicale's history of deletions is gone too, so its listing does not
// report bob's card as deleted: only the cursor's member list can.
TEST_F(CardDavSync, ExpiredSyncTokenListsAgainLosingAndDoublingNothing) {
  auto server = radicale();
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_addressbook("alex", "contacts", "Contacts"));
  ASSERT_TRUE(server->put_card("alex", "contacts", "ann.vcf", vcard("ann", "Ann Lee", "ann@example.net")));
  ASSERT_TRUE(server->put_card("alex", "contacts", "bob.vcf", vcard("bob", "Bob Roe", "bob@example.net")));
  write_config(server->base_url());
  ASSERT_EQ(sync()["result"], "ok");
  ASSERT_EQ(cards().size(), 2u);

  ASSERT_TRUE(server->delete_card("alex", "contacts", "bob.vcf"));
  ASSERT_TRUE(server->put_card("alex", "contacts", "cy.vcf", vcard("cy", "Cy Young", "cy@example.net")));
  ASSERT_TRUE(server->expire_sync_history("alex", "contacts"));
  const auto refused = kith({"--log-level", "info", "sync", "--json"});
  EXPECT_EQ(refused.exit_code, 0) << refused.err;
  EXPECT_NE(refused.err.find("sync token of '/alex/contacts' no longer valid; listing it again"), std::string::npos)
      << refused.err;
  EXPECT_EQ(cards(), (Cards{{"/alex/contacts/ann.vcf", "Ann Lee"}, {"/alex/contacts/cy.vcf", "Cy Young"}}));

  // And the token it got then works as usual.
  ASSERT_TRUE(server->delete_card("alex", "contacts", "ann.vcf"));
  EXPECT_EQ(sync()["items"], 1);
  EXPECT_EQ(cards(), (Cards{{"/alex/contacts/cy.vcf", "Cy Young"}}));
}

TEST_F(CardDavSync, ServerWithoutSyncTokensUsesCtagAndEtags) {
  RadicaleOptions options;
  options.sync_collection = false;
  auto server = radicale(options);
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_addressbook("alex", "contacts", "Contacts"));
  ASSERT_TRUE(server->put_card("alex", "contacts", "ann.vcf", vcard("ann", "Ann Lee", "ann@example.net")));
  ASSERT_TRUE(server->put_card("alex", "contacts", "bob.vcf", vcard("bob", "Bob Roe", "bob@example.net")));
  write_config(server->base_url());
  EXPECT_EQ(sync()["items"], 2);
  EXPECT_EQ(sync()["items"], 0);  // same ctag

  ASSERT_TRUE(server->put_card("alex", "contacts", "ann.vcf", vcard("ann", "Ann Lee-Smith", "ann@example.net")));
  ASSERT_TRUE(server->delete_card("alex", "contacts", "bob.vcf"));
  EXPECT_EQ(sync()["items"], 2);  // one changed card, one removal
  EXPECT_EQ(cards(), (Cards{{"/alex/contacts/ann.vcf", "Ann Lee-Smith"}}));
}

// A cursor from the sync-token path, then a server that lost RFC 6578 (or
// use_sync_token = false): the etag listing still knows what was there.
TEST_F(CardDavSync, SwitchingToTheEtagPathKeepsRemovalsRight) {
  auto server = radicale();
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_addressbook("alex", "contacts", "Contacts"));
  ASSERT_TRUE(server->put_card("alex", "contacts", "ann.vcf", vcard("ann", "Ann Lee", "ann@example.net")));
  ASSERT_TRUE(server->put_card("alex", "contacts", "bob.vcf", vcard("bob", "Bob Roe", "bob@example.net")));
  write_config(server->base_url());
  ASSERT_EQ(sync()["items"], 2);
  ASSERT_TRUE(server->delete_card("alex", "contacts", "bob.vcf"));
  write_config(server->base_url(), "use_sync_token = false\n");
  const json etags = sync();
  EXPECT_EQ(etags["result"], "ok") << etags;
  EXPECT_EQ(etags["items"], 1);  // the removal only: ann's etag is known
  EXPECT_EQ(cards(), (Cards{{"/alex/contacts/ann.vcf", "Ann Lee"}}));
}

TEST_F(CardDavSync, XandikosFromTheBareHost) {
  auto started = XandikosServer::start({});
  ASSERT_TRUE(started) << started.status().message();
  auto& server = **started;
  ASSERT_TRUE(server.make_addressbook("friends", "Friends"));
  ASSERT_TRUE(server.put_card("friends", "ann.vcf", vcard("ann", "Ann Lee", "ann@example.net")));
  ASSERT_TRUE(server.put_card("friends", "bob.vcf", vcard("bob", "Bob Roe", "bob@example.net")));
  write_config(server.base_url());
  const json first = sync();
  EXPECT_EQ(first["result"], "ok") << first;
  EXPECT_EQ(cards(), (Cards{{"/user/contacts/friends/ann.vcf", "Ann Lee"},
                            {"/user/contacts/friends/bob.vcf", "Bob Roe"}}));
  EXPECT_EQ(sync()["items"], 0);

  ASSERT_TRUE(server.put_card("friends", "ann.vcf", vcard("ann", "Ann Lee-Smith", "ann@example.net")));
  ASSERT_TRUE(server.put_card("friends", "cy.vcf", vcard("cy", "Cy Young", "cy@example.net")));
  ASSERT_TRUE(server.delete_card("friends", "bob.vcf"));
  const json second = sync();
  EXPECT_EQ(second["result"], "ok") << second;
  EXPECT_EQ(second["items"], 3);
  EXPECT_EQ(cards(), (Cards{{"/user/contacts/friends/ann.vcf", "Ann Lee-Smith"},
                            {"/user/contacts/friends/cy.vcf", "Cy Young"}}));
}

// The answered REPORTs each kind of sync sends an address book, and the
// cards after each. A first sync reads the cards by one addressbook-query
// while the address book is listed (a second REPORT, for the token), on
// both servers. Later, Radicale sends address-data in a sync-collection
// answer when asked: the listing is the fetch, one REPORT each. Xandikos
// answers it 404 there: the changed cards are fetched with one
// addressbook-multiget more.
TEST_F(CardDavSync, TheReportsOfAFirstSyncASyncAfterChangesAndANoOp) {
  auto radicale_server = radicale();
  ASSERT_TRUE(radicale_server);
  ASSERT_TRUE(radicale_server->make_addressbook("alex", "contacts", "Contacts"));
  auto xandikos = XandikosServer::start({});
  ASSERT_TRUE(xandikos) << xandikos.status().message();
  ASSERT_TRUE((*xandikos)->make_addressbook("friends", "Friends"));
  RadicaleServer& r = *radicale_server;
  XandikosServer& x = **xandikos;
  struct Case {
    std::string url, log, book;
    std::function<bool(const std::string&, const std::string&)> put;
    std::function<bool(const std::string&)> remove;
    std::size_t first, changed, noop;  // answered REPORTs
  };
  const std::vector<Case> cases = {
      {r.base_url(), r.log_path(), "/alex/contacts/",
       [&](const std::string& name, const std::string& card) { return r.put_card("alex", "contacts", name, card).has_value(); },
       [&](const std::string& name) { return r.delete_card("alex", "contacts", name).is_ok(); }, 2, 1, 1},
      {x.base_url(), x.log_path(), "/user/contacts/friends/",
       [&](const std::string& name, const std::string& card) { return x.put_card("friends", name, card).has_value(); },
       [&](const std::string& name) { return x.delete_card("friends", name).is_ok(); }, 2, 2, 1}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    ASSERT_TRUE(c.put("ann.vcf", vcard("ann", "Ann Lee", "ann@example.net")));
    ASSERT_TRUE(c.put("bob.vcf", vcard("bob", "Bob Roe", "bob@example.net")));
    std::filesystem::remove(dir / "history.db");
    write_config(c.url);
    auto reports_of = [&](const std::function<void()>& run) {
      return answered_while(c.url, c.log, "REPORT", c.book, run).value_or(SIZE_MAX);
    };
    EXPECT_EQ(reports_of([&] { EXPECT_EQ(sync()["items"], 2); }), c.first) << "first sync";
    EXPECT_EQ(cards(), (Cards{{c.book + "ann.vcf", "Ann Lee"}, {c.book + "bob.vcf", "Bob Roe"}}));

    ASSERT_TRUE(c.put("ann.vcf", vcard("ann", "Ann Lee-Smith", "ann@example.net")));
    ASSERT_TRUE(c.put("cy.vcf", vcard("cy", "Cy Young", "cy@example.net")));
    ASSERT_TRUE(c.remove("bob.vcf"));
    EXPECT_EQ(reports_of([&] { EXPECT_EQ(sync()["items"], 3); }), c.changed) << "sync after changes";
    EXPECT_EQ(cards(), (Cards{{c.book + "ann.vcf", "Ann Lee-Smith"}, {c.book + "cy.vcf", "Cy Young"}}));

    EXPECT_EQ(reports_of([&] { EXPECT_EQ(sync()["items"], 0); }), c.noop) << "no-op";
    for (const char* name : {"ann.vcf", "cy.vcf"}) ASSERT_TRUE(c.remove(name));
  }
}

// Xandikos sends no address-data in a sync-collection and costs a pass
// over the address book per multiget href: a listing from scratch without
// the cards (here a first sync listed first, as after a refused token)
// asks for them by one addressbook-query instead (multiget_size 1 makes
// three cards more than one multiget, so without the query it would take
// three).
TEST_F(CardDavSync, AFirstSyncOnXandikosFetchesTheCardsByOneAddressBookQuery) {
  auto xandikos = XandikosServer::start({});
  ASSERT_TRUE(xandikos) << xandikos.status().message();
  XandikosServer& x = **xandikos;
  ASSERT_TRUE(x.make_addressbook("friends", "Friends"));
  for (const char* name : {"ann", "bob", "cy"})
    ASSERT_TRUE(x.put_card("friends", std::string(name) + ".vcf", vcard(name, std::string("Person ") + name,
                                                                        std::string(name) + "@example.net")));
  write_config(x.base_url(), "multiget_size = 1\nfirst_sync_query = false\n");
  const std::string book = "/user/contacts/friends/";
  const auto reports = answered_while(x.base_url(), x.log_path(), "REPORT", book, [&] { EXPECT_EQ(sync()["items"], 3); });
  EXPECT_EQ(reports.value_or(SIZE_MAX), 2u) << "a sync-collection and one addressbook-query";
  EXPECT_EQ(cards(), (Cards{{book + "ann.vcf", "Person ann"}, {book + "bob.vcf", "Person bob"},
                            {book + "cy.vcf", "Person cy"}}));
  // A card changed since is fetched by the incremental sync as before.
  ASSERT_TRUE(x.put_card("friends", "bob.vcf", vcard("bob", "Bob Roe", "bob@example.net")));
  EXPECT_EQ(sync()["items"], 1);
  EXPECT_EQ(cards().at(book + "bob.vcf"), "Bob Roe");
}

TEST_F(CardDavSync, SelectionAndCheckNameTheAddressBooks) {
  auto server = radicale();
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_addressbook("alex", "contacts", "Contacts"));
  ASSERT_TRUE(server->make_addressbook("alex", "old", "Old phone"));
  ASSERT_TRUE(server->put_card("alex", "contacts", "ann.vcf", vcard("ann", "Ann Lee", "ann@example.net")));
  ASSERT_TRUE(server->put_card("alex", "old", "bob.vcf", vcard("bob", "Bob Roe", "bob@example.net")));
  write_config(server->base_url(), "exclude_addressbooks = [\"Old phone\"]\n");
  EXPECT_EQ(sync()["result"], "ok");
  EXPECT_EQ(cards(), (Cards{{"/alex/contacts/ann.vcf", "Ann Lee"}}));
  const auto check = kith({"accounts", "--check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("Contacts"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("Old phone"), std::string::npos) << check.out;
}

TEST_F(CardDavSync, WrongPasswordIsAClearError) {
  auto server = radicale();
  ASSERT_TRUE(server);
  ASSERT_TRUE(server->make_addressbook("alex", "contacts", "Contacts"));
  write_config(server->base_url());
  const std::string password = "tr0ub4dor-not-this-one";
  auto r = kith({"sync"}, password);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("CardDAV server 127.0.0.1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("refused the login of 'alex' (wrong password?)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("tr0ub4dor"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kith::test
