// kith_caldav_bench: what a CalDAV sync costs Kith, next to the server's own
// speed and to vdirsyncer, on the same Radicale or Xandikos calendar; with
// --addressbook the same for CardDAV, on an address book of vCards.
//
// For each server (by default Radicale and Xandikos) and each collection size
// (by default 500 and 2,000 items): start the server (tests/servers), seed
// one calendar with generated events (or one address book with generated
// cards) through the harness' fast path, time the raw fetch (one
// calendar-query or addressbook-query REPORT returning every item with its
// data, read and discarded: the server's own speed), then the real `kith`
// binary as a child process (first sync, no-op re-syncs, syncs after 10
// changed items) and vdirsyncer (discover plus first sync into a vdir, no-op
// sync, sync after 10 changed items), Kith first at one size and vdirsyncer
// first at the next. Two sizes show whether the no-op and the 10-change syncs
// cost O(changes) or O(collection). Figures go to stdout as tables plus one
// JSON object on the last line; progress goes to stderr.
//
// What differs between the two modes is in one place: a CollectionKind (the
// words, the provider, the raw query, vdirsyncer's storage) and the
// ItemGenerator it makes (the items and their edits). The steps, the
// measuring and the report are shared.
//
// Run on demand through tests/bench/run-caldav-bench.sh; never part of ctest.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "servers/CalDavTestClient.h"
#include "servers/RadicaleServer.h"
#include "servers/TestProcess.h"
#include "servers/XandikosServer.h"
#include "BenchSupport.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;
using kith::testing::CalDavTestClient;
using kith::testing::RadicaleOptions;
using kith::testing::RadicaleServer;
using kith::testing::XandikosOptions;
using kith::testing::XandikosServer;

// The issue's targets for a sync with nothing or 10 events to do, on Radicale,
// and for a first sync against the raw fetch.
constexpr double kTargetSeconds = 0.3;
constexpr double kTargetFirstOverRaw = 2.0;
constexpr int kRawRuns = 3;
// How O(changes) is judged (printed with the verdict): the part of the
// time that grows with the calendar, fitted through both sizes, may be at
// most this share of the time at the larger size.
constexpr double kMaxSizeDependentShare = 0.25;

const std::string kUser = "alex";
const std::string kCollection = "bench";  // the calendar's or address book's name
const std::string kOwnerAddress = "alex@example.org";
const char* const kPasswordEnv = "KITH_BENCH_CALDAV_PASSWORD";

using namespace kith::bench;  // BenchSupport.h

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw BenchError("cannot write " + path.string());
}

std::size_t count_occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size())) ++n;
  return n;
}

// ---- options ---------------------------------------------------------------

struct Options {
  bool addressbook = false;           // CardDAV: an address book of cards instead of a calendar
  std::size_t items = 2000;           // the main collection size
  std::size_t compare_items = 500;    // the second size for O(changes); 0: none
  std::size_t changes = 10;           // items changed per round
  int noop_runs = 5;
  int change_rounds = 3;
  std::size_t people = 300;           // the calendar's attendee pool
  std::uint32_t seed = 20250601;
  bool vdirsyncer = true;
  std::vector<std::string> servers = {"radicale", "xandikos"};
  std::string server_parent;          // empty: /dev/shm if room, else /tmp
  std::string work_parent = "/tmp";   // Kith's database and config, vdirsyncer's vdir and status
  bool keep = false;
  std::string kith_binary, plugin_dir;  // empty: the ones built with the benchmark
};

void usage() {
  std::printf(
      "usage: kith_caldav_bench [--addressbook] [options]\n"
      "  --addressbook       CardDAV: sync an address book of generated vCards\n"
      "                      instead of a calendar of events\n"
      "  --events N          items in the calendar or address book (default 2000)\n"
      "  --cards N           the same as --events\n"
      "  --compare-events N  also measure a collection of N items, to show how the\n"
      "                      no-op and 10-change syncs scale (default 500; 0: skip)\n"
      "  --compare-cards N   the same as --compare-events\n"
      "  --changes N         items changed per round (default 10)\n"
      "  --noop-runs N       no-op syncs timed, median reported (default 5)\n"
      "  --change-rounds N   change rounds timed, median reported (default 3)\n"
      "  --people N          size of the calendar's attendee pool (default 300)\n"
      "  --seed N            generator seed (default 20250601)\n"
      "  --no-vdirsyncer     time Kith only\n"
      "  --servers LIST      radicale, xandikos or both, comma-separated (default both)\n"
      "  --server-dir DIR    parent of Radicale's directory (default /dev/shm if it has room)\n"
      "  --work-dir DIR      parent of the Kith database / vdir directory (default /tmp)\n"
      "  --keep              keep the work directories (Radicale's: KITH_KEEP_RADICALE_DIR=1)\n"
      "  --kith PATH         time another kith binary (default: the one built with the benchmark)\n"
      "  --plugin-dir DIR    the CalDAV or CardDAV plugin for it (default: the one built with the benchmark)\n");
}

Options parse_options(int argc, char** argv) {
  Options o;
  auto number = [&](int& i, const std::string& name, std::uint64_t min, std::uint64_t max) -> std::uint64_t {
    if (i + 1 >= argc) throw BenchError(name + " needs a value");
    const std::string text = argv[++i];
    char* end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0 || v < min || v > max)
      throw BenchError(name + " must be a number from " + std::to_string(min) + " to " + std::to_string(max));
    return v;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--addressbook") {
      o.addressbook = true;
    } else if (a == "--events" || a == "--cards") {
      o.items = number(i, a, 20, 200000);
    } else if (a == "--compare-events" || a == "--compare-cards") {
      o.compare_items = number(i, a, 0, 200000);
    } else if (a == "--changes") {
      o.changes = number(i, a, 1, 1000);
    } else if (a == "--noop-runs") {
      o.noop_runs = static_cast<int>(number(i, a, 1, 100));
    } else if (a == "--change-rounds") {
      o.change_rounds = static_cast<int>(number(i, a, 1, 100));
    } else if (a == "--people") {
      o.people = number(i, a, 10, 100000);
    } else if (a == "--seed") {
      o.seed = static_cast<std::uint32_t>(number(i, a, 0, 0xffffffffULL));
    } else if (a == "--no-vdirsyncer") {
      o.vdirsyncer = false;
    } else if (a == "--servers") {
      if (i + 1 >= argc) throw BenchError(a + " needs a value");
      o.servers.clear();
      std::istringstream list(argv[++i]);
      for (std::string name; std::getline(list, name, ',');) {
        if (name != "radicale" && name != "xandikos") throw BenchError("--servers: radicale or xandikos, not '" + name + "'");
        o.servers.push_back(name);
      }
      if (o.servers.empty()) throw BenchError("--servers names no server");
    } else if (a == "--server-dir") {
      if (i + 1 >= argc) throw BenchError(a + " needs a value");
      o.server_parent = argv[++i];
    } else if (a == "--work-dir") {
      if (i + 1 >= argc) throw BenchError(a + " needs a value");
      o.work_parent = argv[++i];
    } else if (a == "--kith" || a == "--plugin-dir") {
      if (i + 1 >= argc) throw BenchError(a + " needs a value");
      (a == "--kith" ? o.kith_binary : o.plugin_dir) = argv[++i];
    } else if (a == "--keep") {
      o.keep = true;
    } else if (a == "-h" || a == "--help") {
      usage();
      std::exit(0);
    } else {
      usage();
      throw BenchError("unknown argument '" + a + "'");
    }
  }
  if (o.compare_items >= o.items) throw BenchError("--compare-events must be smaller than --events (or 0)");
  // Kith's rounds and vdirsyncer's each change items not changed before.
  const std::size_t changed = 2 * o.changes * static_cast<std::size_t>(o.change_rounds);
  const std::size_t smallest = o.compare_items ? o.compare_items : o.items;
  if (changed > smallest)
    throw BenchError("--changes x --change-rounds x 2 (" + std::to_string(changed) + ") exceeds the " +
                     std::to_string(smallest) + " items of the smaller collection");
  return o;
}

// ---- the items: what a generator makes --------------------------------------

using ItemFile = std::pair<std::string, std::string>;  // resource name, data

// The generated items of one collection, the same for the same seed: what
// the server is seeded with, and each item as someone edited it later.
class ItemGenerator {
 public:
  virtual ~ItemGenerator() = default;
  // `n` items, kept for changed().
  virtual std::vector<ItemFile> files(std::size_t n) = 0;
  // Item `i` of files() after someone edited it in round `round`.
  virtual ItemFile changed(std::size_t i, int round) = 0;
  // What the items hold, for the heading of their table.
  virtual std::string summary() const = 0;
  // The same counts, as fields of the size's JSON object.
  virtual json summary_json() const = 0;
};

// The generators' random numbers: the same sequence for the same seed.
class Dice {
 public:
  explicit Dice(std::uint32_t seed) : rng_(seed) {}
  std::int64_t pick(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_); }
  std::size_t pick_index(std::size_t size) {
    return static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(size) - 1));
  }
  bool percent(int p) { return pick(0, 99) < p; }

 private:
  std::mt19937 rng_;
};

const char* const kFirstNames[] = {"Ada",   "Ben",   "Chloe", "Dev",   "Elena", "Farid", "Grace", "Hugo",
                                   "Ines",  "Jonas", "Kira",  "Liam",  "Maya",  "Nils",  "Olga",  "Pedro",
                                   "Quinn", "Rosa",  "Sami",  "Tara",  "Uma",   "Viktor", "Wen",  "Xavier",
                                   "Yara",  "Zeno",  "Amir",  "Bea",   "Cyrus", "Dora"};
const char* const kLastNames[] = {"Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak",  "Silva",
                                  "Brandt", "Kowalski",  "Haddad", "Murphy", "Rossi",  "Iyer"};

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string uppercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string ical_time(std::int64_t t, bool utc) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, utc ? "%Y%m%dT%H%M%SZ" : "%Y%m%dT%H%M%S", &tm);
  return buf;
}

// ---- the calendar: generated events ---------------------------------------

struct Person {
  std::string name;
  std::string address;
};

std::vector<Person> make_people(std::size_t n) {
  static const char* const kDomains[] = {"example.com", "example.net", "acme.example", "globex.example"};
  constexpr std::size_t nf = std::size(kFirstNames), nl = std::size(kLastNames);
  std::vector<Person> people;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string first = kFirstNames[i % nf], last = kLastNames[(i / nf) % nl];
    std::string local = first + "." + last;
    if (i >= nf * nl) local += std::to_string(i / (nf * nl));  // past 360 people
    people.push_back({first + " " + last, lowercase(local) + "@" + kDomains[i % std::size(kDomains)]});
  }
  return people;
}

struct EventSpec {
  enum class Repeat { None, Count, Until };
  std::size_t index = 0;
  std::string uid, resource, summary;
  std::int64_t start = 0;  // UTC seconds, or Europe/Berlin wall-clock seconds when `berlin`
  int minutes = 30;
  bool berlin = false;
  Repeat repeat = Repeat::None;
  int weeks = 0;                   // occurrences of a weekly event
  std::vector<int> exdate_weeks;   // occurrences (0-based) taken out with EXDATE
  bool owner_organizes = true;
  std::size_t organizer = 0;       // index into people when !owner_organizes
  std::vector<std::size_t> attendees;
  int sequence = 0;
  std::string location;
};

