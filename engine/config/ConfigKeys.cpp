#include "config/ConfigKeys.h"

namespace kith::engine {

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = {
      {"", "plugin_dirs", "list of paths", "folders searched for provider plugins before the built-in search path"},
      {"identity", "addresses", "list of strings",
       "your own email addresses; each account's username also counts when it is an address"},
      {"identity", "handles", "list of strings",
       "your own other handles: profile URLs (https://www.linkedin.com/in/you), xmpp: or tel: URIs, phone numbers; "
       "each account's profile_url also counts"},
      {"identity", "ignore", "list of strings",
       "handles and @domains (subdomains too) whose interactions Kith never keeps, as with `kith ignore`"},
      {"member", "name", "string",
       "[[member]] tables: one person of a team sharing a store; the name accounts give as `owner` and "
       "`kith intro` and --member show (required, unique)"},
      {"member", "addresses", "list of strings",
       "the member's own email addresses: in the accounts the member owns they decide sent vs received, "
       "and they never become people"},
      {"member", "handles", "list of strings",
       "the member's own other handles (profile URLs, xmpp: or tel: URIs, phone numbers), as [identity] handles"},
      {"cadence", "default", "string",
       "how often to keep in touch with everyone without a cadence of their own or a tag's: 30d, 6w, 3m, 1y or none (default none)"},
      {"scoring", "half_life_days", "integer", "the strength score's half-life: an interaction this old counts half (default 90)"},
      {"privacy", "store_subjects", "boolean",
       "keep mail subjects and meeting titles for the history (default true); false keeps none from then on"},
      {"organizations", "free_mail", "list of strings",
       "more free-mail domains (\"example.net\", or \"mail.*\" for every top-level domain): their addresses give no organization"},
      {"store", "path", "path", "the history database (default $XDG_DATA_HOME/kith/history.db)"},
      {"store", "url", "string",
       "a PostgreSQL store shared by a team's workers instead of the file: postgresql://user@host:5432/kith "
       "(libpq's URL; sslmode and the other libpq options as query parameters)"},
      {"store", "password_command", "string",
       "a command printing the PostgreSQL password (else password_env, PGPASSWORD or ~/.pgpass)"},
      {"store", "password_env", "string", "an environment variable holding the PostgreSQL password"},
      {"extraction", "max_recipients", "integer",
       "a message to more distinct recipients than this yields no interaction (default 20)"},
      {"extraction", "max_meeting_participants", "integer",
       "a meeting occurrence with more other participants than this yields no interaction (default 20)"},
      {"extraction", "max_event_occurrences", "integer",
       "at most this many occurrences of one event count, the latest ones (default 1000)"},
      {"events", "min_attendees", "integer",
       "a calendar occurrence with at least this many other participants is an event (default 6)"},
      {"events", "met_window_days", "integer",
       "someone whose first interaction comes within this many days after an event was likely met there (default 14)"},
      {"events", "calendars", "list of strings",
       "calendars (display name, path, or its last segment) whose every occurrence is an event, e.g. [\"Conferences\"]"},
      {"events", "coffee_max_participants", "integer",
       "a meeting with a video-call link and at most this many people, you included, is a virtual coffee (default 3)"},
      {"events", "max_participants", "integer",
       "people kept per calendar occurrence for events (all are counted; default 500)"},
      {"reminders", "account", "string",
       "the account (caldav or local) whose calendar `kith remind` writes its tasks to; unset: no reminders"},
      {"reminders", "calendar", "string",
       "the calendar (CalDAV) or vdir folder (local) holding the tasks, created when absent (default \"Kith\")"},
      {"daemon", "backoff_initial_seconds", "integer", "kithd: first retry after a transient failure, then doubling (default 30)"},
      {"daemon", "backoff_max_seconds", "integer", "kithd: the longest wait between retries (default 3600)"},
      {"daemon", "failed_recheck_seconds", "integer", "kithd: how often a failed account looks for a manual fix (default 10)"},
      {"dashboard", "listen", "string",
       "kithd serves the web dashboard at this address, e.g. \"127.0.0.1:8417\" (port 0: any free port); loopback "
       "only unless allow_remote; unset: no dashboard (kithd --http sets it too)"},
      {"dashboard", "allow_remote", "boolean",
       "let [dashboard] listen name an address outside 127.0.0.0/8 and ::1; kithd warns (default false)"},
      {"daemon", "lease_seconds", "integer",
       "kithd on a PostgreSQL store: how long an account's lease lasts unrenewed (renewed every third of it); a "
       "dead worker's accounts are taken over within this, and a worker that cannot renew stops after it "
       "(default 60)"},
  };
  return keys;
}

std::set<std::string> known_config_keys(std::string_view section) {
  std::set<std::string> known;
  for (const auto& k : config_keys()) {
    if (section == k.section) known.insert(k.key);
    if (section.empty() && *k.section) known.insert(k.section);
  }
  if (section.empty()) known.insert("account");
  return known;
}

}  // namespace kith::engine
