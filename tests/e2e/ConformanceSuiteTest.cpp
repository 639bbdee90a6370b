// The conformance suite (kith-provider-conformance) catches each breach of
// the contract it checks: a fixture provider commits one chosen flaw at a
// time, and the suite must fail naming it (and pass the flawless one).
#include <gtest/gtest.h>

#include <string>

#include "KithProcess.h"

namespace kith::test {
namespace {

// The suite on the flawed fixture with `flaw`; `extra` options split on blanks.
ProcessResult run_suite(const std::string& flaw, const std::string& extra = "--strict-resume") {
  std::vector<std::string> args = {"--setting", "flaw=" + flaw, "--setting", "data=/tmp"};
  std::size_t start = 0;
  while (start < extra.size()) {
    const std::size_t blank = extra.find(' ', start);
    const std::size_t end = blank == std::string::npos ? extra.size() : blank;
    if (end > start) args.push_back(extra.substr(start, end - start));
    start = end + 1;
  }
  return run_conformance(std::string(KITH_FIXTURE_PLUGIN_DIR) + "/kith_fixture_flawed.so", args);
}

struct FlawCase {
  const char* flaw;
  const char* expected_failure;  // a line the suite must print
};

class ConformanceSuite : public ::testing::TestWithParam<FlawCase> {};

TEST_P(ConformanceSuite, CatchesTheFlaw) {
  const FlawCase& c = GetParam();
  const ProcessResult run = run_suite(c.flaw);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find(c.expected_failure), std::string::npos) << run.out;
}

INSTANTIATE_TEST_SUITE_P(
    Flaws, ConformanceSuite,
    ::testing::Values(
        FlawCase{"lagging-cursor",
                 "FAIL  resumes from every committed cursor without loss or duplicates: crash at commit 2, then "
                 "resume: message inbox/message 4 delivered twice (--strict-resume)"},
        FlawCase{"leading-cursor",
                 "FAIL  resumes from every committed cursor without loss or duplicates: crash at commit 2, then "
                 "resume: message inbox/message 5 was lost"},
        FlawCase{"ignores-cancel", "FAIL  cancellation before the sync is honoured"},
        FlawCase{"ignores-failed-commit", "FAIL  resumes from every committed cursor without loss or duplicates: "
                                          "commit 1 failed, but the sync reported success"},
        FlawCase{"unstable", "FAIL  redelivery is idempotent"},
        FlawCase{"accepts-missing-path",
                 "FAIL  settings are validated: 'data' naming a missing path: the sync reported success"}),
    [](const ::testing::TestParamInfo<FlawCase>& info) {
      std::string name = info.param.flaw;
      for (char& ch : name)
        if (ch == '-') ch = '_';
      return name;
    });

TEST(ConformanceSuiteRun, ALaggingCursorPassesWithoutStrictResumeAndIsReported) {
  // Delivering a committed item again is allowed by the contract (the
  // engine deduplicates); only --strict-resume refuses it.
  const ProcessResult run = run_suite("lagging-cursor", "");
  EXPECT_NE(run.out.find("PASS  resumes from every committed cursor without loss or duplicates"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("came again after their batch was stored, identical"), std::string::npos) << run.out;
}

TEST(ConformanceSuiteRun, PassesAFlawlessProviderAndChecksExpectations) {
  const ProcessResult good = run_suite("none", "--strict-resume --expect-items 20 --expect-failed 0");
  EXPECT_EQ(good.exit_code, 0) << good.out;
  EXPECT_NE(good.out.find("10 passed, 0 failed"), std::string::npos) << good.out;
  const ProcessResult wrong_count = run_suite("none", "--expect-items 21");
  EXPECT_EQ(wrong_count.exit_code, 1);
  EXPECT_NE(wrong_count.out.find("20 items delivered, expected 21"), std::string::npos) << wrong_count.out;
}

TEST(ConformanceSuiteRun, RefusesAPluginOfAnotherMajor) {
  const ProcessResult run = run_conformance(std::string(KITH_FIXTURE_PLUGIN_DIR) + "/kith_fixture_abi_1.so", {});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("FAIL  descriptor: built for ABI 1.2"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace kith::test
