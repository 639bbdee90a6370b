// Tests of the process, port and IMAP-client helpers under the Dovecot harness.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>

#include "servers/FreePort.h"
#include "servers/ImapTestClient.h"
#include "servers/TestProcess.h"

namespace {

using namespace kith::testing;

TEST(DovecotHarnessProcessTest, RunProcessCapturesOutputAndExitCode) {
  auto r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_FALSE(r->timed_out);

  auto missing = run_process({"kith-no-such-binary"});
  EXPECT_FALSE(missing);
}

TEST(DovecotHarnessProcessTest, RunProcessKillsTheGroupOnTimeout) {
  auto t0 = std::chrono::steady_clock::now();
  auto r = run_process({"sh", "-c", "sleep 30 & sleep 30; echo never"}, std::chrono::milliseconds(300));
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(r->exit_code, -1);
  EXPECT_EQ(r->term_signal, SIGKILL);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
}

TEST(DovecotHarnessProcessTest, ChildProcessStopsItsWholeGroup) {
  const std::string out = ::testing::TempDir() + "/kith-child-" + std::to_string(::getpid()) + ".log";
  // A parent that ignores SIGTERM and leaves a background child behind.
  auto child = ChildProcess::spawn({"sh", "-c", "trap '' TERM; sleep 60 & echo started; wait"}, out);
  ASSERT_TRUE(child) << child.status().message();
  const pid_t pid = child->pid();
  ASSERT_GT(pid, 0);
  for (int i = 0; i < 200 && live_processes_in_group(pid).size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(live_processes_in_group(pid).size(), 2u);
  EXPECT_TRUE(child->running());
  auto st = child->stop(std::chrono::milliseconds(200));
  EXPECT_TRUE(st) << st.message();
  EXPECT_FALSE(child->running());
  EXPECT_EQ(child->pid(), -1);
  EXPECT_TRUE(live_processes_in_group(pid).empty());
  ASSERT_TRUE(child->wait_status().has_value());
  EXPECT_EQ(describe_wait_status(*child->wait_status()), "signal 9 (Killed)");
  std::ifstream log(out);
  std::string line;
  std::getline(log, line);
  EXPECT_EQ(line, "started");
  std::filesystem::remove(out);
}

TEST(DovecotHarnessProcessTest, ChildProcessKillHard) {
  auto child = ChildProcess::spawn({"sleep", "60"}, "/dev/null");
  ASSERT_TRUE(child) << child.status().message();
  const pid_t pid = child->pid();
  EXPECT_TRUE(child->kill_hard());
  EXPECT_TRUE(live_processes_in_group(pid).empty());
  EXPECT_TRUE(child->stop());  // nothing left to stop
}

TEST(DovecotHarnessProcessTest, FreePortsAreDistinctAndBindable) {
  auto ports = free_loopback_ports(3);
  ASSERT_TRUE(ports) << ports.status().message();
  std::set<int> unique(ports->begin(), ports->end());
  EXPECT_EQ(unique.size(), 3u);
  for (int p : *ports) {
    EXPECT_GT(p, 0);
    EXPECT_FALSE(can_connect_loopback(p, std::chrono::milliseconds(200))) << p;
  }
}

TEST(DovecotHarnessProcessTest, ImapClientReadsLiteralsAndTaggedResponses) {
  // A scripted fake server on a free port: greeting, one literal response, tagged OK.
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  ASSERT_EQ(::listen(listener, 1), 0);
  const int port = ntohs(addr.sin_port);
  std::thread server([listener] {
    int fd = ::accept(listener, nullptr, nullptr);
    const std::string greeting = "* OK fake ready\r\n";
    (void)!::write(fd, greeting.data(), greeting.size());
    char buf[256];
    (void)!::read(fd, buf, sizeof buf);
    const std::string reply =
        "* 1 FETCH (UID 7 BODY[] {13}\r\nline1\r\n}{3}\r\n FLAGS (\\Seen))\r\n* 2 EXISTS\r\nk1 OK done\r\n";
    for (char c : reply) (void)!::write(fd, &c, 1);  // byte by byte
    ::close(fd);
  });
  auto client = ImapTestClient::connect(port, std::chrono::seconds(5));
  ASSERT_TRUE(client) << client.status().message();
  EXPECT_EQ(client->greeting(), "* OK fake ready");
  auto r = client->command("UID FETCH 7 (BODY[] FLAGS)");
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->tag, "k1");
  EXPECT_EQ(r->tagged, "k1 OK done");
  ASSERT_EQ(r->untagged.size(), 2u);
  EXPECT_EQ(r->untagged[0], "* 1 FETCH (UID 7 BODY[] {13}\r\nline1\r\n}{3}\r\n FLAGS (\\Seen))");
  EXPECT_EQ(r->untagged[1], "* 2 EXISTS");
  EXPECT_EQ(r->lines_with("EXISTS").size(), 1u);
  EXPECT_TRUE(client->read_until_closed());
  server.join();
  ::close(listener);
  EXPECT_EQ(imap_quote(R"(a"b\c)"), R"("a\"b\\c")");
}

}  // namespace
