// Conversation messages end to end: a provider of another channel, the
// owner known by a profile URL ([identity] handles), people kept by their
// handles, and `kith contacts` / `kith history` showing them.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "../unit/engine/TempDir.h"
#include "KithProcess.h"

namespace kith::test {
namespace {

using nlohmann::json;

class ConversationsEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir / "kith.toml") << "[identity]\naddresses = [\"me@example.org\"]\n"
                                        "handles = [\"https://linkedin.com/in/me\"]\n\n"
                                        "[[account]]\nname = \"linkedin\"\nprovider = \"conversations\"\n";
  }
  json kith_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", (dir / "kith.toml").string(), "--db", (dir / "h.db").string()});
    args.push_back("--json");
    auto r = run_kith(args, dir.path(), "KITH_PLUGIN_PATH=" + shell_quote(KITH_FIXTURE_PLUGIN_DIR) + " ");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out.empty() ? "null" : r.out);
  }
  TempDir dir;
};

TEST_F(ConversationsEndToEnd, PeopleByHandleWithTheirConversations) {
  const json sync = kith_json({"sync"});
  ASSERT_EQ(sync[0]["result"], "ok") << sync;
  EXPECT_EQ(sync[0]["items"], 4);  // and one contact card
  EXPECT_EQ(sync[0]["interactions_added"], 3);  // the owner is nobody's contact

  const json contacts = kith_json({"contacts", "--sort", "name"});
  ASSERT_EQ(contacts.size(), 2u) << contacts;
  EXPECT_EQ(contacts[0]["name"], "Ann Lee");
  // The card gave Ann a second handle, her address, and what it says.
  EXPECT_EQ(contacts[0]["handles"], json::array({{{"kind", "email"}, {"value", "ann@example.net"}},
                                                 {{"kind", "uri"}, {"value", "https://linkedin.com/in/ann-lee"}}}));
  EXPECT_EQ(contacts[0]["addresses"], json::array({"ann@example.net"}));
  EXPECT_EQ(contacts[0]["card"]["organization"], "Example GmbH");
  EXPECT_EQ(contacts[0]["card"]["title"], "Head of Research");
  EXPECT_EQ(contacts[0]["card"]["birthday"], "--04-12");
  EXPECT_EQ(contacts[0]["card"]["categories"], json::array({"Berlin"}));
  EXPECT_TRUE(contacts[1]["card"].is_null());
  EXPECT_EQ(contacts[0]["conversation_counts"], json({{"message_sent", 1}, {"message_received", 1}}));
  EXPECT_EQ(contacts[1]["name"], "Cal");
  EXPECT_EQ(contacts[1]["handles"][0], json({{"kind", "phone"}, {"value", "+15550100"}}));

  // Found by the profile URL as a browser shows it.
  const json ann = kith_json({"history", "https://www.linkedin.com/in/ann-lee/"});
  ASSERT_EQ(ann["interactions"].size(), 2u) << ann;
  EXPECT_EQ(ann["interactions"][0]["kind"], "message_sent");
  EXPECT_EQ(ann["interactions"][0]["direction"], "outgoing");
  EXPECT_EQ(ann["interactions"][0]["channel"], "linkedin");
  EXPECT_EQ(ann["interactions"][0]["handle_kind"], "uri");
  EXPECT_EQ(ann["interactions"][0]["subject"], "Re: Coffee in Berlin?");
  EXPECT_EQ(ann["interactions"][1]["kind"], "message_received");

  // Found by the address the card gave her, too.
  EXPECT_EQ(kith_json({"history", "ann@example.net"})["contact"]["id"], ann["contact"]["id"]);

  // Nothing twice on the next sync.
  const json again = kith_json({"sync"});
  EXPECT_EQ(again[0]["interactions_added"], 0);
}

}  // namespace
}  // namespace kith::test
