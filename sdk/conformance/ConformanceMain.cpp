// kith-provider-conformance: checks a provider plugin against the contract
// of the plugin SDK, on a data set of the author's own (kith::provider_conformance
// in the KithSDK package; README "Writing a provider").
//
//   kith-provider-conformance my_provider.so --setting maildir=testdata/Maildir
//       --expect-items 120 --expect-failed 1     (one command line)
//
// Exit 0 when every check passes, 1 when one fails, 2 on a usage error.
#include <dlfcn.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ConformanceHost.h"
#include "ConformanceSink.h"
#include "kith/Plugin.h"

namespace kith::conformance {
namespace {

struct Options {
  std::string plugin;
  std::map<std::string, std::string> settings;
  std::map<std::string, std::string> secrets;
  std::vector<std::string> owners;
  std::optional<std::size_t> expect_items;
  std::optional<std::size_t> expect_failed;
  double cancel_within = 2.0;
  std::size_t max_kill_points = 25;
  // Also refuse any item delivered again after the batch that carried it
  // was committed (the engine would deduplicate it; a provider whose cursor
  // covers every batch never needs to).
  bool strict_resume = false;
  bool verbose = false;
};

struct SyncRun {
  Status status;
  std::shared_ptr<ConformanceSink> sink = std::make_shared<ConformanceSink>();
  double seconds = 0;
  double seconds_after_cancel = 0;  // from the cancellation request to the return
};

class Suite {
 public:
  explicit Suite(Options options) : options_(std::move(options)), secrets_(options_.secrets) {
    logger_.verbose = options_.verbose;
  }

  int run() {
    if (!load()) return 1;
    check_settings();
    const std::optional<SyncRun> reference = check_full_sync();
    if (reference) {
      check_no_op(*reference);
      check_idempotent(*reference);
      check_resume(*reference);
      check_cancellation(*reference);
    }
    report("no exception crossed the boundary", true, "every call above returned");
    std::cout << "\n" << passed_ << " passed, " << failed_ << " failed\n";
    return failed_ == 0 ? 0 : 1;
  }

 private:
  void report(const std::string& check, bool ok, const std::string& detail) {
    (ok ? passed_ : failed_) += 1;
    std::cout << (ok ? "PASS  " : "FAIL  ") << check << (detail.empty() ? "" : ": " + detail) << std::endl;
  }

  bool load() {
    handle_ = ::dlopen(options_.plugin.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle_) {
      report("descriptor", false, std::string("cannot load: ") + ::dlerror());
      return false;
    }
    descriptor_ = static_cast<const ProviderDescriptor*>(::dlsym(handle_, kDescriptorSymbol));
    if (!descriptor_) {
      report("descriptor", false, "no kith_provider_descriptor symbol");
      return false;
    }
    const ProviderDescriptor& d = *descriptor_;
    std::vector<std::string> problems;
    if (d.abi_major != KITH_ABI_MAJOR || d.abi_minor > KITH_ABI_MINOR)
      problems.push_back("built for ABI " + std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor) +
                         ", this suite checks " + std::to_string(KITH_ABI_MAJOR) + "." +
                         std::to_string(KITH_ABI_MINOR));
    if (problems.empty()) {
      const std::string id = d.id ? d.id : "";
      if (id.empty() || id.size() > 64 ||
          !std::all_of(id.begin(), id.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
          }))
        problems.push_back("id '" + id + "' is not 1-64 of [a-z0-9_-]");
      if (!d.name || !*d.name) problems.push_back("no name");
      if (!d.version || !*d.version) problems.push_back("no version");
      if (!d.create || !d.destroy) problems.push_back("no create/destroy function");
      if (d.settings_count > 0 && !d.settings) problems.push_back("settings_count without settings");
      std::set<std::string> keys;
      for (std::size_t i = 0; d.settings && i < d.settings_count; ++i) {
        const SettingSpec& s = d.settings[i];
        if (!s.key || !*s.key) {
          problems.push_back("setting " + std::to_string(i) + " has no key");
          continue;
        }
        if (!keys.insert(s.key).second) problems.push_back(std::string("setting '") + s.key + "' declared twice");
        if (!s.help || !*s.help) problems.push_back(std::string("setting '") + s.key + "' has no help line");
        if (s.minimum > s.maximum) problems.push_back(std::string("setting '") + s.key + "' has minimum > maximum");
        if (s.default_value && s.type == SettingType::StringList)
          problems.push_back(std::string("setting '") + s.key + "' is a list with a default");
      }
      if (problems.empty()) {
        auto settings = Settings::from_text({}, d.settings, d.settings_count);
        if (!settings) problems.push_back(settings.status().message());
      }
    }
    std::string detail;
    for (const auto& p : problems) detail += (detail.empty() ? "" : "; ") + p;
    report("descriptor", problems.empty(),
           problems.empty() ? std::string("'") + d.id + "' " + d.version + ", ABI " + std::to_string(d.abi_major) +
                                  "." + std::to_string(d.abi_minor) + ", " + std::to_string(d.settings_count) +
                                  " settings"
                            : detail);
    return problems.empty();
  }

