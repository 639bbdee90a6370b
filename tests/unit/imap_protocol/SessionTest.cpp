// The framer and the parser together on a realistic sync transcript, fed
// the way a socket delivers it: in arbitrary pieces. Also a throughput
// sanity check over 100,000 FETCH responses (reported, never asserted).
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "protocol/ImapCommand.h"
#include "protocol/ImapFramer.h"
#include "protocol/ImapParser.h"

namespace {

using namespace kith::imap;

std::string fetch_unit(std::uint32_t sequence, Uid uid) {
  const std::string headers = "Message-ID: <" + std::to_string(uid) +
                              "@example.org>\r\nDate: Tue, 3 Mar 2020 10:00:00 +0100\r\n"
                              "From: \"Ann Example\" <ann@example.org>\r\n\r\n";
  return "* " + std::to_string(sequence) + " FETCH (UID " + std::to_string(uid) + " MODSEQ (" +
         std::to_string(1000 + uid) + ") INTERNALDATE \" 3-Mar-2020 10:00:0" + std::to_string(uid % 10) +
         " +0100\" BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM)] {" + std::to_string(headers.size()) + "}\r\n" +
         headers + ")\r\n";
}

// What a session would collect from the responses.
struct Collected {
  std::map<Uid, FetchResponse> messages;
  std::optional<std::uint32_t> uid_validity;
  std::optional<std::uint64_t> highest_modseq;
  UidSet vanished;
  std::vector<ListResponse> mailboxes;
  std::vector<StatusResponse> completions;
  bool qresync_enabled = false;
  bool has_qresync = false;
  std::size_t errors = 0;
  std::size_t unknown = 0;

