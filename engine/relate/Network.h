// `kith network`: how the user's network divides by organization, mail
// domain, source account, tag or year met; how concentrated their
// interactions are (top share, Herfindahl index) and how that moved over
// the last 8 quarters; who is new each quarter.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "relate/Organizations.h"
#include "store/HistoryStore.h"

namespace kith::engine {

enum class NetworkBy { Organization, Domain, Source, Tag, YearMet };

// "org", "domain", "source", "tag", "year-met"; nullopt for anything else.
std::optional<NetworkBy> network_by_from(const std::string& text);
const char* to_string(NetworkBy by);

struct NetworkGroup {
  std::string key;
  std::size_t people = 0;
  std::size_t active = 0;  // with an interaction in the 90 days up to as-of
  std::uint64_t interactions = 0;
  double interaction_share = 0;  // of all groups' interactions
};

struct NetworkQuarter {
  std::string quarter;  // "2026-Q4"
  std::size_t new_people = 0;  // first interaction in the quarter
  std::size_t new_groups = 0;  // groups whose first person was first met in the quarter
  std::optional<double> hhi;   // of the quarter's interactions; nullopt: none
};

struct NetworkView {
  NetworkBy by = NetworkBy::Organization;
  std::vector<NetworkGroup> groups;  // largest share first, then most people, then key
  double top_share = 0;
  std::optional<double> hhi;               // nullopt without any interaction
  std::optional<double> effective_groups;  // 1 / hhi
  std::vector<NetworkQuarter> quarters;    // oldest first, the last is as-of's
};

// A person as the network sees them.
struct NetworkMember {
  const Person* person = nullptr;
  const CardSummary* card = nullptr;  // may be null
};

inline constexpr int kActiveDays = 90;
inline constexpr int kNetworkQuarters = 8;

// What the groupings need of one person's history up to as-of, folded once
// from the store's quarterly counts however many groupings are asked for.
// Small on purpose: one per person and account at 50,000 people, and on a
// virtual machine every new megabyte costs page faults.
struct AccountActivity {
  std::uint64_t interactions = 0;
  UnixSeconds last_at = 0;
  std::array<std::uint32_t, kNetworkQuarters> quarters{};  // the 8 quarters ending with as-of's, oldest first
  std::uint32_t account = 0;  // NetworkActivity::account_name
};
struct PersonActivity {
  UnixSeconds first_at = 0, last_at = 0;
  std::vector<AccountActivity> accounts;  // each account once
};

class NetworkActivity {
 public:
  explicit NetworkActivity(UnixSeconds as_of);
  void add(const InteractionQuarter& counted);
  UnixSeconds as_of() const { return as_of_; }
  int first_quarter() const { return first_quarter_; }  // year * 4 + quarter - 1
  const PersonActivity* of(std::int64_t person) const;
  const std::string& account_name(std::uint32_t account) const { return accounts_[account]; }

 private:
  std::uint32_t account_index(const std::string& name);

  UnixSeconds as_of_;
  int first_quarter_;
  std::vector<std::string> accounts_;  // by index
  std::unordered_map<std::string, std::uint32_t> account_ids_;
  std::uint32_t last_account_ = 0;
  std::unordered_map<std::int64_t, PersonActivity> people_;
};

// The keys for people with none: "(unknown)" organization, "(no address)",
// "(untagged)", "(never met)".
NetworkView network_view(const std::vector<NetworkMember>& members, const NetworkActivity& activity, NetworkBy by,
                         const FreeMail& free_mail);
// The same from the counts themselves (up to as-of).
NetworkView network_view(const std::vector<NetworkMember>& members, const std::vector<InteractionQuarter>& quarters,
                         NetworkBy by, UnixSeconds as_of, const FreeMail& free_mail);

}  // namespace kith::engine
