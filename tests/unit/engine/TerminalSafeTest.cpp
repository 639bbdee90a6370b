// terminal_safe(): what server-supplied text may put on a terminal.
#include <gtest/gtest.h>

#include "util/Strings.h"

namespace kith::engine {
namespace {

TEST(TerminalSafe, ControlsBecomeReplacementCharactersAndTextStays) {
  const std::string r = "\xEF\xBF\xBD";
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"Dana Whitfield", "Dana Whitfield"},
      {"S\xC3\xB8ren \xE7\x94\xB0\xE4\xB8\xAD \xF0\x9F\x98\x80", "S\xC3\xB8ren \xE7\x94\xB0\xE4\xB8\xAD \xF0\x9F\x98\x80"},
      {"\x1b]0;owned\x07", r + "]0;owned" + r},
      {"a\x1b[2Jb", "a" + r + "[2Jb"},
      {"tab\there\r\nnext", "tab" + r + "here" + r + r + "next"},
      {"del\x7f", "del" + r},
      {"csi\xC2\x9B" "2J", "csi" + r + "2J"},   // U+009B
      {"nel\xC2\x85", "nel" + r},               // U+0085
      {"nbsp\xC2\xA0ok", "nbsp\xC2\xA0ok"},     // U+00A0 is text
      {std::string("nul\0x", 5), "nul" + r + "x"},
  };
  for (const auto& [in, out] : rows) {
    EXPECT_EQ(terminal_safe(in), out) << in;
    EXPECT_EQ(terminal_safe(std::string(in)), out) << "the same from a string given away: " << in;
  }
}

}  // namespace
}  // namespace kith::engine
