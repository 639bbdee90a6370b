// kith-manpages OUTDIR PLUGIN_DIR: writes kith.1, kithd.8 and kith.toml.5
// into OUTDIR. Run by the build; the option lists come from the programs'
// own parsers (cli/KithCli.h), the config keys from the loader's tables and
// the provider keys from the plugins in PLUGIN_DIR.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/KithCli.h"
#include "cli/ManPage.h"

namespace {

using namespace kith::engine;

const char* const kFiles =
    "$XDG_CONFIG_HOME/kith/config.toml, else ~/.config/kith/config.toml: the configuration (see kith.toml(5)).\n"
    "\n"
    "$XDG_DATA_HOME/kith/history.db, else ~/.local/share/kith/history.db: the history, one SQLite file (mode 0600), "
    "unless [store] path or --db names another.\n"
    "\n"
    "<prefix>/lib/kith/plugins: the bundled provider plugins.";

ManPage kith_page() {
  ManPage page;
  page.name = "kith";
  page.section = "1";
  page.summary = "your relationship history, from your own mail and calendar";
  page.synopsis = "kith [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS]";
  page.before_options = {
      {"Description",
       "kith reads the headers of your mail, your calendar events and your address books through provider plugins "
       "(imap, caldav, carddav, local), "
       "turns them into interactions (mail sent, mail received, meetings) and keeps each person's history in a "
       "SQLite file on your machine. It reads headers only and sends nothing anywhere but to the servers you "
       "configure.\n"
       "\n"
       "Start with kith init, which writes a commented config; kith accounts --check logs in and shows what a sync "
       "would read; kith sync reads it; kith contacts and kith history show the result. kithd(8) keeps the history "
       "current in the background.\n"
       "\n"
       "Global options go before or after the command. Every command takes --json for machine-readable output."}};
  page.after_options = {
      {"Exit status",
       "0 on success; 1 when an account failed, a check failed or an error was reported (one line on stderr naming "
       "the file, key, account or item at fault); 2 for a usage error; 130 when interrupted; 70 for an internal "
       "error."},
      {"Files", kFiles},
      {"Environment",
       "KITH_PLUGIN_PATH: colon-separated folders searched for plugins, after the config's plugin_dirs.\n"
       "\n"
       "XDG_CONFIG_HOME, XDG_DATA_HOME: where the default config and history live."},
      {"Examples",
       "  kith init --address me@example.org --imap-url imaps://mail.example.org --password-command 'pass show mail'\n"
       "  kith accounts --check\n"
       "  kith sync\n"
       "  kith contacts --sort count --limit 20\n"
       "  kith history dana@example.net --json"},
      {"See also", "kithd(8), kith.toml(5)"}};
  return page;
}

ManPage kithd_page() {
  ManPage page;
  page.name = "kithd";
  page.section = "8";
  page.summary = "keeps your Kith history current";
  page.synopsis = "kithd [--config FILE] [--db FILE] [--log-level LEVEL] [--once]";
  page.before_options = {
      {"Description",
       "kithd syncs every account of the config on its own thread, every interval seconds (default 300, with 10% "
       "jitter), and between syncs waits for push from servers that offer it (IMAP IDLE). It runs in the "
       "foreground and logs to stderr, as a systemd user service does. One kithd per store: a lock file beside the "
       "database makes a second one refuse to start.\n"
       "\n"
       "Transient failures (network, time-outs, server errors) are retried with exponential backoff; account errors "
       "(wrong password, untrusted certificate, bad setting) mark the account failed until its config changes or a "
       "manual kith sync succeeds. Every batch commits with its cursor, so kill -9 at any moment loses and doubles "
       "nothing."}};
  page.after_options = {
      {"Signals",
       "SIGTERM, SIGINT: stop taking work, cancel network I/O, commit nothing half done, exit 0.\n"
       "\n"
       "SIGHUP: read the config again; added accounts start, removed ones stop, changed ones restart; a changed "
       "[dashboard] moves, starts or stops the dashboard (unless --http named its address). A broken "
       "config keeps the old one running and logs why."},
      {"Files", std::string(kFiles) +
                    "\n\n<prefix>/lib/systemd/user/kithd.service: the systemd user unit; enable it with\n"
                    "  systemctl --user enable --now kithd"},
      {"See also", "kith(1), kith.toml(5)"}};
  return page;
}

ManPage config_page() {
  ManPage page;
  page.name = "kith.toml";
  page.section = "5";
  page.summary = "configuration of kith and kithd";
  page.synopsis = "$XDG_CONFIG_HOME/kith/config.toml, else ~/.config/kith/config.toml";
  page.before_options = {
      {"Description",
       "The configuration is a TOML file. kith init writes a commented one. No file at the default path means no "
       "accounts; a file named with --config must exist. Unknown keys and values of the wrong type are errors naming "
       "the file, line and key. Relative paths are taken from the folder of the config file, and ~ is your home.\n"
       "\n"
       "Secrets never go in this file: a password, token or secret key is refused. Each account names a command "
       "that prints its password (password_command) or an environment variable that holds it (password_env); kith "
       "runs or reads it when a sync needs it and never writes the secret to logs, errors or the database."}};
  page.after_options = {
      {"Example",
       "  [identity]\n"
       "  addresses = [\"alex@example.org\"]\n"
       "  \n"
       "  [[account]]\n"
       "  name = \"mail\"\n"
       "  provider = \"imap\"\n"
       "  url = \"imaps://mail.example.org\"\n"
       "  username = \"alex@example.org\"\n"
       "  password_command = \"pass show mail\"\n"
       "  \n"
       "  [[account]]\n"
       "  name = \"calendar\"\n"
       "  provider = \"caldav\"\n"
       "  url = \"https://dav.example.org\"\n"
       "  username = \"alex\"\n"
       "  password_env = \"KITH_DAV_PASSWORD\""},
      {"See also", "kith(1), kithd(8)"}};
  return page;
}

bool write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) std::fprintf(stderr, "kith-manpages: cannot write %s\n", path.c_str());
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: kith-manpages OUTDIR PLUGIN_DIR\n");
    return 2;
  }
  const std::filesystem::path out = argv[1];
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  PluginRegistry plugins;
  plugins.scan({argv[2]});
  const KithCommandLine kith;
  const KithdCommandLine kithd;
  const bool ok = write(out / "kith.1", render_program_page(kith_page(), kith.app)) &&
                  write(out / "kithd.8", render_program_page(kithd_page(), kithd.app)) &&
                  write(out / "kith.toml.5", render_config_page(config_page(), plugins));
  return ok ? 0 : 1;
}