class CalendarGenerator : public ItemGenerator {
 public:
  CalendarGenerator(std::size_t people, std::uint32_t seed, std::int64_t now)
      : people_(make_people(people)), dice_(seed), now_(now), dtstamp_(ical_time(now, true)) {}

  std::vector<ItemFile> files(std::size_t n) override {
    events_ = events(n);
    std::vector<ItemFile> out;
    out.reserve(n);
    for (const auto& e : events_) out.emplace_back(e.resource, ics(e));
    return out;
  }

  ItemFile changed(std::size_t i, int round) override {
    EventSpec& e = events_.at(i);
    e = edited(e, round);
    return {e.resource, ics(e)};
  }

  std::string summary() const override {
    const Counts c = counts();
    return grouped(c.recurring) + " weekly recurring (" + grouped(c.with_exdate) + " with EXDATE), " +
           grouped(c.attendee_refs) + " attendees from a pool of " + std::to_string(people_.size());
  }

  json summary_json() const override { return {{"recurring", counts().recurring}}; }

 private:
  struct Counts {
    std::size_t recurring = 0, with_exdate = 0, attendee_refs = 0;
  };

  Counts counts() const {
    Counts c;
    for (const auto& e : events_) {
      if (e.repeat != EventSpec::Repeat::None) ++c.recurring;
      if (!e.exdate_weeks.empty()) ++c.with_exdate;
      c.attendee_refs += e.attendees.size() + (e.owner_organizes ? 0 : 1);
    }
    return c;
  }

  // `n` events: a quarter weekly (COUNT or UNTIL, a third of those with
  // EXDATEs), the rest one-off; starts from two years ago to four months
  // ahead; 1-5 attendees each.
  std::vector<EventSpec> events(std::size_t n) {
    const std::int64_t today = now_ - now_ % 86400;
    std::vector<EventSpec> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      EventSpec e;
      e.index = i;
      char name[32];
      std::snprintf(name, sizeof name, "ev-%06zu", i);
      e.uid = std::string(name) + "@bench.kith.example";
      e.resource = std::string(name) + ".ics";
      const bool recurring = i % 4 == 1;
      const std::int64_t day = recurring ? dice_.pick(-730, 60) : dice_.pick(-730, 120);
      e.start = today + day * 86400 + dice_.pick(7, 17) * 3600 + dice_.pick(0, 1) * 1800;
      e.minutes = static_cast<int>(15 * dice_.pick(1, 6));
      e.berlin = dice_.pick(0, 4) == 0;
      if (recurring) {
        e.repeat = dice_.pick(0, 1) ? EventSpec::Repeat::Count : EventSpec::Repeat::Until;
        e.weeks = static_cast<int>(dice_.pick(4, 30));
        if (dice_.pick(0, 2) == 0) {
          e.exdate_weeks.push_back(static_cast<int>(dice_.pick(1, e.weeks - 1)));
          const int second = static_cast<int>(dice_.pick(1, e.weeks - 1));
          if (second != e.exdate_weeks.front()) e.exdate_weeks.push_back(second);
          std::sort(e.exdate_weeks.begin(), e.exdate_weeks.end());
        }
      }
      e.owner_organizes = dice_.pick(0, 9) < 7;
      const std::size_t count = static_cast<std::size_t>(dice_.pick(1, 5));
      while (e.attendees.size() < count) {
        const auto p = dice_.pick_index(people_.size());
        if (std::find(e.attendees.begin(), e.attendees.end(), p) == e.attendees.end()) e.attendees.push_back(p);
      }
      if (!e.owner_organizes) {
        e.organizer = e.attendees.front();
        e.attendees.erase(e.attendees.begin());
      }
      static const char* const kTopics[] = {"Weekly sync", "Design review", "1:1", "Planning", "Retro",
                                            "Customer call", "Lunch", "Interview", "Budget", "Roadmap"};
      static const char* const kRooms[] = {"Room Ada", "Room Turing", "Video call", "Cafe", "Room Hopper"};
      e.summary = std::string(kTopics[dice_.pick_index(std::size(kTopics))]) + " #" + std::to_string(i);
      e.location = kRooms[dice_.pick_index(std::size(kRooms))];
      out.push_back(std::move(e));
    }
    return out;
  }

  // The event as a server would get it after someone edited it: an hour
  // later, one attendee swapped, new summary and SEQUENCE.
  EventSpec edited(const EventSpec& original, int round) {
    EventSpec e = original;
    e.sequence += 1;
    e.start += 3600;
    e.summary += " (moved, round " + std::to_string(round) + ")";
    for (;;) {
      const auto p = dice_.pick_index(people_.size());
      if (std::find(e.attendees.begin(), e.attendees.end(), p) != e.attendees.end()) continue;
      if (!e.owner_organizes && p == e.organizer) continue;
      if (e.attendees.empty())
        e.attendees.push_back(p);
      else
        e.attendees.back() = p;
      break;
    }
    return e;
  }

  std::string ics(const EventSpec& e) const {
    const std::string zone = e.berlin ? ";TZID=Europe/Berlin" : "";
    auto when = [&](std::int64_t t) { return ical_time(t, !e.berlin); };
    std::string s;
    s.reserve(1200);
    auto line = [&](const std::string& l) {
      s += l;
      s += "\r\n";
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Kith//caldav bench//EN");
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line("DTSTAMP:" + dtstamp_);
    line("SEQUENCE:" + std::to_string(e.sequence));
    line("SUMMARY:" + e.summary);
    line("LOCATION:" + e.location);
    line("DESCRIPTION:Agenda and notes for " + e.summary.substr(0, 40));
    line("DTSTART" + zone + ":" + when(e.start));
    line("DTEND" + zone + ":" + when(e.start + e.minutes * 60));
    constexpr std::int64_t week = 7 * 86400;
    if (e.repeat == EventSpec::Repeat::Count) {
      line("RRULE:FREQ=WEEKLY;COUNT=" + std::to_string(e.weeks));
    } else if (e.repeat == EventSpec::Repeat::Until) {
      // UNTIL is UTC (RFC 5545): the end of the last occurrence's day.
      const std::int64_t last = e.start + (e.weeks - 1) * week;
      line("RRULE:FREQ=WEEKLY;UNTIL=" + ical_time(last - last % 86400 + 86399, true));
    }
    if (!e.exdate_weeks.empty()) {
      std::string ex = "EXDATE" + zone + ":";
      for (std::size_t k = 0; k < e.exdate_weeks.size(); ++k) {
        if (k) ex += ',';
        ex += when(e.start + e.exdate_weeks[k] * week);
      }
      line(ex);
    }
    if (e.owner_organizes) {
      line("ORGANIZER;CN=Alex Morgan:mailto:" + kOwnerAddress);
    } else {
      const Person& o = people_[e.organizer];
      line("ORGANIZER;CN=" + o.name + ":mailto:" + o.address);
      line("ATTENDEE;CN=Alex Morgan;PARTSTAT=ACCEPTED:mailto:" + kOwnerAddress);
    }
    for (std::size_t k = 0; k < e.attendees.size(); ++k) {
      const Person& p = people_[e.attendees[k]];
      line(std::string("ATTENDEE;CN=") + p.name + ";PARTSTAT=" + (k % 3 == 2 ? "TENTATIVE" : "ACCEPTED") +
           ":mailto:" + p.address);
    }
    line("END:VEVENT");
    line("END:VCALENDAR");
    return s;
  }

  std::vector<Person> people_;
  Dice dice_;
  std::int64_t now_;
  std::string dtstamp_;
  std::vector<EventSpec> events_;
};

// ---- the address book: generated cards --------------------------------------

struct CardSpec {
  std::string uid, resource;
  std::string first, middle, last;  // middle: an initial ("K."), or empty
  std::string mailbox;              // the local part of each email address: "ada.k.okafor"
  std::vector<std::pair<std::string, std::string>> emails;  // (type, address): 1-3
  std::vector<std::pair<std::string, std::string>> phones;  // (type, number): 1-2, more after edits
  std::string org, department, title;
  std::string birthday;                // "1985-04-12", or empty
  std::vector<std::string> categories;  // may be empty
  std::string street, city, postcode, country;  // no city: no ADR
  std::string note;
  bool vcard4 = false;  // VERSION:4.0, else 3.0
  int edits = 0;        // REV moves a minute per edit
};

class AddressBookGenerator : public ItemGenerator {
 public:
  AddressBookGenerator(std::uint32_t seed, std::int64_t now) : dice_(seed), now_(now) {}