  std::unique_ptr<Context> context(const std::map<std::string, std::string>& settings) {
    auto typed = Settings::from_text(settings, descriptor_->settings, descriptor_->settings_count);
    if (!typed) {
      std::cerr << typed.status().message() << '\n';
      return nullptr;
    }
    return std::make_unique<Context>(std::move(*typed), options_.owners, secrets_, logger_);
  }

  // One sync on a new provider instance, as after a restart of Kith.
  SyncRun sync(const std::map<std::string, std::string>& cursors, const std::function<void(SyncRun&, Context&)>& setup = {},
               const std::map<std::string, std::string>* settings = nullptr) {
    SyncRun run;
    auto ctx = context(settings ? *settings : options_.settings);
    if (!ctx) {
      run.status = Status::account("the settings given do not fit the provider's declarations");
      return run;
    }
    CreateError error{};
    Provider* provider = descriptor_->create(*ctx, error);
    if (!provider) {
      run.status = Status(error.kind == ErrorKind::Ok ? ErrorKind::Internal : error.kind,
                          "create refused: " + std::string(error.message));
      return run;
    }
    if (setup) setup(run, *ctx);
    SyncState state;
    state.cursors = cursors;
    const auto start = std::chrono::steady_clock::now();
    run.status = provider->sync(state, *run.sink);
    const auto end = std::chrono::steady_clock::now();
    run.seconds = std::chrono::duration<double>(end - start).count();
    if (cancel_requested_at_) {
      run.seconds_after_cancel = std::chrono::duration<double>(end - *cancel_requested_at_).count();
      cancel_requested_at_.reset();
    }
    descriptor_->destroy(provider);
    return run;
  }

  static std::string status_text(const Status& s) {
    return s.is_ok() ? std::string("ok") : std::string(to_string(s.kind())) + " error: " + s.message();
  }

  void check_settings() {
    std::size_t tried = 0;
    std::vector<std::string> problems;
    for (std::size_t i = 0; i < descriptor_->settings_count; ++i) {
      const SettingSpec& spec = descriptor_->settings[i];
      if (spec.type != SettingType::Path) continue;
      ++tried;
      auto settings = options_.settings;
      settings[spec.key] = "/nonexistent/kith-conformance/" + std::string(spec.key);
      const SyncRun run = sync({}, {}, &settings);
      if (run.status.is_ok())
        problems.push_back(std::string("'") + spec.key + "' naming a missing path: the sync reported success");
      else if (run.status.message().empty())
        problems.push_back(std::string("'") + spec.key + "' naming a missing path: an error without a message");
      else if (!run.sink->delivered.empty())
        problems.push_back(std::string("'") + spec.key + "' naming a missing path: items were delivered");
    }
    std::string detail = tried == 0 ? std::string("no path settings to try")
                                    : std::to_string(tried) + " path settings pointed at nothing, each refused with a message";
    for (const auto& p : problems) detail = p;
    report("settings are validated", problems.empty(), detail);
  }