  void take(const Response& response) {
    if (const auto* fetch = std::get_if<FetchResponse>(&response)) {
      if (fetch->uid) messages[*fetch->uid] = *fetch;
    } else if (const auto* status = std::get_if<StatusResponse>(&response)) {
      if (status->code && status->code->kind == CodeKind::UidValidity) uid_validity = status->code->number;
      if (status->code && status->code->kind == CodeKind::HighestModseq) highest_modseq = status->code->number;
      if (status->tagged()) completions.push_back(*status);
    } else if (const auto* vanished_response = std::get_if<VanishedResponse>(&response)) {
      for (const UidRange& r : vanished_response->uids.ranges()) vanished.add(r);
    } else if (const auto* list = std::get_if<ListResponse>(&response)) {
      mailboxes.push_back(*list);
    } else if (const auto* caps = std::get_if<CapabilityResponse>(&response)) {
      has_qresync = caps->has("QRESYNC");
    } else if (const auto* enabled = std::get_if<EnabledResponse>(&response)) {
      qresync_enabled = enabled->has("QRESYNC");
    } else if (std::holds_alternative<UnknownResponse>(response)) {
      ++unknown;
    }
  }
};

std::string transcript() {
  std::string s =
      "* OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL+ ID ENABLE IDLE AUTH=PLAIN] Dovecot ready.\r\n"
      "K1 OK [CAPABILITY IMAP4rev1 IDLE QRESYNC CONDSTORE ESEARCH SPECIAL-USE LIST-EXTENDED] Logged in\r\n"
      "* CAPABILITY IMAP4rev1 IDLE QRESYNC CONDSTORE ESEARCH SPECIAL-USE LIST-EXTENDED\r\n"
      "K2 OK Capability completed.\r\n"
      "* ENABLED QRESYNC\r\n"
      "K3 OK Enabled.\r\n"
      "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
      "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n"
      "* LIST (\\HasNoChildren \\Drafts) \"/\" {6}\r\nDrafts\r\n"
      "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n"
      "K4 OK List completed.\r\n"
      "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
      "* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n"
      "* 1000 EXISTS\r\n"
      "* 0 RECENT\r\n"
      "* OK [UIDVALIDITY 1583228000] UIDs valid\r\n"
      "* OK [UIDNEXT 1201] Predicted next UID\r\n"
      "* OK [HIGHESTMODSEQ 2400] Highest\r\n"
      "* VANISHED (EARLIER) 3:5,900\r\n"
      "K5 OK [READ-ONLY] Examine completed (0.001 + 0.000 secs).\r\n";
  for (std::uint32_t i = 1; i <= 1000; ++i) s += fetch_unit(i, 200 + i);
  s += "* VANISHED 7\r\n";
  s += "K6 OK Fetch completed.\r\n";
  return s;
}

TEST(ImapSession, TranscriptInRandomPieces) {
  const std::string stream = transcript();
  std::mt19937 rng(3);
  for (int round = 0; round < 10; ++round) {
    Framer framer;
    Collected collected;
    for (std::size_t i = 0; i < stream.size();) {
      const std::size_t chunk = std::uniform_int_distribution<std::size_t>(1, round % 2 ? 16 : 4096)(rng);
      ASSERT_TRUE(framer.feed(std::string_view(stream).substr(i, chunk)));
      i += chunk;
      while (auto unit = framer.next()) {
        auto response = parse_response(*unit);
        if (!response) {
          ++collected.errors;
          continue;
        }
        collected.take(*response);
      }
    }
    EXPECT_EQ(collected.errors, 0u);
    EXPECT_EQ(collected.unknown, 1u);  // NAMESPACE
    EXPECT_TRUE(collected.has_qresync);
    EXPECT_TRUE(collected.qresync_enabled);
    ASSERT_EQ(collected.mailboxes.size(), 3u);
    EXPECT_EQ(collected.mailboxes[2].mailbox, "Drafts");
    EXPECT_TRUE(collected.mailboxes[1].has_attribute("\\Sent"));
    EXPECT_EQ(collected.uid_validity, 1583228000u);
    EXPECT_EQ(collected.highest_modseq, 2400u);
    EXPECT_EQ(collected.vanished.to_string(), "3:5,7,900");
    ASSERT_EQ(collected.completions.size(), 6u);
    EXPECT_EQ(collected.completions.back().tag, "K6");
    EXPECT_EQ(collected.completions[4].code->kind, CodeKind::ReadOnly);
    ASSERT_EQ(collected.messages.size(), 1000u);
    const FetchResponse& last = collected.messages.at(1200);
    EXPECT_EQ(last.sequence, 1000u);
    EXPECT_EQ(last.modseq, 2200u);
    EXPECT_EQ(last.internal_date, 1583226000);
    ASSERT_NE(last.find_body("HEADER.FIELDS"), nullptr);
    EXPECT_EQ(last.find_body("HEADER.FIELDS")->data->substr(0, 26), "Message-ID: <1200@example.");
  }
}

TEST(ImapSession, CommandsAndResponsesUseTheSameTags) {
  TagGenerator tags;
  CommandBuilder builder(tags);
  FetchItems items;
  items.header_fields = {"MESSAGE-ID"};
  const auto commands = builder.uid_fetch(UidSet::from_ranges({{1, 10}}), items);
  ASSERT_TRUE(commands);
  const auto completion = parse_response((*commands)[0].tag + " OK done\r\n");
  ASSERT_TRUE(completion);
  const auto& status = std::get<StatusResponse>(*completion);
  EXPECT_EQ(tags.sequence_of(status.tag), 1u);
}

TEST(ImapSession, ThroughputSanity) {
  constexpr std::uint32_t kMessages = 100000;
  std::string stream;
  stream.reserve(kMessages * 220);
  for (std::uint32_t i = 1; i <= kMessages; ++i) stream += fetch_unit(i, i);

  const auto start = std::chrono::steady_clock::now();
  Framer framer;
  std::size_t parsed = 0;
  std::uint64_t uid_sum = 0;
  for (std::size_t i = 0; i < stream.size(); i += 16384) {
    ASSERT_TRUE(framer.feed(std::string_view(stream).substr(i, 16384)));
    while (auto unit = framer.next()) {
      auto response = parse_response(*unit);
      ASSERT_TRUE(response);
      const auto& fetch = std::get<FetchResponse>(*response);
      uid_sum += *fetch.uid;
      ++parsed;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(parsed, kMessages);
  EXPECT_EQ(uid_sum, std::uint64_t{kMessages} * (kMessages + 1) / 2);
  // Reported for humans; a timing assert would make the suite flaky.
  std::cout << "[ throughput ] " << kMessages << " FETCH responses (" << stream.size() / (1024 * 1024)
            << " MiB) framed and parsed in " << seconds << " s\n";
  RecordProperty("fetch_seconds", std::to_string(seconds));
}

}  // namespace