  // `n` cards of distinct people: 1-3 email addresses (work, home, other),
  // 1-2 phone numbers, organization, title and a note each; a birthday on
  // two in five, categories on a third, a postal address on a third; a
  // tenth in vCard 4.0, the rest in 3.0 (what most address books still hold).
  std::vector<ItemFile> files(std::size_t n) override {
    cards_.clear();
    cards_.reserve(n);
    std::vector<ItemFile> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      cards_.push_back(card(i));
      out.emplace_back(cards_.back().resource, vcard(cards_.back()));
    }
    return out;
  }

  // The card after someone edited it: a new phone number (odd rounds) or
  // email address (even rounds), a note saying so, a later REV.
  ItemFile changed(std::size_t i, int round) override {
    CardSpec& c = cards_.at(i);
    ++c.edits;
    if (round % 2) {
      c.phones.emplace_back("work", phone_number());
      c.note = "Updated in round " + std::to_string(round) + ": new office phone";
    } else {
      c.emails.emplace_back("other", c.mailbox + "@newjob.example");
      c.note = "Updated in round " + std::to_string(round) + ": new email address";
    }
    return {c.resource, vcard(c)};
  }

  std::string summary() const override {
    const Counts c = counts();
    return grouped(c.emails) + " email addresses, " + grouped(c.phones) + " phone numbers, " + grouped(c.birthdays) +
           " with a birthday, " + grouped(c.with_categories) + " with categories, " + grouped(c.with_address) +
           " with an address, " + grouped(c.vcard4) + " in vCard 4.0";
  }

  json summary_json() const override {
    const Counts c = counts();
    return {{"emails", c.emails},          {"phones", c.phones},
            {"birthdays", c.birthdays},    {"with_categories", c.with_categories},
            {"with_address", c.with_address}, {"vcard4", c.vcard4}};
  }

 private:
  struct Counts {
    std::size_t emails = 0, phones = 0, birthdays = 0, with_categories = 0, with_address = 0, vcard4 = 0;
  };

  Counts counts() const {
    Counts c;
    for (const auto& card : cards_) {
      c.emails += card.emails.size();
      c.phones += card.phones.size();
      c.birthdays += card.birthday.empty() ? 0 : 1;
      c.with_categories += card.categories.empty() ? 0 : 1;
      c.with_address += card.city.empty() ? 0 : 1;
      c.vcard4 += card.vcard4 ? 1 : 0;
    }
    return c;
  }

  // Card `i`'s person: first names times surnames (single or
  // double-barrelled) give 4,320 distinct names, visited in a scattered
  // order; past them, middle initials keep names and addresses distinct.
  CardSpec card(std::size_t i) {
    static const struct {
      const char *name, *domain;
    } kEmployers[] = {{"Acme Example", "acme.example"},     {"Globex", "globex.example"},
                      {"Initech", "initech.example"},        {"Umbrella Labs", "umbrella.example"},
                      {"Hooli", "hooli.example"},            {"Vandelay Industries", "vandelay.example"}};
    static const char* const kDepartments[] = {"Sales", "Engineering", "Design", "Operations", "Research"};
    static const char* const kTitles[] = {"Account Manager", "Software Engineer", "Designer", "Product Lead",
                                          "CTO",             "Consultant",        "Recruiter", "Researcher"};
    static const char* const kCategories[] = {"Work", "Friends", "Clients", "Family", "Conference 2024"};
    static const struct {
      const char *city, *postcode, *country;
    } kCities[] = {{"Berlin", "10115", "Germany"}, {"Lisbon", "1100-148", "Portugal"},
                   {"Lyon", "69002", "France"},    {"Osaka", "530-0001", "Japan"}};
    static const char* const kMet[] = {"a conference", "a customer visit", "the climbing gym", "a workshop",
                                       "a friend's wedding", "the old job"};
    constexpr std::size_t nf = std::size(kFirstNames), nl = std::size(kLastNames);
    constexpr std::size_t surnames = nl * nl;  // single (a == b) and double-barrelled
    constexpr std::size_t names = nf * surnames;  // 4,320
    constexpr std::size_t stride = 1009;          // prime, so coprime to `names`: every name once per pass

    CardSpec c;
    char name[32];
    std::snprintf(name, sizeof name, "card-%06zu", i);
    c.resource = std::string(name) + ".vcf";
    c.vcard4 = i % 10 == 3;
    if (c.vcard4) {
      char uuid[64];
      std::snprintf(uuid, sizeof uuid, "urn:uuid:6b1d7c0e-0000-4000-8000-%012zx", i);
      c.uid = uuid;
    } else {
      c.uid = std::string(name) + "@bench.kith.example";
    }
    const std::size_t k = (i % names) * stride % names, pass = i / names;
    const std::size_t a = (k / nf) / nl, b = (k / nf) % nl;
    c.first = kFirstNames[k % nf];
    c.last = a == b ? std::string(kLastNames[a]) : std::string(kLastNames[a]) + "-" + kLastNames[b];
    if (pass > 0) c.middle = std::string(1, static_cast<char>('A' + (pass - 1) % 26)) + ".";
    c.mailbox = c.first + "." + c.middle + c.last;
    if (pass > 26) c.mailbox += std::to_string((pass - 1) / 26);
    c.mailbox = lowercase(c.mailbox);

    const auto& employer = kEmployers[dice_.pick_index(std::size(kEmployers))];
    c.org = employer.name;
    c.department = kDepartments[dice_.pick_index(std::size(kDepartments))];
    c.title = kTitles[dice_.pick_index(std::size(kTitles))];
    c.emails.emplace_back("work", c.mailbox + "@" + employer.domain);
    if (dice_.percent(60)) c.emails.emplace_back("home", c.mailbox + "@mail.example");
    if (c.emails.size() == 2 && dice_.percent(30)) c.emails.emplace_back("other", c.mailbox + "@alumni.example");
    c.phones.emplace_back("cell", phone_number());
    if (dice_.percent(40)) c.phones.emplace_back("work", phone_number());
    if (dice_.percent(40)) {
      char day[16];
      std::snprintf(day, sizeof day, "%04d-%02d-%02d", static_cast<int>(dice_.pick(1950, 2003)),
                    static_cast<int>(dice_.pick(1, 12)), static_cast<int>(dice_.pick(1, 28)));
      c.birthday = day;
    }
    if (dice_.percent(33)) {
      c.categories.push_back(kCategories[dice_.pick_index(std::size(kCategories))]);
      const std::string second = kCategories[dice_.pick_index(std::size(kCategories))];
      if (second != c.categories.front()) c.categories.push_back(second);
    }
    if (dice_.percent(33)) {
      const auto& where = kCities[dice_.pick_index(std::size(kCities))];
      c.street = "Market Street " + std::to_string(dice_.pick(1, 120));
      c.city = where.city;
      c.postcode = where.postcode;
      c.country = where.country;
    }
    c.note = std::string("Met at ") + kMet[dice_.pick_index(std::size(kMet))] + " in " +
             std::to_string(dice_.pick(2012, 2025));
    return c;
  }

  std::string phone_number() {
    char number[32];
    std::snprintf(number, sizeof number, "+49 151 %03d %04d", static_cast<int>(dice_.pick(100, 999)),
                  static_cast<int>(dice_.pick(0, 9999)));
    return number;
  }

  std::string vcard(const CardSpec& c) const {
    // vCard 3.0 writes TYPE values in capitals and marks email as INTERNET;
    // 4.0 writes them in lower case and knows no INTERNET.
    auto type = [&](const std::string& t) { return c.vcard4 ? t : uppercase(t); };
    std::string s;
    s.reserve(700);
    auto line = [&](const std::string& l) {
      s += l;
      s += "\r\n";
    };
    line("BEGIN:VCARD");
    line(c.vcard4 ? "VERSION:4.0" : "VERSION:3.0");
    line("PRODID:-//Kith//carddav bench//EN");
    if (c.vcard4) line("KIND:individual");
    line("UID:" + c.uid);
    line("FN:" + c.first + " " + (c.middle.empty() ? "" : c.middle + " ") + c.last);
    line("N:" + c.last + ";" + c.first + ";" + c.middle + ";;");
    for (const auto& [t, address] : c.emails)
      line("EMAIL;TYPE=" + (c.vcard4 ? t : "INTERNET," + type(t)) + ":" + address);
    for (const auto& [t, number] : c.phones) line("TEL;TYPE=" + type(t) + ":" + number);
    line("ORG:" + c.org + ";" + c.department);
    line("TITLE:" + c.title);
    if (!c.birthday.empty()) {
      std::string day = c.birthday;
      if (c.vcard4) day.erase(std::remove(day.begin(), day.end(), '-'), day.end());  // 4.0: 19850412
      line("BDAY:" + day);
    }
    if (!c.categories.empty()) {
      std::string list;
      for (const auto& category : c.categories) list += (list.empty() ? "" : ",") + category;
      line("CATEGORIES:" + list);
    }
    if (!c.city.empty())
      line("ADR;TYPE=" + type("work") + ":;;" + c.street + ";" + c.city + ";;" + c.postcode + ";" + c.country);
    line("NOTE:" + c.note);
    line("REV:" + ical_time(now_ + 60 * c.edits, true));
    line("END:VCARD");
    return s;
  }

  Dice dice_;
  std::int64_t now_;
  std::vector<CardSpec> cards_;
};

// ---- what is synced: a calendar or an address book ---------------------------

// Everything that differs between syncing a calendar (CalDAV) and an address
// book (CardDAV), so that the steps, the measuring and the report exist once.
struct CollectionKind {
  enum class Type { Calendar, AddressBook };
  Type type;
  std::string protocol;            // "CalDAV", "CardDAV"
  std::string bench;               // the JSON's "bench"
  std::string collection;          // "calendar", "address book"
  std::string item, items;         // "event", "events": labels, and keys of the JSON
  std::string items_short;         // "ev": the scaling table's columns
  std::string kith_provider;       // the [[account]]'s provider
  std::string plugin_file;         // that provider's plugin, looked for before any run
  std::string plugin_target;       // and the target that builds it
  std::string vdirsyncer_storage;  // vdirsyncer's storage type for the server
  std::string file_extension;      // of the resources, and of vdirsyncer's files
  std::string media_type;          // Content-Type of a changed item's PUT
  std::string raw_query;           // the raw fetch's REPORT: "calendar-query"
  std::string raw_data;            // the property it returns with each item
  std::string raw_query_body;
  std::string item_marker;         // counted in the raw fetch's answer
  std::unique_ptr<ItemGenerator> (*make_generator)(const Options&, std::int64_t now);
};

const CollectionKind kCalendarKind{
    .type = CollectionKind::Type::Calendar,
    .protocol = "CalDAV",
    .bench = "caldav",
    .collection = "calendar",
    .item = "event",
    .items = "events",
    .items_short = "ev",
    .kith_provider = "caldav",
    .plugin_file = KITH_BENCH_CALDAV_PLUGIN_NAME,
    .plugin_target = "kith_caldav_provider",
    .vdirsyncer_storage = "caldav",
    .file_extension = ".ics",
    .media_type = "text/calendar; charset=utf-8",
    .raw_query = "calendar-query",
    .raw_data = "calendar-data",
    .raw_query_body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                      "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                      "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
                      "<c:filter><c:comp-filter name=\"VCALENDAR\"/></c:filter></c:calendar-query>",
    .item_marker = "BEGIN:VEVENT",
    .make_generator = [](const Options& o, std::int64_t now) -> std::unique_ptr<ItemGenerator> {
      return std::make_unique<CalendarGenerator>(o.people, o.seed, now);
    },
};

const CollectionKind kAddressBookKind{
    .type = CollectionKind::Type::AddressBook,
    .protocol = "CardDAV",
    .bench = "carddav",
    .collection = "address book",
    .item = "card",
    .items = "cards",
    .items_short = "cards",
    .kith_provider = "carddav",
    .plugin_file = KITH_BENCH_CARDDAV_PLUGIN_NAME,
    .plugin_target = "kith_carddav_provider",
    .vdirsyncer_storage = "carddav",
    .file_extension = ".vcf",
    .media_type = "text/vcard; charset=utf-8",
    .raw_query = "addressbook-query",
    .raw_data = "address-data",
    // An explicit test="allof": Radicale reads the default anyof without a
    // prop-filter as "matches nothing"; allof of nothing matches every card
    // on both servers.
    .raw_query_body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                      "<card:addressbook-query xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\">"
                      "<d:prop><d:getetag/><card:address-data/></d:prop>"
                      "<card:filter test=\"allof\"/></card:addressbook-query>",
    .item_marker = "BEGIN:VCARD",
    .make_generator = [](const Options& o, std::int64_t now) -> std::unique_ptr<ItemGenerator> {
      return std::make_unique<AddressBookGenerator>(o.seed, now);
    },
};

const CollectionKind& collection_kind(const Options& o) { return o.addressbook ? kAddressBookKind : kCalendarKind; }

// ---- child processes, timed ----------------------------------------------

struct Timed {
  double wall = 0;       // fork to reap
  double cpu_user = 0, cpu_sys = 0;
  double peak_rss_mib = 0;  // ru_maxrss of the child (and anything it waited for)
  int wait_status = 0;
  std::string out, err;
  bool ok() const { return WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0; }
  double cpu() const { return cpu_user + cpu_sys; }
};

