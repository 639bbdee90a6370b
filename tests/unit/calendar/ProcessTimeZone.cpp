// Runs every calendar test with a process time zone that is neither UTC nor
// any zone the tests use (Chatham: +12:45/+13:45, DST in the southern
// summer), so an accidental dependency on local time shows up as a failure.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace {

class ProcessTimeZone : public ::testing::Environment {
 public:
  void SetUp() override {
    ::setenv("TZ", "Pacific/Chatham", 1);
    ::tzset();
  }
};

[[maybe_unused]] ::testing::Environment* const kProcessTimeZone =
    ::testing::AddGlobalTestEnvironment(new ProcessTimeZone);

}  // namespace
