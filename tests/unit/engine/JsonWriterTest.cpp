// JsonWriter streams what print_json would print for the same value
// (members written in name order, as nlohmann::json keeps them).
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "JsonWriterCapture.h"
#include "cli/JsonWriter.h"

namespace kith::engine {
namespace {

auto captured = [](auto write) { return written_by_json_writer(write); };

std::string dumped(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

TEST(JsonWriter, PrintsWhatNlohmannPrints) {
  const std::string odd = "tab\there \"quoted\" back\\slash \x01 caf\xC3\xA9 broken \xC3( end";
  const nlohmann::json expected = {
      {"array", {1, 2, 3}},
      {"empty_array", nlohmann::json::array()},
      {"empty_object", nlohmann::json::object()},
      {"nested", {{"deeper", {{"x", nullptr}}}, {"list", {{{"a", 1}}, {{"b", 2}}}}}},
      {"numbers", {0, -7, 100.0, 0.1, 2.5e-7, 1e21, 123456789.125, static_cast<std::uint64_t>(18446744073709551615ull)}},
      {"layouts", {100000.0, 1e6, 1200000.0, 0.0001, 1e-5, 123456789.0, 1e15, 1e16, 5e-324, -0.0, 12.3, 0.30000000000000004}},
      {"flags", {true, false}},
      {"text", odd},
      {"time", "2026-03-02T14:05:09Z"},
      {"none", nullptr}};
  const std::string written = captured([&](JsonWriter& w) {
    w.begin_object();
    w.key("array").begin_array().value(1).value(2).value(3).end_array();
    w.key("empty_array").begin_array().end_array();
    w.key("empty_object").begin_object().end_object();
    w.key("flags").begin_array().value(true).value(false).end_array();
    w.key("layouts").begin_array();
    for (const double x : {100000.0, 1e6, 1200000.0, 0.0001, 1e-5, 123456789.0, 1e15, 1e16, 5e-324, -0.0, 12.3, 0.30000000000000004})
      w.value(x);
    w.end_array();
    w.key("nested").begin_object();
    w.key("deeper").begin_object().key("x").null().end_object();
    w.key("list").begin_array();
    w.begin_object().key("a").value(1).end_object();
    w.begin_object().key("b").value(2).end_object();
    w.end_array().end_object();
    w.key("none").text_or_null("");
    w.key("numbers").begin_array().value(0).value(-7).value(100.0).value(0.1).value(2.5e-7).value(1e21);
    w.value(123456789.125).value(static_cast<std::uint64_t>(18446744073709551615ull)).end_array();
    w.key("text").value(odd);
    w.key("time").time(1772460309);
    w.end_object();
  });
  EXPECT_EQ(written, dumped(expected));
}

TEST(JsonWriter, LaysOutAValueMadeElsewhereInPlace) {
  const nlohmann::json card = {{"name", "Dana"}, {"nicknames", {"D", "Dee"}}};
  EXPECT_EQ(captured([&](JsonWriter& w) { w.begin_array().begin_object().key("card").value(card).end_object().end_array(); }),
            dumped(nlohmann::json::array({{{"card", card}}})));
  EXPECT_EQ(captured([](JsonWriter& w) { w.begin_array().end_array(); }), "[]\n");
}

TEST(JsonWriter, WritesListsLongerThanItsBuffer) {
  nlohmann::json expected = nlohmann::json::array();
  const std::string long_text(300'000, 'x');  // longer than the buffer itself
  const std::string written = captured([&](JsonWriter& w) {
    w.begin_array();
    for (int i = 0; i < 30'000; ++i) {
      w.begin_object().key("id").value(i).key("name").value("person " + std::to_string(i)).end_object();
      expected.push_back({{"id", i}, {"name", "person " + std::to_string(i)}});
      if (i == 12'345) {
        w.value(long_text);
        expected.push_back(long_text);
        w.begin_object().key(long_text).value(i).end_object();
        expected.push_back({{long_text, i}});
      }
    }
    w.end_array();
  });
  EXPECT_EQ(written, dumped(expected));
}

TEST(JsonWriter, SaysWhenTheOutputCannotBeWritten) {
  std::FILE* full = std::fopen("/dev/full", "w");
  if (!full) GTEST_SKIP() << "no /dev/full here";
  ::testing::internal::CaptureStderr();
  {
    JsonWriter w(fileno(full));
    w.begin_array();
    for (int i = 0; i < 100'000; ++i) w.value("a line of output that fills more than one block");
    w.end_array().finish();
  }
  const std::string said = ::testing::internal::GetCapturedStderr();
  std::fclose(full);
  EXPECT_EQ(said, "kith: cannot write the output: No space left on device\n");
}

TEST(JsonWriter, NotANumberIsNull) {
  EXPECT_EQ(captured([](JsonWriter& w) { w.begin_array().value(std::numeric_limits<double>::quiet_NaN()).end_array(); }),
            dumped(nlohmann::json::array({nullptr})));
}

}  // namespace
}  // namespace kith::engine