// Runs argv[0] (an absolute path) with the environment plus `env_extra`
// ("NAME=value"), stdin from `stdin_file` (or /dev/null), stdout and stderr
// into files under `scratch`; in its own process group, killed after
// `timeout`. Wall time from just before fork() to wait4() returning.
Timed run_timed(const std::vector<std::string>& argv, const std::vector<std::string>& env_extra,
                const fs::path& scratch, std::chrono::seconds timeout, const fs::path& stdin_file = {}) {
  check_interrupted();
  const fs::path out_path = scratch / "child.stdout", err_path = scratch / "child.stderr";
  const std::string in_path = stdin_file.empty() ? std::string("/dev/null") : stdin_file.string();

  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const auto eq = entry.find('=');
    const bool overridden = std::any_of(env_extra.begin(), env_extra.end(), [&](const std::string& x) {
      return x.compare(0, x.find('=') + 1, entry, 0, eq + 1) == 0;
    });
    if (!overridden) env.push_back(entry);
  }
  env.insert(env.end(), env_extra.begin(), env_extra.end());
  std::vector<char*> cargv, cenv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  for (const auto& e : env) cenv.push_back(const_cast<char*>(e.c_str()));
  cenv.push_back(nullptr);

  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  pid_t pid = -1;
  bool killed = false;
  std::thread watchdog([&] {
    std::unique_lock<std::mutex> lock(m);
    if (!cv.wait_for(lock, timeout, [&] { return done; }) && pid > 0) {
      killed = true;
      ::kill(-pid, SIGKILL);
    }
  });

  Timed t;
  const auto start = Clock::now();
  {
    std::lock_guard<std::mutex> lock(m);
    pid = ::fork();
    if (pid == 0) {
      ::setpgid(0, 0);
      int in = ::open(in_path.c_str(), O_RDONLY);
      int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (in < 0 || out < 0 || err < 0) ::_exit(126);
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(err, 2);
      ::execve(cargv[0], cargv.data(), cenv.data());
      ::_exit(127);
    }
    if (pid > 0) {
      ::setpgid(pid, pid);  // also in the parent, so the group exists before any kill
      set_running_child(pid);
    }
  }
  if (pid < 0) {
    {
      std::lock_guard<std::mutex> lock(m);
      done = true;
    }
    cv.notify_all();
    watchdog.join();
    throw BenchError(std::string("fork: ") + std::strerror(errno));
  }
  struct rusage ru {};
  pid_t r;
  do {
    r = ::wait4(pid, &t.wait_status, 0, &ru);
  } while (r < 0 && errno == EINTR);
  t.wall = seconds_since(start);
  set_running_child(-1);
  {
    std::lock_guard<std::mutex> lock(m);
    done = true;
  }
  cv.notify_all();
  watchdog.join();

  t.cpu_user = static_cast<double>(ru.ru_utime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec) / 1e6;
  t.cpu_sys = static_cast<double>(ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_stime.tv_usec) / 1e6;
  t.peak_rss_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;  // KiB on Linux
  t.out = read_file(out_path);
  t.err = read_file(err_path);
  check_interrupted();
  if (killed) throw BenchError(argv[0] + " timed out after " + std::to_string(timeout.count()) + " s");
  return t;
}

// ---- the server -------------------------------------------------------------

// The server of one size, through its test harness, with the one collection
// (calendar or address book) the benchmark syncs.
class DavServer {
 public:
  virtual ~DavServer() = default;
  virtual std::string name() const = 0;  // "Radicale", "Xandikos"
  virtual std::string base_url() const = 0;
  virtual std::string collection_url() const = 0;
  virtual std::string log_path() const = 0;
  virtual std::string dir() const = 0;
  virtual std::string password() const = 0;  // Xandikos asks for none: any will do
  virtual bool logs_its_time() const = 0;    // Radicale logs its time per answer
  virtual CalDavTestClient client() const = 0;
  // Through the harness' fast path, not a PUT each.
  virtual kith::Status seed(const std::vector<ItemFile>& files) = 0;
  // Drops what the server keeps for its sync tokens, as for a collection
  // nobody synced from by token; false where there is nothing to drop.
  virtual bool forget_sync_history() { return false; }
};

class RadicaleCollection : public DavServer {
 public:
  RadicaleCollection(const std::string& parent, CollectionKind::Type type) {
    RadicaleOptions ro;
    ro.parent_dir = parent;
    auto started = RadicaleServer::start(ro);
    if (!started) throw BenchError("starting Radicale: " + started.status().message());
    server_ = std::move(*started);
    // Radicale keeps both kinds at /USER/NAME/ and seeds both the same way:
    // only their making differs.
    if (type == CollectionKind::Type::Calendar) {
      if (auto s = server_->make_calendar(kUser, kCollection, "Bench"); !s) throw BenchError("MKCALENDAR: " + s.message());
    } else {
      if (auto s = server_->make_addressbook(kUser, kCollection, "Bench"); !s) throw BenchError("MKCOL: " + s.message());
    }
  }
  std::string name() const override { return "Radicale"; }
  std::string base_url() const override { return server_->base_url(); }
  std::string collection_url() const override { return server_->calendar_url(kUser, kCollection); }
  std::string log_path() const override { return server_->log_path(); }
  std::string dir() const override { return server_->dir(); }
  std::string password() const override { return server_->password(kUser); }
  bool logs_its_time() const override { return true; }
  CalDavTestClient client() const override { return server_->client(kUser); }
  kith::Status seed(const std::vector<ItemFile>& files) override {
    return server_->seed_events(kUser, kCollection, files);
  }
  // Radicale writes a history entry per item and a state per token the
  // first time a token is asked for (<collection>/.Radicale.cache/history,
  // sync-token); its parsed items (.Radicale.cache/item) stay.
  bool forget_sync_history() override {
    if (auto s = server_->expire_sync_history(kUser, kCollection); !s)
      throw BenchError("removing Radicale's sync history: " + s.message());
    return true;
  }

 private:
  std::unique_ptr<RadicaleServer> server_;
};

class XandikosCollection : public DavServer {
 public:
  XandikosCollection(const std::string& parent, CollectionKind::Type type) {
    XandikosOptions xo;
    xo.parent_dir = parent;
    auto started = XandikosServer::start(xo);
    if (!started) throw BenchError("starting Xandikos: " + started.status().message());
    server_ = std::move(*started);
    // Xandikos keeps calendars and address books in different homes.
    if (type == CollectionKind::Type::Calendar) {
      if (auto s = server_->make_calendar(kCollection, "Bench"); !s) throw BenchError("MKCALENDAR: " + s.message());
      url_ = server_->calendar_url(kCollection);
      seed_ = &XandikosServer::seed_events;
    } else {
      if (auto s = server_->make_addressbook(kCollection, "Bench"); !s) throw BenchError("MKCOL: " + s.message());
      url_ = server_->addressbook_url(kCollection);
      seed_ = &XandikosServer::seed_cards;
    }
  }
  std::string name() const override { return "Xandikos"; }
  std::string base_url() const override { return server_->base_url(); }
  std::string collection_url() const override { return url_; }
  std::string log_path() const override { return server_->log_path(); }
  std::string dir() const override { return server_->dir(); }
  std::string password() const override { return "unused"; }
  bool logs_its_time() const override { return false; }
  CalDavTestClient client() const override { return CalDavTestClient(); }
  kith::Status seed(const std::vector<ItemFile>& files) override { return (*server_.*seed_)(kCollection, files); }

 private:
  std::unique_ptr<XandikosServer> server_;
  std::string url_;
  kith::Status (XandikosServer::*seed_)(const std::string&, const std::vector<ItemFile>&) = nullptr;
};

// ---- the server's side of a sync, from its log ------------------------------

// Radicale logs every answer at level info as
//   "... [INFO] PROPFIND response status for '/alex/' with depth '0' in 0.004 seconds: 207 Multi-Status";
// Xandikos (aiohttp) as '... "PROPFIND /user/calendars/ HTTP/1.1" 207 ...', without its time.
struct ServerSide {
  std::size_t requests = 0;
  std::size_t unauthorized = 0;  // answered 401 (a client probing before it sends credentials)
  double seconds = 0;  // summed over requests: Radicale's time to compute the answers
  std::map<std::string, std::size_t> by_method;
  // "PROPFIND /alex/ depth 1" -> (requests, seconds), 401 answers left out.
  std::map<std::string, std::pair<std::size_t, double>> by_request;
};

// Requests for single items of the collection are one kind of request:
// ".../bench/ev-000123.ics" -> ".../bench/*.ics" (and *.vcf for cards).
std::string item_pattern(const std::string& path) {
  for (const std::string ext : {".ics", ".vcf"})
    if (path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0)
      return path.substr(0, path.rfind('/') + 1) + "*" + ext;
  return path;
}

ServerSide server_side_since(const DavServer& server, std::uintmax_t offset) {
  ServerSide s;
  const std::string log = read_file(server.log_path(), offset);
  std::istringstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    if (const auto q = line.find(" HTTP/1.1\" "); q != std::string::npos) {  // Xandikos
      const auto open = line.rfind('"', q);
      const auto space = open == std::string::npos ? open : line.find(' ', open);
      if (space == std::string::npos || space > q) continue;
      ++s.requests;
      const std::string method = line.substr(open + 1, space - open - 1);
      ++s.by_method[method];
      if (line.compare(q + 11, 3, "401") == 0) {
        ++s.unauthorized;
        continue;
      }
      ++s.by_request[method + " " + item_pattern(line.substr(space + 1, q - space - 1))].first;
      continue;
    }
    const auto at = line.find(" response status for ");
    if (at == std::string::npos) continue;
    ++s.requests;
    const auto info = line.rfind("] ", at);
    const std::string method = info == std::string::npos ? "?" : line.substr(info + 2, at - info - 2);
    ++s.by_method[method];
    const auto secs = line.find(" seconds: ", at);
    const auto in_pos = secs == std::string::npos ? secs : line.rfind(" in ", secs);
    double seconds = 0;
    if (in_pos != std::string::npos && in_pos > at)
      seconds = std::strtod(line.substr(in_pos + 4, secs - in_pos - 4).c_str(), nullptr);
    s.seconds += seconds;
    if (secs != std::string::npos && line.compare(secs + 10, 4, "401 ") == 0) {
      ++s.unauthorized;
      continue;
    }
    // "for '/alex/bench/' with depth '1' in": the path and the depth.
    std::string key = method;
    const auto q1 = line.find('\'', at);
    const auto q2 = q1 == std::string::npos ? q1 : line.find('\'', q1 + 1);
    if (q2 != std::string::npos && q2 < in_pos) {
      key += " " + item_pattern(line.substr(q1 + 1, q2 - q1 - 1));
      const auto depth = line.find("with depth '", q2);
      if (depth != std::string::npos && depth < in_pos) key += " depth " + line.substr(depth + 12, 1);
    }
    auto& slot = s.by_request[key];
    ++slot.first;
    slot.second += seconds;
  }
  return s;
}

std::string by_request_text(const ServerSide& s) {
  std::string out;
  for (const auto& [key, v] : s.by_request) {
    if (!out.empty()) out += "; ";
    out += key + (v.first > 1 ? " x" + std::to_string(v.first) : "") + ": " + fixed(v.second, 3) + " s";
  }
  return out;
}

std::uintmax_t log_size(const DavServer& server) {
  std::error_code ec;
  const auto n = fs::file_size(server.log_path(), ec);
  return ec ? 0 : n;
}

