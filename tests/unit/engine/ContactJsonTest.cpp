// write_contact_laid_out spells out the layout write_contact gets from
// JsonWriter's calls (kith contacts --json over everyone): for any contact,
// in a list or after a key, the two write the same bytes.
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <string>

#include "JsonWriterCapture.h"
#include "cli/ContactJson.h"

namespace kith::engine {
namespace {

auto written = [](auto write) { return written_by_json_writer(write); };

struct Owned {
  std::string name;
  std::vector<std::pair<std::string, std::string>> handles;
  std::vector<std::string> tags;
  std::optional<UnixSeconds> first, last;
  double strength = 0;
  std::optional<CardSummary> card;
  ContactFields fields(std::int64_t id) const {
    ContactFields f;
    f.id = id;
    f.name = name;
    f.handles = &handles;
    f.tags = &tags;
    f.first_interaction = first;
    f.last_interaction = last;
    f.email_sent = static_cast<std::size_t>(id) * 7;
    f.email_received = static_cast<std::size_t>(id) * 3;
    f.meetings = static_cast<std::size_t>(id) % 5;
    f.upcoming_meetings = static_cast<std::size_t>(id) % 2;
    f.messages_sent = static_cast<std::size_t>(id) % 3;
    f.messages_received = std::numeric_limits<std::uint32_t>::max();
    f.card = card ? &*card : nullptr;
    f.strength = strength;
    return f;
  }
};

std::vector<Owned> contacts() {
  CardSummary card;
  card.formatted_name = "Dana Whitfield";
  card.organization = "Example \"Co\"";
  card.nicknames = {"D"};
  return {
      {"Ada Okafor", {{"email", "ada@example.org"}}, {"network"}, 1'700'000'000, 1'780'000'000, 100.0, {}},
      {"", {{"phone", "+15550100"}}, {}, std::nullopt, std::nullopt, 0.0, {}},
      {"Quote \" back\\slash \x01 caf\xC3\xA9 broken \xC3(", {{"email", "a@x.example"}, {"email", "b@x.example"},
       {"uri", "https://example.org/in/ann"}}, {"tab\there", "zeta"}, 0, 86399, 12.3, {}},
      {"田中 優子", {}, {}, 1'780'000'000, std::nullopt, 0.1, {}},
      {"With a card", {{"email", "dana@example.net"}}, {"friends"}, 1'700'000'000, 1'700'000'001, 55.5, card},
  };
}

TEST(ContactJson, LaidOutIsWhatTheCallsWriteInAList) {
  const auto list = contacts();
  auto write = [&](bool laid_out) {
    return written([&](JsonWriter& w) {
      w.begin_array();
      for (std::size_t i = 0; i < list.size(); ++i) {
        const ContactFields f = list[i].fields(static_cast<std::int64_t>(i) + 1);
        if (laid_out) write_contact_laid_out(w, f);
        else write_contact(w, f);
      }
      w.end_array();
    });
  };
  const std::string general = write(false);
  EXPECT_EQ(write(true), general);
  EXPECT_NE(general.find("\"card\": {"), std::string::npos) << "the card's contact is in the list";
  EXPECT_EQ(written([](JsonWriter& w) { w.begin_array().end_array(); }), "[]\n");
}

TEST(ContactJson, LaidOutIsWhatTheCallsWriteAfterAKeyAndDeeper) {
  const auto list = contacts();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const ContactFields f = list[i].fields(static_cast<std::int64_t>(i) + 40);
    auto write = [&](bool laid_out) {
      return written([&](JsonWriter& w) {
        w.begin_object().key("contact");
        if (laid_out) write_contact_laid_out(w, f);
        else write_contact(w, f);
        w.key("deeper").begin_array().begin_array();
        if (laid_out) write_contact_laid_out(w, f);
        else write_contact(w, f);
        w.end_array().end_array().end_object();
      });
    };
    EXPECT_EQ(write(true), write(false)) << i;
  }
}

}  // namespace
}  // namespace kith::engine