  std::optional<SyncRun> check_full_sync() {
    SyncRun run = sync({});
    std::vector<std::string> problems;
    if (!run.status.is_ok()) problems.push_back("the sync failed: " + status_text(run.status));
    if (run.sink->delivered.empty() && run.sink->item_failures.empty())
      problems.push_back("nothing was delivered; give the suite a data set with items");
    std::set<std::string> seen;
    for (const Delivery& d : run.sink->delivered)
      if (!seen.insert(d.identity).second) problems.push_back(d.identity + " delivered twice in one sync");
    if (options_.expect_items && run.sink->delivered.size() != *options_.expect_items)
      problems.push_back(std::to_string(run.sink->delivered.size()) + " items delivered, expected " +
                         std::to_string(*options_.expect_items));
    if (run.sink->progress_calls == 0 && run.sink->commits > 0) problems.push_back("no progress was reported");
    report("full sync", problems.empty(),
           problems.empty() ? std::to_string(run.sink->delivered.size()) + " items in " +
                                  std::to_string(run.sink->commits) + " commits, " +
                                  std::to_string(run.sink->item_failures.size()) + " unreadable, " +
                                  std::to_string(run.seconds).substr(0, 5) + " s"
                            : problems.front());

    // Unreadable items go to item_failed; the rest still syncs (above).
    std::vector<std::string> failure_problems;
    for (const std::string& f : run.sink->item_failures)
      if (f.empty() || f.front() == ':' || f.find("/: ") != std::string::npos)
        failure_problems.push_back("an item failure that names no item: '" + f + "'");
    if (options_.expect_failed && run.sink->item_failures.size() != *options_.expect_failed)
      failure_problems.push_back(std::to_string(run.sink->item_failures.size()) + " items reported unreadable, expected " +
                                 std::to_string(*options_.expect_failed));
    std::string names;
    for (const std::string& f : run.sink->item_failures) names += (names.empty() ? "" : "; ") + f;
    report("unreadable items go to item_failed and the rest syncs", failure_problems.empty(),
           failure_problems.empty() ? (names.empty() ? std::string("none in this data set (give --expect-failed)") : names)
                                    : failure_problems.front());
    if (!problems.empty()) return std::nullopt;
    return run;
  }

  void check_no_op(const SyncRun& reference) {
    const SyncRun again = sync(reference.sink->cursors);
    const bool ok = again.status.is_ok() && again.sink->delivered.empty();
    report("a sync after a complete one delivers nothing", ok,
           ok ? "" : status_text(again.status) + ", " + std::to_string(again.sink->delivered.size()) + " items");
  }

  static std::multiset<std::pair<std::string, std::string>> as_set(const std::vector<Delivery>& list) {
    std::multiset<std::pair<std::string, std::string>> out;
    for (const Delivery& d : list) out.emplace(d.identity, d.content);
    return out;
  }

  void check_idempotent(const SyncRun& reference) {
    const SyncRun again = sync({});
    const bool ok = again.status.is_ok() && as_set(again.sink->delivered) == as_set(reference.sink->delivered);
    report("redelivery is idempotent", ok,
           ok ? "a second sync from scratch delivered the same items, field for field"
              : "a second sync from scratch delivered different items (" + status_text(again.status) + ")");
  }