// Xandikos logs a request only after it has sent the answer, so a client
// can be done before the line is written. Waits (at most 2 s) until `n`
// requests of `method` since `offset` are in the log, so that the benchmark's
// own requests are not counted as the next measured run's.
void wait_until_logged(const DavServer& server, std::uintmax_t offset, const std::string& method, std::size_t n) {
  const auto deadline = Clock::now() + std::chrono::seconds(2);
  auto logged = [&] {
    const ServerSide s = server_side_since(server, offset);
    const auto it = s.by_method.find(method);
    return it == s.by_method.end() ? std::size_t{0} : it->second;
  };
  while (logged() < n && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

std::string requests_text(const ServerSide& s) {
  std::string out;
  for (const auto& [method, n] : s.by_method) {
    if (!out.empty()) out += ' ';
    out += std::to_string(n) + " " + method;
  }
  if (s.unauthorized) out += ", " + std::to_string(s.unauthorized) + " of them 401";
  return out;
}

// ---- one measured sync ------------------------------------------------------

struct SyncSample {
  Timed run;
  ServerSide server;
  std::size_t items = 0;  // Kith: items the sync reported; vdirsyncer: items copied
  std::size_t added = 0, removed = 0;
};

json sample_json(const SyncSample& s) {
  return {{"wall_s", s.run.wall},          {"cpu_s", s.run.cpu()},           {"peak_rss_mib", s.run.peak_rss_mib},
          {"items", s.items},              {"server_requests", s.server.requests},
          {"server_401", s.server.unauthorized}, {"server_s", s.server.seconds}};
}

struct Series {
  std::vector<SyncSample> samples;
  std::vector<double> walls() const {
    std::vector<double> v;
    for (const auto& s : samples) v.push_back(s.run.wall);
    return v;
  }
  double median_wall() const { return median(walls()); }
  double median_cpu() const {
    std::vector<double> v;
    for (const auto& s : samples) v.push_back(s.run.cpu());
    return median(v);
  }
  double median_server() const {
    std::vector<double> v;
    for (const auto& s : samples) v.push_back(s.server.seconds);
    return median(v);
  }
  double min_wall() const { auto v = walls(); return v.empty() ? 0 : *std::min_element(v.begin(), v.end()); }
  double max_wall() const { auto v = walls(); return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }
  const SyncSample& median_sample() const {
    // The sample whose wall time is the (lower) median, for its details.
    std::vector<std::size_t> idx(samples.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return samples[a].run.wall < samples[b].run.wall; });
    return samples[idx[(idx.size() - 1) / 2]];
  }
  json to_json() const {
    json runs = json::array();
    for (const auto& s : samples) runs.push_back(sample_json(s));
    return {{"median_s", median_wall()}, {"min_s", min_wall()}, {"max_s", max_wall()},
            {"median_cpu_s", median_cpu()}, {"median_server_s", median_server()}, {"runs", runs}};
  }
};

// One sample of each: what both together cost (vdirsyncer's discover and
// its first sync are its first sync, as Kith's first sync discovers too).
SyncSample combined(const SyncSample& a, const SyncSample& b) {
  SyncSample out = b;
  out.run.wall += a.run.wall;
  out.run.cpu_user += a.run.cpu_user;
  out.run.cpu_sys += a.run.cpu_sys;
  out.run.peak_rss_mib = std::max(a.run.peak_rss_mib, b.run.peak_rss_mib);
  out.server.requests += a.server.requests;
  out.server.unauthorized += a.server.unauthorized;
  out.server.seconds += a.server.seconds;
  for (const auto& [method, n] : a.server.by_method) out.server.by_method[method] += n;
  for (const auto& [key, v] : a.server.by_request) {
    out.server.by_request[key].first += v.first;
    out.server.by_request[key].second += v.second;
  }
  out.items += a.items;
  return out;
}

// What a request the harness sent got: "HTTP 404", or the transport's error.
std::string status_text(const kith::Result<kith::testing::HttpResponse>& answer) {
  return answer ? "HTTP " + std::to_string(answer->status) : answer.status().message();
}

// The raw fetch: one calendar-query (addressbook-query) REPORT with every item's data.
struct RawFetch {
  std::vector<double> walls, server_s;
  std::size_t bytes = 0;
  double median_wall() const { return median(walls); }
  double median_server() const { return median(server_s); }
};

struct ToolResult {
  bool measured = false;
  SyncSample first;
  SyncSample discover;  // vdirsyncer's, included in `first`
  Series noop, change;
  std::string note;
};

struct ScaleResult {
  std::string server;  // "Radicale", "Xandikos"
  bool server_logs_time = false;
  bool kith_first = true;  // Kith ran before vdirsyncer
  std::size_t items = 0;
  std::string contents;  // ItemGenerator::summary()
  json contents_json;    // ItemGenerator::summary_json()
  double seed_s = 0;
  std::string server_dir;
  RawFetch raw;
  // What the server needs for a sync token, measured after the tools'
  // syncs (so that neither tool finds the server warmed by it): the token
  // alone (PROPFIND of DAV:sync-token, Depth 0) and a listing from scratch
  // (sync-collection with no token, etags only), kRawRuns times each.
  // token.walls stays empty when the server names no token. Where the
  // server keeps a sync history (Radicale), the same again with it removed
  // before each request (cold_token, cold_listing), as on a server nobody
  // synced from by token; otherwise those stay empty.
  RawFetch token, listing, cold_token, cold_listing;
  // The raw fetch plus the cheaper of the two: what the server alone needs
  // for a first sync that keeps a sync token (see measure_token_costs).
  double server_floor() const {
    return raw.median_wall() + std::min(token.median_wall(), listing.median_wall());
  }
  std::optional<double> cold_server_floor() const {
    if (cold_token.walls.empty()) return std::nullopt;
    return raw.median_wall() + std::min(cold_token.median_wall(), cold_listing.median_wall());
  }
  ToolResult kith, vdir;
  std::optional<double> time_cross_check_rss_mib;  // /usr/bin/time on a repeated first sync
  // That repeated first sync, into a new store on a server the runs before
  // it warmed (Radicale's sync history built, as by any client that synced
  // before; Xandikos' query filter indexed after five identical queries).
  std::optional<SyncSample> first_again;
};

// ---- the benchmark at one collection size ------------------------------------

struct Paths {
  std::string kith_binary, plugin_dir, vdirsyncer, gnu_time;
};

class ScaleBench {
 public:
  ScaleBench(const Options& o, const CollectionKind& kind, const Paths& paths, std::string server, std::size_t items,
             bool kith_first)
      : o_(o), kind_(kind), paths_(paths), server_name_(std::move(server)), n_(items), kith_first_(kith_first) {}

  ScaleResult run() {
    ScaleResult result;
    result.items = n_;
    result.kith_first = kith_first_ || paths_.vdirsyncer.empty();
    start_server(result);
    TempDir work(o_.work_parent, "kith-caldav-bench-", o_.keep);
    work_ = work.path();
    seed(result);
    measure_raw(result);
    if (result.kith_first) {
      measure_kith(result);
      if (!paths_.vdirsyncer.empty()) measure_vdirsyncer(result);
    } else {
      measure_vdirsyncer(result);
      measure_kith(result);
    }
    measure_token_costs(result);
    server_.reset();  // the harness stops the server and removes its directory
    return result;
  }

 private:
  void start_server(ScaleResult& result) {
    if (server_name_ == "xandikos")
      server_ = std::make_unique<XandikosCollection>(o_.server_parent, kind_.type);
    else
      server_ = std::make_unique<RadicaleCollection>(o_.server_parent, kind_.type);
    result.server = server_->name();
    result.server_logs_time = server_->logs_its_time();
    result.server_dir = server_->dir();
    password_ = server_->password();
    progress(server_->name() + " on " + server_->base_url() + " in " + server_->dir());
  }

  // The server's own speed: one calendar-query (addressbook-query) REPORT
  // that returns every item with its data, read and thrown away, kRawRuns
  // times.
  void measure_raw(ScaleResult& result) {
    const CalDavTestClient client = server_->client();
    for (int i = 0; i < kRawRuns; ++i) {
      const auto offset = log_size(*server_);
      const auto t0 = Clock::now();
      auto answer = client.report(server_->collection_url(), "1", kind_.raw_query_body);
      const double wall = seconds_since(t0);
      if (!answer || answer->status != 207)
        throw BenchError("the raw " + kind_.raw_query + " failed: " +
                         status_text(answer));
      const std::size_t items = count_occurrences(answer->body, kind_.item_marker);
      if (items < n_)
        throw BenchError("the raw " + kind_.raw_query + " returned " + std::to_string(items) + " " + kind_.items +
                         " of " + std::to_string(n_));
      result.raw.walls.push_back(wall);
      result.raw.server_s.push_back(server_side_since(*server_, offset).seconds);
      result.raw.bytes = answer->body.size();
      progress("  raw " + kind_.raw_query + " " + std::to_string(i + 1) + ": " + fixed(wall, 3) + " s, " +
               grouped(answer->body.size()) + " bytes");
    }
  }

  // The server's floor for any first sync that keeps a sync token: the
  // token must be asked no later than the data it vouches for, so a client
  // pays for the token and for the data one after the other, or for a
  // listing from scratch (Kith's first sync: its query, then the listing).
  void measure_token_costs(ScaleResult& result) {
    const CalDavTestClient client = server_->client();
    static const std::string kTokenBody =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:sync-token/></d:prop></d:propfind>\n";
    // One request timed, with the server's own time where it logs it.
    auto timed = [&](RawFetch& into, bool token) {
      const auto offset = log_size(*server_);
      const auto t0 = Clock::now();
      auto answer = token ? client.propfind(server_->collection_url(), "0", kTokenBody)
                          : client.sync_collection(server_->collection_url(), "");
      const double wall = seconds_since(t0);
      if (!answer || answer->status != 207)
        throw BenchError(std::string(token ? "PROPFIND of the sync token" : "the sync-collection from scratch") +
                         " failed: " + status_text(answer));
      if (token && answer->body.find("sync-token>") == std::string::npos) return false;
      into.walls.push_back(wall);
      into.server_s.push_back(server_side_since(*server_, offset).seconds);
      into.bytes = answer->body.size();
      return true;
    };
    // Cold first, each after the history is dropped; the last listing
    // leaves it built for the warm ones.
    for (int i = 0; i < kRawRuns && server_->forget_sync_history(); ++i) {
      if (!timed(result.cold_token, true)) break;
      server_->forget_sync_history();
      timed(result.cold_listing, false);
      progress("  sync history removed: sync token alone " + fixed(result.cold_token.walls.back(), 3) +
               " s, listing from scratch " + fixed(result.cold_listing.walls.back(), 3) + " s");
    }
    for (int i = 0; i < kRawRuns; ++i) {
      if (!timed(result.token, true)) {
        progress("  the server names no sync token; its costs are not measured");
        return;
      }
      timed(result.listing, false);
      progress("  sync token alone " + fixed(result.token.walls.back(), 3) + " s, listing from scratch " +
               fixed(result.listing.walls.back(), 3) + " s");
    }
  }

  void seed(ScaleResult& result) {
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
    generator_ = kind_.make_generator(o_, now);
    const std::vector<ItemFile> files = generator_->files(n_);
    result.contents = generator_->summary();
    result.contents_json = generator_->summary_json();
    // Changed in order, never twice: Kith's rounds first, then vdirsyncer's.
    change_order_.resize(n_);
    std::iota(change_order_.begin(), change_order_.end(), 0);
    std::shuffle(change_order_.begin(), change_order_.end(), std::mt19937(o_.seed + 1));
    progress("seeding " + grouped(n_) + " " + kind_.items + " (" + result.contents + ")");
    const auto t0 = Clock::now();
    if (auto s = server_->seed(files); !s) throw BenchError("seeding: " + s.message());
    result.seed_s = seconds_since(t0);
    progress("seeded in " + fixed(result.seed_s, 2) + " s");
  }

  // PUTs the next `o_.changes` items, changed.
  void change_items(int round) {
    const CalDavTestClient client = server_->client();
    const auto offset = log_size(*server_);
    double put_s = 0;
    for (std::size_t k = 0; k < o_.changes; ++k) {
      if (next_change_ >= change_order_.size()) throw BenchError("ran out of " + kind_.items + " to change");
      const auto [resource, data] = generator_->changed(change_order_[next_change_++], round);
      kith::testing::HttpRequest request;
      request.method = "PUT";
      request.url = server_->collection_url() + resource;
      request.body = data;
      request.content_type = kind_.media_type;
      const auto t0 = Clock::now();
      const auto put = client.send(request);
      put_s += seconds_since(t0);
      if (!put) throw BenchError("PUT " + resource + ": " + put.status().message());
      // Xandikos refuses bad data with a 207 that carries the error.
      if (put->status != 201 && put->status != 204) throw BenchError(put->describe());
    }
    wait_until_logged(*server_, offset, "PUT", o_.changes);
    progress("  changed " + std::to_string(o_.changes) + " " + kind_.items + " (PUTs took " + fixed(put_s, 2) + " s)");
  }

  // ---- Kith ----

  void write_kith_config(const fs::path& config) {
    std::ostringstream c;
    c << "[identity]\naddresses = [\"" << kOwnerAddress << "\"]\n\n"
      << "[[account]]\nname = \"bench\"\nprovider = \"" << kind_.kith_provider << "\"\n"
      << "url = \"" << server_->base_url() << "\"\n"  // discovery from the bare host
      << "username = \"" << kUser << "\"\npassword_env = \"" << kPasswordEnv << "\"\n";
    write_file(config, c.str());
  }

  SyncSample kith_sync(const fs::path& db, const std::string& what, bool under_gnu_time = false) {
    std::vector<std::string> argv = {paths_.kith_binary, "--config", (work_ / "kith.toml").string(),
                                     "--db", db.string(), "sync", "--json"};
    if (under_gnu_time) argv.insert(argv.begin(), {paths_.gnu_time, "-f", "KITH_BENCH_MAXRSS_KIB=%M", "-o",
                                                    (work_ / "gnu-time.txt").string()});
    const auto offset = log_size(*server_);
    SyncSample s;
    s.run = run_timed(argv, {"KITH_PLUGIN_PATH=" + paths_.plugin_dir, std::string(kPasswordEnv) + "=" + password_},
                      work_, std::chrono::minutes(15));
    s.server = server_side_since(*server_, offset);
    if (!s.run.ok())
      throw BenchError("kith sync (" + what + ") failed: " + kith::testing::describe_wait_status(s.run.wait_status) +
                       "\n" + last_lines(s.run.err, 20) + last_lines(s.run.out, 5));
    json report;
    try {
      report = json::parse(s.run.out).at(0);
    } catch (const std::exception& e) {
      throw BenchError("kith sync (" + what + "): unreadable --json output (" + e.what() + "): " + s.run.out);
    }
    if (report.value("result", "") != "ok")
      throw BenchError("kith sync (" + what + ") did not succeed: " + report.dump());
    s.items = report.value("items", std::size_t{0});
    s.added = report.value("interactions_added", std::size_t{0});
    s.removed = report.value("interactions_removed", std::size_t{0});
    if (report.value("item_errors", std::size_t{0}) != 0)
      throw BenchError("kith sync (" + what + ") skipped items: " + report.dump() + "\n" + last_lines(s.run.err, 20));
    progress("  kith " + what + ": " + fixed(s.run.wall, 3) + " s, " + std::to_string(s.items) + " items, " +
             fixed(s.run.peak_rss_mib, 1) + " MiB, " + server_->name() + ": " + std::to_string(s.server.requests) + " requests (" +
             requests_text(s.server) + ") " + fixed(s.server.seconds, 3) + " s");
    return s;
  }

  void measure_kith(ScaleResult& result) {
    ToolResult& k = result.kith;
    const fs::path db = work_ / "history.db";
    write_kith_config(work_ / "kith.toml");
    progress("Kith, " + grouped(n_) + " " + kind_.items);
    k.first = kith_sync(db, "first sync");
    if (k.first.items == 0) throw BenchError("kith's first sync delivered no items");
    for (int i = 0; i < o_.noop_runs; ++i) {
      k.noop.samples.push_back(kith_sync(db, "no-op " + std::to_string(i + 1)));
      if (k.noop.samples.back().items != 0)
        k.note += "no-op sync " + std::to_string(i + 1) + " reported " + std::to_string(k.noop.samples.back().items) + " items; ";
    }
    for (int round = 1; round <= o_.change_rounds; ++round) {
      change_items(round);
      k.change.samples.push_back(kith_sync(db, "after " + std::to_string(o_.changes) + " changes, round " + std::to_string(round)));
    }
    k.measured = true;
    // An independent look at the first sync's peak RSS: GNU time on a
    // first sync into a fresh database (not part of the timings).
    if (!paths_.gnu_time.empty()) {
      const auto again = kith_sync(work_ / "history-gnu-time.db", "first sync again, under /usr/bin/time", true);
      const std::string text = read_file(work_ / "gnu-time.txt");
      const auto at = text.find("KITH_BENCH_MAXRSS_KIB=");
      if (at != std::string::npos && again.items > 0)
        result.time_cross_check_rss_mib = std::strtod(text.c_str() + at + 22, nullptr) / 1024.0;
      result.first_again = again;
    }
  }

  // ---- vdirsyncer ----

  void write_vdirsyncer_config(const fs::path& config) {
    std::ostringstream c;
    c << "[general]\nstatus_path = \"" << (work_ / "vdirsyncer-status").string() << "/\"\n\n"
      << "[pair bench]\na = \"bench_remote\"\nb = \"bench_local\"\ncollections = [\"from a\", \"from b\"]\n\n"
      << "[storage bench_remote]\ntype = \"" << kind_.vdirsyncer_storage << "\"\nurl = \"" << server_->base_url() << "\"\n"
      << "username = \"" << kUser << "\"\npassword = \"" << password_ << "\"\n\n"
      << "[storage bench_local]\ntype = \"filesystem\"\npath = \"" << (work_ / "vdir").string() << "/\"\n"
      << "fileext = \"" << kind_.file_extension << "\"\n";
    write_file(config, c.str());
  }

  SyncSample vdirsyncer(const std::string& command, const std::string& what) {
    const fs::path config = work_ / "vdirsyncer.conf";
    const auto offset = log_size(*server_);
    SyncSample s;
    // `discover` asks whether to create the local collection: answer yes.
    s.run = run_timed({paths_.vdirsyncer, "--config", config.string(), command}, {}, work_, std::chrono::minutes(30),
                      work_ / "yes.txt");
    s.server = server_side_since(*server_, offset);
    if (!s.run.ok())
      throw BenchError("vdirsyncer " + command + " (" + what + ") failed: " +
                       kith::testing::describe_wait_status(s.run.wait_status) + "\n" + last_lines(s.run.err, 20) +
                       last_lines(s.run.out, 5));
    s.items = count_occurrences(s.run.out + s.run.err, "Copying (");
    progress("  vdirsyncer " + what + ": " + fixed(s.run.wall, 3) + " s, " + std::to_string(s.items) + " copied, " +
             fixed(s.run.peak_rss_mib, 1) + " MiB, " + server_->name() + ": " + std::to_string(s.server.requests) + " requests (" +
             requests_text(s.server) + ") " + fixed(s.server.seconds, 3) + " s");
    return s;
  }

  void measure_vdirsyncer(ScaleResult& result) {
    ToolResult& v = result.vdir;
    progress("vdirsyncer, " + grouped(n_) + " " + kind_.items);
    write_vdirsyncer_config(work_ / "vdirsyncer.conf");
    fs::create_directories(work_ / "vdir");
    std::string yes;
    for (int i = 0; i < 64; ++i) yes += "y\n";
    write_file(work_ / "yes.txt", yes);
    v.discover = vdirsyncer("discover", "discover");
    v.first = combined(v.discover, vdirsyncer("sync", "first sync"));
    std::size_t files = 0;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(work_ / "vdir", ec))
      if (entry.path().extension() == kind_.file_extension) ++files;
    if (files != n_)
      throw BenchError("vdirsyncer's first sync wrote " + std::to_string(files) + " " + kind_.file_extension +
                       " files for " + std::to_string(n_) + " " + kind_.items);
    for (int i = 0; i < o_.noop_runs; ++i) {
      v.noop.samples.push_back(vdirsyncer("sync", "no-op " + std::to_string(i + 1)));
      if (v.noop.samples.back().items != 0) v.note += "a no-op sync copied items; ";
    }
    for (int round = 1; round <= o_.change_rounds; ++round) {
      change_items(100 + round);
      v.change.samples.push_back(vdirsyncer("sync", "after " + std::to_string(o_.changes) + " changes, round " + std::to_string(round)));
      if (v.change.samples.back().items != o_.changes)
        v.note += "round " + std::to_string(round) + " copied " + std::to_string(v.change.samples.back().items) + " items; ";
    }
    v.measured = true;
  }

  const Options& o_;
  const CollectionKind& kind_;
  const Paths& paths_;
  std::string server_name_;
  std::size_t n_;
  bool kith_first_;
  std::unique_ptr<DavServer> server_;
  std::string password_;
  fs::path work_;
  std::unique_ptr<ItemGenerator> generator_;
  std::vector<std::size_t> change_order_;
  std::size_t next_change_ = 0;
};

