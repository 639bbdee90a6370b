// IcsContent: telling events from tasks by their BEGIN lines.
#include <gtest/gtest.h>

#include "IcsContent.h"

namespace kith::local {
namespace {

TEST(IcsContent, OnlyWholeBeginLinesCount) {
  EXPECT_TRUE(holds_component("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nEND:VTODO\r\n", "VTODO"));
  EXPECT_TRUE(holds_component("\xEF\xBB\xBF" "begin:vtodo \n", "VTODO"));
  EXPECT_TRUE(holds_component("X\nBEGIN:VTODO", "VTODO"));
  EXPECT_FALSE(holds_component("BEGIN:VCALENDAR\r\nBEGIN:VTODOX\r\n", "VTODO"));
  EXPECT_FALSE(holds_component("DESCRIPTION:see BEGIN:VTODO\r\n", "VTODO"));
  EXPECT_FALSE(holds_component("  BEGIN:VTODO\r\n", "VTODO"));
  EXPECT_FALSE(holds_component("", "VTODO"));
}

}  // namespace
}  // namespace kith::local