  // Compares what a stored prefix plus a resumed sync delivered with the
  // reference: every item, as the reference had it. An item delivered
  // again must be identical (the engine then keeps one: rule 1 for mail,
  // replacement for events); with --strict-resume it must not come again.
  std::string compare_with_reference(const SyncRun& reference, const std::vector<Delivery>& combined,
                                     std::size_t* delivered_again = nullptr) {
    std::map<std::string, std::string> expected;
    for (const Delivery& d : reference.sink->delivered) expected[d.identity] = d.content;
    std::map<std::string, int> count;
    for (const Delivery& d : combined) {
      auto it = expected.find(d.identity);
      if (it == expected.end()) return d.identity + " was not in the reference sync";
      if (it->second != d.content) return d.identity + " differs from the reference sync";
      if (++count[d.identity] == 2) {
        if (options_.strict_resume) return d.identity + " delivered twice (--strict-resume)";
        if (delivered_again) ++*delivered_again;
      }
    }
    for (const auto& [identity, content] : expected)
      if (!count.count(identity)) return identity + " was lost";
    return "";
  }

  void check_resume(const SyncRun& reference) {
    const std::size_t commits = reference.sink->commits;
    std::vector<std::size_t> kill_points;  // the commit that "crashes"
    for (std::size_t k = 1; k <= commits; ++k) kill_points.push_back(k);
    if (kill_points.size() > options_.max_kill_points) {
      std::vector<std::size_t> spread;
      for (std::size_t i = 0; i < options_.max_kill_points; ++i)
        spread.push_back(1 + i * (commits - 1) / (options_.max_kill_points - 1));
      kill_points = spread;
    }
    std::string problem;
    std::size_t delivered_again = 0;
    for (std::size_t k : kill_points) {
      const SyncRun crashed = sync({}, [k](SyncRun& run, Context&) { run.sink->fail_at = k; });
      if (crashed.status.is_ok()) {
        problem = "commit " + std::to_string(k) + " failed, but the sync reported success";
        break;
      }
      if (crashed.status.kind() != ErrorKind::Transient) {
        problem = "commit " + std::to_string(k) + " failed (transient) and the sync returned " +
                  status_text(crashed.status) + " instead of that status";
        break;
      }
      if (crashed.sink->commits_after_failure > 0) {
        problem = "the provider went on committing after commit " + std::to_string(k) + " failed";
        break;
      }
      const SyncRun resumed = sync(crashed.sink->cursors);
      if (!resumed.status.is_ok()) {
        problem = "resuming after a crash at commit " + std::to_string(k) + ": " + status_text(resumed.status);
        break;
      }
      std::vector<Delivery> combined = crashed.sink->delivered;
      combined.insert(combined.end(), resumed.sink->delivered.begin(), resumed.sink->delivered.end());
      if (auto why = compare_with_reference(reference, combined, &delivered_again); !why.empty()) {
        problem = "crash at commit " + std::to_string(k) + ", then resume: " + why;
        break;
      }
    }
    std::string detail = std::to_string(kill_points.size()) + " crash points of " + std::to_string(commits) + " commits";
    if (delivered_again > 0)
      detail += "; " + std::to_string(delivered_again) +
                " items came again after their batch was stored, identical (the engine keeps one)";
    else if (options_.strict_resume)
      detail += "; nothing came twice (--strict-resume)";
    report("resumes from every committed cursor without loss or duplicates", problem.empty(),
           problem.empty() ? detail : problem);
  }