// ---- report ------------------------------------------------------------------

std::string ratio_text(double vdir, double kith) {
  if (kith <= 0) return "-";
  return fixed(vdir / kith, 1) + "x";
}

void print_row(const std::string& label, const std::vector<std::string>& cells) {
  std::printf("  %-40s", label.c_str());
  for (const auto& c : cells) std::printf(" %14s", c.c_str());
  std::printf("\n");
}

// Least-squares line through (items, seconds) points; two sizes: the line through both.
struct Fit {
  double fixed_s = 0, per_1000_s = 0;
};

Fit fit(const std::vector<std::pair<double, double>>& points) {
  Fit f;
  if (points.size() < 2) return f;
  double mx = 0, my = 0;
  for (const auto& [x, y] : points) mx += x, my += y;
  mx /= static_cast<double>(points.size());
  my /= static_cast<double>(points.size());
  double sxy = 0, sxx = 0;
  for (const auto& [x, y] : points) sxy += (x - mx) * (y - my), sxx += (x - mx) * (x - mx);
  const double slope = sxx > 0 ? sxy / sxx : 0;
  f.per_1000_s = slope * 1000;
  f.fixed_s = my - slope * mx;
  return f;
}

// The share of `measured` (the time at `items`) that the fitted line puts
// on the collection's size: 0 when the time does not grow, at most 1.
double size_share(const Fit& f, double items, double measured) {
  const double dependent = std::max(0.0, f.per_1000_s * items / 1000);
  return measured > 0 ? std::min(1.0, dependent / measured) : 0;
}

}  // namespace

