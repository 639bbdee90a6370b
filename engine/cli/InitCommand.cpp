// `kith init`: writes a commented starter config. On a terminal, with no
// flags, it asks; with flags it asks nothing, for scripts.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli/Commands.h"
#include "cli/Output.h"
#include "config/StarterConfig.h"

namespace kith::engine {
namespace {

// One line from stdin after showing `question` (with its default in
// brackets); the default when the answer is empty; nullopt at end of input.
std::optional<std::string> ask(const std::string& question, const std::string& fallback = {}) {
  std::cout << question;
  if (!fallback.empty()) std::cout << " [" << fallback << "]";
  std::cout << ": " << std::flush;
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  const auto first = line.find_first_not_of(" \t\r");
  const auto last = line.find_last_not_of(" \t\r");
  line = first == std::string::npos ? std::string() : line.substr(first, last - first + 1);
  return line.empty() ? fallback : line;
}

std::vector<std::string> split_addresses(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  std::istringstream in(text);
  while (in >> word) {
    std::istringstream parts(word);
    for (std::string part; std::getline(parts, part, ',');)
      if (!part.empty()) out.push_back(part);
  }
  return out;
}

// Asks until the answer passes `valid`, which returns an error message or "".
template <typename Valid>
std::optional<std::string> ask_until(const std::string& question, const std::string& fallback, Valid valid) {
  for (;;) {
    auto answer = ask(question, fallback);
    if (!answer) return std::nullopt;
    const std::string problem = valid(*answer);
    if (problem.empty()) return answer;
    std::cout << "  " << problem << "\n";
  }
}

std::optional<SecretSource> ask_secret(const std::string& account) {
  std::cout << "How should kith get the password for " << account << "? It is never stored.\n"
            << "  1) a command that prints it, e.g. `pass show mail` (password_command)\n"
            << "  2) an environment variable that holds it (password_env)\n";
  auto choice = ask_until("Choose 1 or 2", "1", [](const std::string& a) {
    return a == "1" || a == "2" ? std::string() : std::string("please answer 1 or 2");
  });
  if (!choice) return std::nullopt;
  SecretSource secret;
  secret.kind = *choice == "1" ? SecretSource::Kind::Command : SecretSource::Kind::Environment;
  auto value = ask_until(secret.kind == SecretSource::Kind::Command ? "Command" : "Variable name", "",
                         [](const std::string& a) { return a.empty() ? std::string("cannot be empty") : std::string(); });
  if (!value) return std::nullopt;
  secret.value = *value;
  return secret;
}

std::string url_problem(const std::string& url, std::initializer_list<std::string_view> schemes) {
  if (url.empty()) return {};
  for (auto scheme : schemes)
    if (url.rfind(scheme, 0) == 0) return {};
  std::string expected;
  for (auto scheme : schemes) expected += (expected.empty() ? "" : " or ") + std::string(scheme);
  return "the URL must start with " + expected;
}

// The questions; nullopt when the input ended first.
std::optional<StarterConfig> interview() {
  StarterConfig starter;
  std::cout << "Kith keeps a history of the people you are in touch with, read from your own\n"
               "mail and calendar. A few questions; press Enter to skip one.\n\n";
  auto addresses = ask_until("Your own email addresses (comma-separated)", "", [](const std::string& a) {
    StarterConfig probe;
    probe.addresses = split_addresses(a);
    auto s = validate_starter(probe);
    return s ? std::string() : s.message();
  });
  if (!addresses) return std::nullopt;
  starter.addresses = split_addresses(*addresses);
  const std::string default_user = starter.addresses.empty() ? "" : starter.addresses.front();

  struct Kind {
    const char* provider;
    const char* name;
    const char* question;
    std::initializer_list<std::string_view> schemes;
  };
  for (const Kind& kind : {Kind{"imap", "mail", "IMAP server URL, e.g. imaps://mail.example.org", {"imaps://", "imap://"}},
                           Kind{"caldav", "calendar", "CalDAV server URL, e.g. https://dav.example.org",
                                {"https://", "http://"}}}) {
    auto url = ask_until(kind.question, "", [&](const std::string& a) { return url_problem(a, kind.schemes); });
    if (!url) return std::nullopt;
    if (url->empty()) continue;
    auto username = ask_until("Username", default_user, [](const std::string& a) {
      return a.empty() ? std::string("cannot be empty") : std::string();
    });
    if (!username) return std::nullopt;
    auto secret = ask_secret(std::string("'") + kind.name + "'");
    if (!secret) return std::nullopt;
    starter.accounts.push_back({kind.name, kind.provider, *url, *username, *secret});
  }
  return starter;
}

StarterConfig from_flags(const InitOptions& options) {
  StarterConfig starter;
  for (const auto& a : options.addresses)
    for (auto& part : split_addresses(a)) starter.addresses.push_back(part);
  SecretSource secret;
  if (!options.password_env.empty()) {
    secret = {SecretSource::Kind::Environment, options.password_env};
  } else {
    secret = {SecretSource::Kind::Command, options.password_command};
  }
  const std::string username =
      !options.username.empty() ? options.username : (starter.addresses.empty() ? "" : starter.addresses.front());
  if (!options.imap_url.empty()) starter.accounts.push_back({"mail", "imap", options.imap_url, username, secret});
  if (!options.caldav_url.empty()) starter.accounts.push_back({"calendar", "caldav", options.caldav_url, username, secret});
  if (!options.carddav_url.empty())
    starter.accounts.push_back({"contacts", "carddav", options.carddav_url, username, secret});
  return starter;
}

}  // namespace

int run_init(Session& session, const InitOptions& options) {
  const bool explicit_path = !session.options().config_file.empty();
  const std::filesystem::path path = explicit_path ? std::filesystem::path(session.options().config_file) : default_config_path();
  // Before any question: nothing to ask if the answer cannot be written.
  if (auto s = check_config_absent(path); !s) return report_error(s);

  StarterConfig starter;
  if (!options.any_flag() && ::isatty(STDIN_FILENO) && !session.options().json) {
    auto answers = interview();
    if (!answers) {
      std::cout << "\n";
      return report_error(Status::account("input ended before the questions did; nothing was written"));
    }
    starter = std::move(*answers);
  } else {
    starter = from_flags(options);
  }
  if (auto s = validate_starter(starter); !s) return report_error(s);
  if (auto s = write_new_config(path, render_starter_config(starter)); !s) return report_error(s);

  std::vector<std::string> next;
  const std::string config_flag = explicit_path ? " --config " + path.string() : "";
  if (starter.accounts.empty()) next.push_back("edit " + path.string() + " to add an account");
  next.push_back("kith" + config_flag + " accounts --check");
  next.push_back("kith" + config_flag + " sync");
  next.push_back("kith" + config_flag + " contacts");
  if (session.options().json) {
    nlohmann::json accounts = nlohmann::json::array();
    for (const auto& a : starter.accounts) accounts.push_back({{"name", a.name}, {"provider", a.provider}, {"url", a.url}});
    print_json({{"config", path.string()}, {"accounts", accounts}, {"next", next}});
    return 0;
  }
  std::cout << "\nWrote " << path.string() << " (mode 0600) with " << starter.accounts.size()
            << (starter.accounts.size() == 1 ? " account" : " accounts") << ".\nNext:\n";
  for (const auto& step : next) std::cout << "  " << step << "\n";
  return 0;
}

}  // namespace kith::engine