  void check_cancellation(const SyncRun& reference) {
    // Requested before the sync starts: nothing is stored.
    const SyncRun early = sync({}, [](SyncRun&, Context& ctx) { ctx.cancel.request(); });
    const bool early_ok = early.status.kind() == ErrorKind::Cancelled && early.sink->delivered.empty() &&
                          early.seconds <= options_.cancel_within;
    report("cancellation before the sync is honoured", early_ok,
           early_ok ? std::to_string(early.seconds).substr(0, 5) + " s"
                    : status_text(early.status) + ", " + std::to_string(early.sink->delivered.size()) +
                          " items stored, " + std::to_string(early.seconds).substr(0, 5) + " s");

    // Requested after the first commit: the sync stops within the time,
    // and a later sync picks up the rest.
    SyncRun midway = sync({}, [this](SyncRun& run, Context& ctx) {
      Context* c = &ctx;
      run.sink->after_commit = [this, c] {
        if (c->cancel.requested()) return;
        c->cancel.request();
        cancel_requested_at_ = std::chrono::steady_clock::now();
      };
    });
    std::string problem;
    if (midway.status.is_ok() && midway.sink->delivered.size() != reference.sink->delivered.size())
      problem = "the sync was cancelled after its first commit and reported success without finishing";
    else if (!midway.status.is_ok() && midway.status.kind() != ErrorKind::Cancelled)
      problem = "cancelled after the first commit, it returned " + status_text(midway.status);
    else if (midway.seconds_after_cancel > options_.cancel_within)
      problem = "it returned " + std::to_string(midway.seconds_after_cancel).substr(0, 5) +
                " s after cancellation, more than " + std::to_string(options_.cancel_within).substr(0, 4) + " s";
    if (problem.empty()) {
      const SyncRun rest = sync(midway.sink->cursors);
      std::vector<Delivery> combined = midway.sink->delivered;
      combined.insert(combined.end(), rest.sink->delivered.begin(), rest.sink->delivered.end());
      if (!rest.status.is_ok())
        problem = "the sync after a cancelled one: " + status_text(rest.status);
      else if (auto why = compare_with_reference(reference, combined); !why.empty())
        problem = "cancelled, then synced again: " + why;
    }
    report("cancellation midway is honoured within " + std::to_string(options_.cancel_within).substr(0, 4) + " s",
           problem.empty(),
           problem.empty() ? "returned " + std::to_string(midway.seconds_after_cancel).substr(0, 5) +
                                 " s after the request; the next sync delivered the rest"
                           : problem);
  }

  Options options_;
  Secrets secrets_;
  KeptLogger logger_;
  void* handle_ = nullptr;  // kept open: providers' code must outlive the checks
  const ProviderDescriptor* descriptor_ = nullptr;
  std::optional<std::chrono::steady_clock::time_point> cancel_requested_at_;
  int passed_ = 0, failed_ = 0;
};

std::map<std::string, std::string> key_values(const std::vector<std::string>& pairs) {
  std::map<std::string, std::string> out;
  for (const std::string& pair : pairs) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) throw CLI::ValidationError(pair, "must be KEY=VALUE");
    out[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  return out;
}

}  // namespace
}  // namespace kith::conformance

int main(int argc, char** argv) {
  using namespace kith::conformance;
  CLI::App app("kith-provider-conformance: checks a Kith provider plugin against the SDK's contract, on your data",
               "kith-provider-conformance");
  Options options;
  std::vector<std::string> settings, secrets;
  std::size_t expect_items = 0, expect_failed = 0;
  app.add_option("PLUGIN", options.plugin, "the provider's shared library (.so)")->required();
  app.add_option("--setting", settings, "an account setting, KEY=VALUE (repeat); lists as a,b,c");
  app.add_option("--secret", secrets, "a secret the provider resolves, NAME=VALUE (repeat)");
  app.add_option("--owner", options.owners, "an owner address the provider may use (repeat)");
  auto* items = app.add_option("--expect-items", expect_items, "items the data set holds (checked if given)");
  auto* failed = app.add_option("--expect-failed", expect_failed, "unreadable items in the data set (checked if given)");
  app.add_option("--cancel-within", options.cancel_within, "seconds a provider may take to honour cancellation")
      ->capture_default_str();
  app.add_option("--max-kill-points", options.max_kill_points, "crash points tried, spread over all commits")
      ->capture_default_str()
      ->check(CLI::Range(2, 100000));
  app.add_flag("--strict-resume", options.strict_resume,
               "fail when an item comes again after the batch carrying it was committed");
  app.add_flag("-v,--verbose", options.verbose, "show the provider's log");
  try {
    app.parse(argc, argv);
    options.settings = key_values(settings);
    options.secrets = key_values(secrets);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (items->count()) options.expect_items = expect_items;
  if (failed->count()) options.expect_failed = expect_failed;
  return Suite(std::move(options)).run();
}
