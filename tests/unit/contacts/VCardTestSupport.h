// Shared helpers for the kith::contacts tests.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "kith/contacts/VCardReader.h"

namespace kith::contacts::testing {

// A file under tests/data/contacts, byte for byte.
inline std::string data_file(const std::string& name) {
  std::ifstream in(std::string(KITH_TEST_DATA_DIR) + "/contacts/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Content lines joined with CRLF.
inline std::string crlf(std::initializer_list<std::string_view> lines) {
  std::string out;
  for (std::string_view line : lines) {
    out.append(line);
    out.append("\r\n");
  }
  return out;
}

// One card of `version` holding `properties` (content lines, no CRLF).
inline std::string vcard(std::string_view version, std::initializer_list<std::string_view> properties) {
  std::string out = crlf({"BEGIN:VCARD"}) + "VERSION:" + std::string(version) + "\r\n";
  for (std::string_view p : properties) out += crlf({p});
  return out + crlf({"END:VCARD"});
}

// The cards of `text`, failing the test when it is refused.
inline std::vector<ContactCard> read_ok(std::string_view text, const VCardLimits& limits = {}) {
  auto cards = read_vcards(text, "book", "card.vcf", limits);
  EXPECT_TRUE(cards.has_value()) << cards.status().message();
  return cards ? *cards : std::vector<ContactCard>{};
}

// The only card of `text`.
inline ContactCard read_one(std::string_view text) {
  auto cards = read_ok(text);
  EXPECT_EQ(cards.size(), 1u);
  return cards.empty() ? ContactCard{} : cards.front();
}

// The error `text` is refused with (empty when it is not).
inline std::string refusal(std::string_view text, const VCardLimits& limits = {}) {
  auto cards = read_vcards(text, "book", "card.vcf", limits);
  if (cards) {
    ADD_FAILURE() << "accepted " << cards->size() << " cards";
    return {};
  }
  EXPECT_EQ(cards.status().kind(), ErrorKind::Item);
  return cards.status().message();
}

// The handle of `kind` whose value is `value`, or nullptr.
inline const Handle* find_handle(const ContactCard& card, HandleKind kind, std::string_view value) {
  for (const Handle& h : card.handles)
    if (h.kind == kind && h.value == value) return &h;
  return nullptr;
}

inline UnixSeconds utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  using namespace std::chrono;
  const sys_days day = year{y} / month{mo} / std::chrono::day{d};
  return duration_cast<seconds>(day.time_since_epoch()).count() + h * 3600 + mi * 60 + s;
}

}  // namespace kith::contacts::testing
