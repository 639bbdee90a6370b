// `kith dashboard`: the link to the dashboard kithd serves, with its token,
// like Jupyter's; opens it in a browser when there is one.
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "cli/Commands.h"
#include "cli/Output.h"
#include "dashboard/DashboardFiles.h"

extern char** environ;

namespace kith::engine {

namespace {

// A browser for this session: $BROWSER, else xdg-open on a desktop.
std::string browser_program() {
  if (const char* b = std::getenv("BROWSER"); b && *b) return b;
  const bool desktop = std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY");
  if (!desktop) return {};
  for (const char* dir : {"/usr/bin", "/usr/local/bin", "/bin"}) {
    const std::string path = std::string(dir) + "/xdg-open";
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  return {};
}

// The browser gets a private file that redirects to the link, not the
// link: a command line is visible to every user of the machine.
bool open_in_browser(const std::filesystem::path& redirect_file, const std::string& link) {
  const std::string program = browser_program();
  if (program.empty()) return false;
  {
    const mode_t old = ::umask(077);
    std::ofstream out(redirect_file, std::ios::trunc);
    ::umask(old);
    if (!out) return false;
    out << "<!DOCTYPE html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=" << link
        << "\"><title>Kith</title><p><a href=\"" << link << "\">Open the Kith dashboard</a></p>\n";
  }
  const std::string target = "file://" + redirect_file.string();
  char* argv[] = {const_cast<char*>(program.c_str()), const_cast<char*>(target.c_str()), nullptr};
  pid_t pid = 0;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  const int spawned = ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  return spawned == 0;
}

}  // namespace

int run_dashboard(Session& session, bool open_browser) {
  const auto files = dashboard_files(session.store_path());
  auto link = read_link(files.link);
  if (!link) {
    if (link.status().kind() == ErrorKind::Item) {
      std::fprintf(stderr,
                   "kith: kithd is not serving the dashboard for %s: start `kithd --http 127.0.0.1:8417`, or set "
                   "[dashboard] listen in the config\n",
                   session.store_name().c_str());
    } else {
      std::fprintf(stderr, "kith: dashboard: %s\n", link.status().message().c_str());
    }
    return 1;
  }
  bool opened = false;
  if (open_browser) opened = open_in_browser(std::filesystem::path(files.link.string() + ".html"), *link);
  if (session.options().json) {
    print_json({{"link", *link}, {"opened", opened}});
    return 0;
  }
  std::printf("%s\n", link->c_str());
  if (opened) std::fprintf(stderr, "Opened in your browser.\n");
  return 0;
}

}  // namespace kith::engine