int main(int argc, char** argv) {
  install_signal_handlers();
  set_progress_prefix("caldav-bench");
  try {
    Options o = parse_options(argc, argv);
    const CollectionKind& kind = collection_kind(o);
    Paths paths;
    paths.kith_binary = o.kith_binary.empty() ? KITH_BENCH_KITH_BINARY : fs::absolute(o.kith_binary).string();
    paths.plugin_dir = o.plugin_dir.empty() ? KITH_BENCH_PLUGIN_DIR : fs::absolute(o.plugin_dir).string();
    if (::access(paths.kith_binary.c_str(), X_OK) != 0)
      throw BenchError("no kith binary at " + paths.kith_binary + " (build the `kith` target)");
    if (!fs::exists(fs::path(paths.plugin_dir) / kind.plugin_file))
      throw BenchError("no " + kind.protocol + " plugin in " + paths.plugin_dir + " (build `" + kind.plugin_target + "`)");
    if (o.vdirsyncer) {
      auto v = kith::testing::find_executable("vdirsyncer");
      if (!v) throw BenchError("vdirsyncer not found (apt-get install vdirsyncer, or pass --no-vdirsyncer)");
      paths.vdirsyncer = *v;
    }
    if (auto t = kith::testing::find_executable("/usr/bin/time")) paths.gnu_time = *t;
    if (o.server_parent.empty()) o.server_parent = free_bytes("/dev/shm") >= (512ull << 20) ? "/dev/shm" : "/tmp";

    auto version_of = [](const std::vector<std::string>& argv) {
      auto r = kith::testing::run_process(argv, std::chrono::seconds(30));
      if (!r || !r->ok()) return std::string("unknown");
      std::string text = r->out.empty() ? r->err : r->out;
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      return text.substr(text.rfind(' ') == std::string::npos ? 0 : text.rfind(' ') + 1);
    };
    const std::string radicale_version = version_of({"radicale", "--version"});
    const std::string xandikos_version = version_of({"xandikos", "--version"});
    const std::string vdirsyncer_version = o.vdirsyncer ? version_of({paths.vdirsyncer, "--version"}) : "";

    std::vector<std::size_t> sizes;
    if (o.compare_items) sizes.push_back(o.compare_items);
    sizes.push_back(o.items);
    const std::string load_before = load_average();
    // Per server, its scales (smallest first). Kith and vdirsyncer take
    // turns at going first, so that neither always meets the warmer server.
    std::vector<std::vector<ScaleResult>> by_server;
    std::size_t turn = 0;
    for (const std::string& server : o.servers) {
      by_server.emplace_back();
      for (const auto n : sizes) {
        progress("==== " + server + ", " + kind.collection + " of " + grouped(n) + " " + kind.items + " ====");
        by_server.back().push_back(ScaleBench(o, kind, paths, server, n, turn++ % 2 == 0).run());
      }
    }
    const std::string load_after = load_average();

    // ---- tables ----
    std::printf("\nKith %s benchmark on 127.0.0.1 (server dirs in %s): Radicale %s, Xandikos %s; Kith %s build%s\n",
                kind.protocol.c_str(), o.server_parent.c_str(), radicale_version.c_str(), xandikos_version.c_str(), KITH_BENCH_BUILD_TYPE,
                o.vdirsyncer ? (", vdirsyncer " + vdirsyncer_version).c_str() : "");
    std::printf("kith: %s, %s plugin from %s; work dirs in %s\n", paths.kith_binary.c_str(), kind.protocol.c_str(),
                paths.plugin_dir.c_str(), o.work_parent.c_str());
    std::printf("Times are wall seconds of the whole process (start to exit), measured with wait4(); peak RSS is ru_maxrss.\n");
    std::printf("Raw fetch: one %s REPORT returning every %s with its %s, read and discarded\n"
                "(median of %d, just before the first tool's first sync). vdirsyncer's first sync includes its discover.\n",
                kind.raw_query.c_str(), kind.item.c_str(), kind.raw_data.c_str(), kRawRuns);
    std::printf("Sync token alone (PROPFIND of DAV:sync-token, Depth 0) and listing from scratch (sync-collection\n"
                "without a token, etags only): median of %d each, after the tools' syncs (Radicale's sync history built),\n"
                "and on Radicale also with its sync history removed before each (as for the first sync of the table).\n",
                kRawRuns);
    std::printf("Server time: Radicale's own time for the requests, summed from its log (Xandikos does not log it: -).\n"
                "Load average: %s before, %s after.\n",
                load_before.c_str(), load_after.c_str());
    auto server_time = [](const ScaleResult& r, double seconds) { return r.server_logs_time ? fixed(seconds, 3) : "-"; };
    for (const auto& results : by_server)
      for (const auto& r : results) {
        std::printf("\n%s, %s of %s %s: %s; seeded in %.2f s; %s first\n", r.server.c_str(), kind.collection.c_str(),
                    grouped(r.items).c_str(), kind.items.c_str(), r.contents.c_str(), r.seed_s,
                    r.kith_first ? "Kith" : "vdirsyncer");
        print_row("raw fetch, median (s)", {fixed(r.raw.median_wall(), 3)});
        print_row("  server time, median (s)", {server_time(r, r.raw.median_server())});
        print_row("  answer (MB)", {fixed(static_cast<double>(r.raw.bytes) / 1e6, 1)});
        if (!r.token.walls.empty()) {
          print_row("sync token alone (PROPFIND), median (s)", {fixed(r.token.median_wall(), 3)});
          if (!r.cold_token.walls.empty())
            print_row("  its sync history removed first (s)", {fixed(r.cold_token.median_wall(), 3)});
          print_row("listing from scratch (sync-collection), median (s)", {fixed(r.listing.median_wall(), 3)});
          if (!r.cold_listing.walls.empty())
            print_row("  its sync history removed first (s)", {fixed(r.cold_listing.median_wall(), 3)});
          print_row("  raw fetch + the cheaper (x the raw fetch)", {fixed(r.server_floor() / r.raw.median_wall(), 1)});
          if (const auto cold = r.cold_server_floor())
            print_row("  the same, history removed (x the raw fetch)", {fixed(*cold / r.raw.median_wall(), 1)});
        }
        print_row("", {"Kith", o.vdirsyncer ? "vdirsyncer" : "", o.vdirsyncer ? "vdirsyncer/Kith" : ""});
        auto row = [&](const std::string& label, double kith, std::optional<double> vdir, int decimals) {
          if (vdir && r.vdir.measured)
            print_row(label, {fixed(kith, decimals), fixed(*vdir, decimals), decimals ? ratio_text(*vdir, kith) : ""});
          else
            print_row(label, {fixed(kith, decimals)});
        };
        auto server_row = [&](const std::string& label, double kith, double vdir) {
          print_row(label, {server_time(r, kith), r.vdir.measured ? server_time(r, vdir) : ""});
        };
        row("first sync (s)", r.kith.first.run.wall, r.vdir.first.run.wall, 3);
        row("  over the raw fetch (x)", r.kith.first.run.wall / r.raw.median_wall(),
            r.vdir.first.run.wall / r.raw.median_wall(), 0);
        row("  CPU user+sys (s)", r.kith.first.run.cpu(), r.vdir.first.run.cpu(), 3);
        row("  peak RSS (MiB)", r.kith.first.run.peak_rss_mib, r.vdir.first.run.peak_rss_mib, 1);
        server_row("  server time, summed (s)", r.kith.first.server.seconds, r.vdir.first.server.seconds);
        row("  HTTP requests", static_cast<double>(r.kith.first.server.requests),
            static_cast<double>(r.vdir.first.server.requests), 0);
        if (r.first_again) {
          // Kith's only: vdirsyncer's first sync has no second run.
          const SyncSample& again = *r.first_again;
          print_row("first sync again, new store, warm server (s)", {fixed(again.run.wall, 3)});
          print_row("  over the raw fetch (x)", {fixed(again.run.wall / r.raw.median_wall(), 1)});
          print_row("  CPU user+sys (s)", {fixed(again.run.cpu(), 3)});
          print_row("  server time, summed (s)", {server_time(r, again.server.seconds)});
        }
        row("no-op sync, median of " + std::to_string(o.noop_runs) + " (s)", r.kith.noop.median_wall(),
            r.vdir.noop.median_wall(), 3);
        print_row("  min .. max (s)", {fixed(r.kith.noop.min_wall(), 3) + ".." + fixed(r.kith.noop.max_wall(), 3),
                                        r.vdir.measured ? fixed(r.vdir.noop.min_wall(), 3) + ".." + fixed(r.vdir.noop.max_wall(), 3) : ""});
        row("  CPU user+sys, median (s)", r.kith.noop.median_cpu(), r.vdir.noop.median_cpu(), 3);
        server_row("  server time, median (s)", r.kith.noop.median_server(), r.vdir.noop.median_server());
        row("  HTTP requests", static_cast<double>(r.kith.noop.median_sample().server.requests),
            static_cast<double>(r.vdir.measured ? r.vdir.noop.median_sample().server.requests : 0), 0);
        const std::string ch = std::to_string(o.changes) + " changed " + kind.items + ", median of " +
                               std::to_string(o.change_rounds) + " (s)";
        row(ch, r.kith.change.median_wall(), r.vdir.change.median_wall(), 3);
        print_row("  min .. max (s)", {fixed(r.kith.change.min_wall(), 3) + ".." + fixed(r.kith.change.max_wall(), 3),
                                        r.vdir.measured ? fixed(r.vdir.change.min_wall(), 3) + ".." + fixed(r.vdir.change.max_wall(), 3) : ""});
        row("  CPU user+sys, median (s)", r.kith.change.median_cpu(), r.vdir.change.median_cpu(), 3);
        server_row("  server time, median (s)", r.kith.change.median_server(), r.vdir.change.median_server());
        row("  HTTP requests", static_cast<double>(r.kith.change.median_sample().server.requests),
            static_cast<double>(r.vdir.measured ? r.vdir.change.median_sample().server.requests : 0), 0);
        std::printf("  Kith: first sync %zu items, %zu interactions; a change round %zu items (+%zu/-%zu interactions)\n",
                    r.kith.first.items, r.kith.first.added, r.kith.change.median_sample().items,
                    r.kith.change.median_sample().added, r.kith.change.median_sample().removed);
        std::printf("  Kith requests: first %s | no-op %s | change %s\n", requests_text(r.kith.first.server).c_str(),
                    requests_text(r.kith.noop.median_sample().server).c_str(),
                    requests_text(r.kith.change.median_sample().server).c_str());
        std::printf("  Server time by request, Kith first sync: %s\n", by_request_text(r.kith.first.server).c_str());
        std::printf("  Server time by request, Kith no-op (median run): %s\n",
                    by_request_text(r.kith.noop.median_sample().server).c_str());
        std::printf("  Server time by request, Kith %zu-change (median run): %s\n", o.changes,
                    by_request_text(r.kith.change.median_sample().server).c_str());
        if (r.vdir.measured)
          std::printf("  vdirsyncer requests: discover and first %s | no-op %s | change %s\n",
                      requests_text(r.vdir.first.server).c_str(), requests_text(r.vdir.noop.median_sample().server).c_str(),
                      requests_text(r.vdir.change.median_sample().server).c_str());
        if (r.time_cross_check_rss_mib)
          std::printf("  peak RSS cross-check: /usr/bin/time %%M on a second first sync (fresh database): %.1f MiB\n",
                      *r.time_cross_check_rss_mib);
        if (!r.kith.note.empty()) std::printf("  note (Kith): %s\n", r.kith.note.c_str());
        if (!r.vdir.note.empty()) std::printf("  note (vdirsyncer): %s\n", r.vdir.note.c_str());
      }

    // ---- scaling and targets, per server ----
    const char* const items = kind.items.c_str();
    const char* const collection = kind.collection.c_str();
    const std::string grows = "GROWS WITH THE " + uppercase(kind.collection);
    struct Line {
      std::string name;
      std::function<double(const ScaleResult&)> value;
    };
    const std::vector<Line> lines = {
        {"Kith no-op, wall", [](const ScaleResult& r) { return r.kith.noop.median_wall(); }},
        {"Kith no-op, Kith CPU", [](const ScaleResult& r) { return r.kith.noop.median_cpu(); }},
        {"Kith no-op, server", [](const ScaleResult& r) { return r.kith.noop.median_server(); }},
        {"Kith " + std::to_string(o.changes) + "-change, wall", [](const ScaleResult& r) { return r.kith.change.median_wall(); }},
        {"Kith " + std::to_string(o.changes) + "-change, Kith CPU", [](const ScaleResult& r) { return r.kith.change.median_cpu(); }},
        {"Kith " + std::to_string(o.changes) + "-change, server", [](const ScaleResult& r) { return r.kith.change.median_server(); }},
        {"vdirsyncer no-op, wall", [](const ScaleResult& r) { return r.vdir.noop.median_wall(); }},
        {"vdirsyncer " + std::to_string(o.changes) + "-change, wall", [](const ScaleResult& r) { return r.vdir.change.median_wall(); }},
    };
    json servers_json = json::array();
    bool all_first_met = true, all_noop_met = true, all_change_met = true;
    for (const auto& results : by_server) {
      const ScaleResult& main = results.back();
      json scaling = json::object();
      std::map<std::string, double> shares;
      if (results.size() > 1) {
        std::printf("\n%s: does the cost follow the changes or the %s? Medians (s) at each size; line fitted through them\n",
                    main.server.c_str(), collection);
        std::vector<std::string> head;
        for (const auto& r : results) head.push_back(grouped(r.items) + " " + kind.items_short);
        head.push_back("per 1,000 " + kind.items_short);
        head.push_back("size share");
        print_row("", head);
        for (const auto& l : lines) {
          if (l.name.rfind("vdirsyncer", 0) == 0 && !main.vdir.measured) continue;
          if (l.name.find(", server") != std::string::npos && !main.server_logs_time) continue;
          std::vector<std::pair<double, double>> pts;
          std::vector<std::string> cells;
          json at = json::object();
          for (const auto& r : results) {
            pts.emplace_back(static_cast<double>(r.items), l.value(r));
            cells.push_back(fixed(l.value(r), 3));
            at[std::to_string(r.items)] = l.value(r);
          }
          const Fit f = fit(pts);
          const double share = size_share(f, static_cast<double>(main.items), l.value(main));
          shares[l.name] = share;
          cells.push_back((f.per_1000_s >= 0 ? "+" : "") + fixed(f.per_1000_s, 4));
          cells.push_back(fixed(100 * share, 0) + "%");
          print_row(l.name, cells);
          scaling[l.name] = {{"median_s_by_" + kind.items, at}, {"fixed_s", f.fixed_s},
                             {"per_1000_" + kind.items + "_s", f.per_1000_s}, {"size_share_at_main", share}};
        }
        std::printf("  (size share: the part of the time at %s %s that the fitted line puts on the %s size)\n",
                    grouped(main.items).c_str(), items, collection);
      }

      const double noop = main.kith.noop.median_wall(), change = main.kith.change.median_wall();
      const bool noop_met = noop < kTargetSeconds, change_met = change < kTargetSeconds;
      all_noop_met = all_noop_met && noop_met;
      all_change_met = all_change_met && change_met;
      std::printf("\nTargets (issue), on %s:\n", main.server.c_str());
      json first_json = json::object();
      for (const auto& r : results) {
        const double ratio = r.kith.first.run.wall / r.raw.median_wall();
        const bool met = ratio <= kTargetFirstOverRaw;
        all_first_met = all_first_met && met;
        std::printf("  first sync within %.0fx of the raw fetch at %s %s: %.3f s / %.3f s = %.1fx -> %s\n",
                    kTargetFirstOverRaw, grouped(r.items).c_str(), items, r.kith.first.run.wall, r.raw.median_wall(), ratio,
                    met ? "MET" : "NOT MET");
        first_json[std::to_string(r.items)] = {{"first_s", r.kith.first.run.wall}, {"raw_s", r.raw.median_wall()},
                                                {"ratio", ratio}, {"met", met}};
        if (!r.token.walls.empty()) {
          // A client that keeps a token asks it before the data it vouches
          // for (a token alone), or lists after the data and lets the newer
          // listing decide (Kith's way, a listing from scratch). Either way
          // one request waits for the other's answer: sent together, the
          // server may take them in either order.
          const double floor = r.server_floor();
          std::printf("    the server alone (warm), for a first sync that keeps a sync token: raw fetch %.3f s + token %.3f s "
                      "= %.1fx the raw fetch; Kith's CPU %.3f s\n",
                      r.raw.median_wall(), floor - r.raw.median_wall(), floor / r.raw.median_wall(), r.kith.first.run.cpu());
          first_json[std::to_string(r.items)]["server_floor_s"] = floor;
          if (const auto cold = r.cold_server_floor()) {
            std::printf("    the same with the server's sync history removed, as for Kith's first sync above: "
                        "%.3f + %.3f s = %.1fx\n",
                        r.raw.median_wall(), *cold - r.raw.median_wall(), *cold / r.raw.median_wall());
            first_json[std::to_string(r.items)]["server_floor_cold_s"] = *cold;
          }
        }
      }
      std::printf("  no-op sync < %.1f s at %s %s: %.3f s -> %s\n", kTargetSeconds, grouped(main.items).c_str(), items,
                  noop, noop_met ? "MET" : "NOT MET");
      std::printf("  %zu-change sync < %.1f s at %s %s: %.3f s -> %s\n", o.changes, kTargetSeconds,
                  grouped(main.items).c_str(), items, change, change_met ? "MET" : "NOT MET");
      std::optional<bool> kith_o_changes, whole_o_changes;
      if (results.size() > 1) {
        // Kith's own cost (its CPU) and the whole sync (wall, which includes
        // the server's work for Kith's requests).
        const double cpu_share = std::max(shares["Kith no-op, Kith CPU"],
                                          shares["Kith " + std::to_string(o.changes) + "-change, Kith CPU"]);
        const double wall_share = std::max(shares["Kith no-op, wall"],
                                           shares["Kith " + std::to_string(o.changes) + "-change, wall"]);
        kith_o_changes = cpu_share <= kMaxSizeDependentShare;
        whole_o_changes = wall_share <= kMaxSizeDependentShare;
        std::printf("  O(changes), judged from %s and %s %s (at most %.0f%% of the time may grow with the %s):\n",
                    grouped(results.front().items).c_str(), grouped(main.items).c_str(), items,
                    100 * kMaxSizeDependentShare, collection);
        std::printf("    Kith's own work (CPU): %.0f%% size-dependent -> %s\n", 100 * cpu_share,
                    *kith_o_changes ? "O(changes)" : grows.c_str());
        std::printf("    whole sync (wall, includes the server): %.0f%% size-dependent -> %s\n", 100 * wall_share,
                    *whole_o_changes ? "O(changes)" : grows.c_str());
        if (main.server_logs_time) {
          // Where the growth is: the server's time for Kith's requests, or Kith.
          const ScaleResult& small = results.front();
          auto server_part = [](double wall_small, double wall_main, double server_small, double server_main) {
            const double grew = wall_main - wall_small;
            // Over 100%: the rest of the wall time did not grow at all.
            return grew > 0 ? std::clamp(100 * (server_main - server_small) / grew, 0.0, 100.0) : 0.0;
          };
          std::printf("    of the wall-time growth from %s to %s %s, the server's time is %.0f%% (no-op) and %.0f%% (%zu-change)\n",
                      grouped(small.items).c_str(), grouped(main.items).c_str(), items,
                      server_part(small.kith.noop.median_wall(), noop, small.kith.noop.median_server(), main.kith.noop.median_server()),
                      server_part(small.kith.change.median_wall(), change, small.kith.change.median_server(),
                                  main.kith.change.median_server()),
                      o.changes);
        }
      } else {
        std::printf("  O(changes): not judged (run with --compare-events N)\n");
      }

      json scales = json::array();
      for (const auto& r : results) {
        json sc;
        sc[kind.items] = r.items;
        sc.update(r.contents_json);
        sc["seed_s"] = r.seed_s;
        sc["kith_first"] = r.kith_first;
        sc["raw"] = {{"walls_s", r.raw.walls}, {"median_s", r.raw.median_wall()}, {"bytes", r.raw.bytes}};
        if (r.server_logs_time) sc["raw"]["median_server_s"] = r.raw.median_server();
        if (!r.token.walls.empty()) {
          sc["sync_token_alone"] = {{"walls_s", r.token.walls}, {"median_s", r.token.median_wall()}};
          sc["listing_from_scratch"] = {{"walls_s", r.listing.walls}, {"median_s", r.listing.median_wall()},
                                        {"bytes", r.listing.bytes}};
          if (r.server_logs_time) {
            sc["sync_token_alone"]["median_server_s"] = r.token.median_server();
            sc["listing_from_scratch"]["median_server_s"] = r.listing.median_server();
          }
          if (!r.cold_token.walls.empty()) {
            sc["sync_token_alone"]["history_removed"] = {{"walls_s", r.cold_token.walls},
                                                         {"median_s", r.cold_token.median_wall()}};
            sc["listing_from_scratch"]["history_removed"] = {{"walls_s", r.cold_listing.walls},
                                                             {"median_s", r.cold_listing.median_wall()}};
          }
        }
        sc["kith"] = {{"first", sample_json(r.kith.first)}, {"noop", r.kith.noop.to_json()}, {"change", r.kith.change.to_json()}};
        if (r.time_cross_check_rss_mib) sc["kith"]["first"]["gnu_time_peak_rss_mib"] = *r.time_cross_check_rss_mib;
        if (r.first_again) sc["kith"]["first_again_warm_server"] = sample_json(*r.first_again);
        if (r.vdir.measured) {
          sc["vdirsyncer"] = {{"first", sample_json(r.vdir.first)}, {"discover", sample_json(r.vdir.discover)},
                              {"noop", r.vdir.noop.to_json()}, {"change", r.vdir.change.to_json()}};
          sc["ratio_vdirsyncer_over_kith"] = {
              {"first", r.vdir.first.run.wall / r.kith.first.run.wall},
              {"noop", r.vdir.noop.median_wall() / r.kith.noop.median_wall()},
              {"change", r.vdir.change.median_wall() / r.kith.change.median_wall()}};
        }
        scales.push_back(sc);
      }
      json sj;
      sj["server"] = main.server + " " + (main.server == "Radicale" ? radicale_version : xandikos_version);
      sj["scales"] = scales;
      if (!scaling.empty()) sj["scaling"] = scaling;
      sj["targets"] = {{"seconds", kTargetSeconds},
                       {"noop_s", noop},
                       {"noop_met", noop_met},
                       {"change_s", change},
                       {"change_met", change_met},
                       {"first_over_raw_max", kTargetFirstOverRaw},
                       {"first_over_raw", first_json},
                       {"kith_cpu_o_changes", kith_o_changes ? json(*kith_o_changes) : json(nullptr)},
                       {"wall_o_changes", whole_o_changes ? json(*whole_o_changes) : json(nullptr)}};
      servers_json.push_back(sj);
    }

    // ---- JSON ----
    json out;
    out["bench"] = kind.bench;
    out["build_type"] = KITH_BENCH_BUILD_TYPE;
    out["kith_binary"] = paths.kith_binary;
    out["changes_per_round"] = o.changes;
    out["load_average"] = {{"before", load_before}, {"after", load_after}};
    out["servers"] = servers_json;
    out["targets_met"] = {{"first_over_raw", all_first_met}, {"noop", all_noop_met}, {"change", all_change_met}};
    std::printf("\n%s\n", out.dump().c_str());
    std::fflush(stdout);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kith_caldav_bench: %s\n", e.what());
    return interrupted() ? 130 : 1;
  }
}
