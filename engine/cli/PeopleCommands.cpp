// `kith merge`, `split`, `rename`, `tag`, `untag`, `cadence`, `snooze`,
// `ignore` and `unignore`: the user's decisions about people. Each is one
// store transaction, kept by handle (store/PeopleRows.cpp).
#include <iostream>

#include "cli/Commands.h"
#include "cli/Members.h"
#include "cli/Output.h"
#include "extract/HandleValue.h"
#include "relate/MergeSuggestions.h"
#include "relate/PersonLookup.h"
#include "store/IgnoreSet.h"
#include "util/Duration.h"
#include "util/Strings.h"
#include "util/Time.h"

namespace kith::engine {

namespace {

// The store and everyone in it, for commands that name people.
struct PeopleContext {
  HistoryStore* store = nullptr;
  std::vector<Person> people;
};

Result<PeopleContext> people_context(Session& session) {
  auto store = session.store();
  if (!store) return store.status();
  auto people = (*store)->people();
  if (!people) return people.status();
  return PeopleContext{*store, std::move(*people)};
}

nlohmann::json person_brief(const Person& p) {
  nlohmann::json handles = nlohmann::json::array();
  for (const auto& [kind, value] : p.handles) handles.push_back({{"kind", kind}, {"value", value}});
  return {{"id", p.id}, {"name", p.name.empty() ? nlohmann::json() : nlohmann::json(p.name)}, {"handles", handles},
          {"tags", p.tags}};
}

// A member's decision (--member): the name must be a [[member]] of the
// config; "" (the store's decision) always passes.
Status check_member(Session& session, const std::string& member) {
  if (member.empty()) return {};
  auto config = session.config();
  if (!config) return config.status();
  auto accounts = member_accounts(**config, member);
  return accounts ? Status() : accounts.status();
}

// Prints what a decision did: the person as it now is (with a member's
// decision, with that member's tags and the member named).
int report_person(Session& session, std::int64_t id, const std::string& what, const std::string& member = {}) {
  auto context = people_context(session);
  if (!context) return report_error(context.status());
  for (Person& p : context->people)
    if (p.id == id) {
      if (!member.empty()) {
        auto own = context->store->member_decisions(member);
        if (!own) return report_error(own.status());
        const auto it = own->people.find(id);
        p.tags = it == own->people.end() ? std::vector<std::string>{} : it->second.tags;
      }
      if (session.options().json) {
        nlohmann::json out = person_brief(p);
        if (!member.empty()) out["member"] = member;
        print_json(out);
      } else {
        std::cout << what << (member.empty() ? std::string() : " for " + terminal_safe(member)) << ": "
                  << terminal_safe(person_label(p)) << " (id " << p.id << ")\n";
      }
      return 0;
    }
  return report_error(Status::account("person " + std::to_string(id) + " is gone"));
}

int run_merge_suggest(Session& session) {
  auto context = people_context(session);
  if (!context) return report_error(context.status());
  auto cards = context->store->shared_cards();
  if (!cards) return report_error(cards.status());
  const auto suggestions = suggest_merges(context->people, *cards);
  std::map<std::int64_t, const Person*> by_id;
  for (const Person& p : context->people) by_id[p.id] = &p;
  if (session.options().json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : suggestions) {
      nlohmann::json people = nlohmann::json::array();
      for (auto id : s.people) people.push_back(person_brief(*by_id[id]));
      out.push_back({{"people", people}, {"reasons", s.reasons}, {"confidence", s.confidence}});
    }
    print_json(out);
    return 0;
  }
  if (suggestions.empty()) {
    std::cout << "No likely duplicates.\n";
    return 0;
  }
  for (const auto& s : suggestions) {
    std::string command = "kith merge";
    for (auto id : s.people) command.append(" ").append(std::to_string(id));
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%.0f%%", s.confidence * 100);
    std::cout << confidence << "  ";
    for (std::size_t i = 0; i < s.people.size(); ++i)
      std::cout << (i ? " + " : "") << terminal_safe(person_label(*by_id[s.people[i]])) << " (" << s.people[i] << ")";
    std::cout << "\n     ";
    for (std::size_t i = 0; i < s.reasons.size(); ++i) std::cout << (i ? "; " : "") << terminal_safe(s.reasons[i]);
    std::cout << "\n     to merge: " << command << "\n";
  }
  return 0;
}

}  // namespace

int run_merge(Session& session, const MergeOptions& options) {
  if (options.suggest) {
    if (!options.people.empty()) return report_error(Status::account("merge --suggest takes no PERSON"));
    return run_merge_suggest(session);
  }
  if (options.people.size() < 2)
    return report_error(Status::account("merge needs two people or more: kith merge PERSON PERSON..."));
  auto context = people_context(session);
  if (!context) return report_error(context.status());
  std::vector<std::int64_t> ids;
  for (const auto& text : options.people) {
    auto p = find_person(context->people, text);
    if (!p) return report_error(p.status());
    if (std::find(ids.begin(), ids.end(), (*p)->id) != ids.end())
      return report_error(Status::account("'" + text + "' names person " + std::to_string((*p)->id) + " twice"));
    ids.push_back((*p)->id);
  }
  const std::int64_t into = ids.front();
  ids.erase(ids.begin());
  if (auto s = context->store->merge_people(into, ids); !s) return report_error(s);
  return report_person(session, into, "merged into");
}

int run_split(Session& session, const std::string& who, const std::string& handle_text) {
  auto context = people_context(session);
  if (!context) return report_error(context.status());
  auto p = find_person(context->people, who);
  if (!p) return report_error(p.status());
  const TypedHandle handle = handle_from_user_text(handle_text);
  auto id = context->store->split_person((*p)->id, handle.kind, handle.value);
  if (!id) return report_error(id.status());
  return report_person(session, *id, "split off as");
}

int run_rename(Session& session, const std::string& who, const std::string& name) {
  auto context = people_context(session);
  if (!context) return report_error(context.status());
  auto p = find_person(context->people, who);
  if (!p) return report_error(p.status());
  if (auto s = context->store->rename_person((*p)->id, std::string(ascii::trim(name))); !s) return report_error(s);
  return report_person(session, (*p)->id, "renamed");
}

int run_tag(Session& session, const std::string& who, const std::vector<std::string>& tags, bool add,
            const std::string& member) {
  if (auto s = check_member(session, member); !s) return report_error(s);
  auto context = people_context(session);
  if (!context) return report_error(context.status());
  auto p = find_person(context->people, who);
  if (!p) return report_error(p.status());
  std::vector<std::string> clean;
  for (const auto& tag : tags) {
    const std::string t(ascii::trim(tag));
    if (t.empty()) return report_error(Status::account("a tag cannot be empty"));
    clean.push_back(t);
  }
  if (auto s = member.empty() ? context->store->tag_person((*p)->id, clean, add)
                              : context->store->tag_person_for(member, (*p)->id, clean, add);
      !s)
    return report_error(s);
  return report_person(session, (*p)->id, add ? "tagged" : "untagged", member);
}

int run_cadence(Session& session, const CadenceOptions& options) {
  auto days = parse_cadence(options.cadence);
  if (options.cadence == "default") days = -1;  // back to the tags' or the default
  if (!days) return report_error(days.status());
  const std::optional<int> value = *days < 0 ? std::nullopt : std::optional<int>(*days);
  const std::string& member = options.member;
  if (auto s = check_member(session, member); !s) return report_error(s);
  auto store = session.store();
  if (!store) return report_error(store.status());
  if (!options.tag.empty()) {
    if (!options.person.empty()) return report_error(Status::account("cadence: give a PERSON or --tag, not both"));
    if (auto s = member.empty() ? (*store)->set_tag_cadence(options.tag, value)
                                : (*store)->set_tag_cadence_for(member, options.tag, value);
        !s)
      return report_error(s);
    if (session.options().json) {
      nlohmann::json out = {{"tag", options.tag}, {"cadence_days", value ? nlohmann::json(*value) : nlohmann::json()}};
      if (!member.empty()) out["member"] = member;
      print_json(out);
    } else {
      std::cout << "tag '" << terminal_safe(options.tag) << "'"
                << (member.empty() ? std::string() : " for " + terminal_safe(member)) << ": " << (value ? (*value ? std::to_string(*value) + " days" : "no cadence") : "cadence removed") << "\n";
    }
    return 0;
  }
  if (options.person.empty()) return report_error(Status::account("cadence: name a PERSON or --tag TAG"));
  auto context = people_context(session);
  if (!context) return report_error(context.status());
  auto p = find_person(context->people, options.person);
  if (!p) return report_error(p.status());
  if (auto s = member.empty() ? context->store->set_person_cadence((*p)->id, value)
                              : context->store->set_person_cadence_for(member, (*p)->id, value);
      !s)
    return report_error(s);
  return report_person(session, (*p)->id, value ? (*value ? "cadence " + std::to_string(*value) + " days" : std::string("no cadence"))
                                                 : std::string("cadence from tags and the default"), member);
}

int run_snooze(Session& session, const std::string& who, const std::string& duration, const std::string& member) {
  auto days = parse_days(duration);
  if (!days) return report_error(days.status());
  if (auto s = check_member(session, member); !s) return report_error(s);
  auto context = people_context(session);
  if (!context) return report_error(context.status());
  auto p = find_person(context->people, who);
  if (!p) return report_error(p.status());
  const UnixSeconds until = session.now() + static_cast<UnixSeconds>(*days) * kSecondsPerDay;
  if (auto s = member.empty() ? context->store->snooze_person((*p)->id, until)
                              : context->store->snooze_person_for(member, (*p)->id, until);
      !s)
    return report_error(s);
  return report_person(session, (*p)->id, "snoozed until " + format_date(until), member);
}

namespace {

// Ignore entries from what the user typed: "@domain", a handle, or a
// person (all of its handles).
Result<std::vector<std::string>> ignore_entries(const std::vector<Person>& people, const std::vector<std::string>& items) {
  std::vector<std::string> entries;
  for (const auto& text : items) {
    const std::string trimmed(ascii::trim(text));
    if (!trimmed.empty() && trimmed.front() == '@') {
      const std::string entry = ignore_entry_from_text(trimmed);
      if (entry.empty()) return Status::account("'" + text + "' is not a domain (write @example.com)");
      entries.push_back(entry);
      continue;
    }
    // A handle names itself even when no one has it yet; anything else
    // must be a person.
    const TypedHandle handle = handle_from_user_text(trimmed);
    const bool looks_like_handle = handle.kind != HandleKind::Email || trimmed.find('@') != std::string::npos;
    if (looks_like_handle && !handle.value.empty()) {
      entries.push_back(handle.value);
      continue;
    }
    auto p = find_person(people, trimmed);
    if (!p) return p.status();
    for (const auto& [kind, value] : (*p)->handles) entries.push_back(value);
  }
  return entries;
}

}  // namespace

namespace {

// `kith ignore --member NAME`: the member's own ignores, which hide people
// from that member's views and remove nothing.
int run_member_ignore(Session& session, PeopleContext& context, const IgnoreOptions& options) {
  const std::string& member = options.member;
  if (options.list || options.items.empty()) {
    if (!options.list) return report_error(Status::account("ignore: name a handle, an @domain or a person, or use --list"));
    auto own = context.store->member_decisions(member);
    if (!own) return report_error(own.status());
    if (session.options().json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& e : own->ignores) out.push_back({{"entry", e}, {"source", "member"}, {"member", member}});
      print_json(out);
      return 0;
    }
    if (own->ignores.empty()) std::cout << terminal_safe(member) << " ignores nothing.\n";
    for (const auto& e : own->ignores) std::cout << terminal_safe(e) << "\n";
    return 0;
  }
  auto entries = ignore_entries(context.people, options.items);
  if (!entries) return report_error(entries.status());
  auto added = context.store->ignore_for(member, *entries);
  if (!added) return report_error(added.status());
  if (session.options().json) {
    print_json({{"ignored", *entries}, {"member", member}, {"interactions_removed", 0}});
    return 0;
  }
  for (const auto& e : *entries) std::cout << "ignoring " << terminal_safe(e) << " for " << terminal_safe(member) << "\n";
  std::cout << "No history removed: the rest of the team still sees it.\n";
  return 0;
}

}  // namespace

int run_ignore(Session& session, const IgnoreOptions& options) {
  if (auto s = check_member(session, options.member); !s) return report_error(s);
  auto context = people_context(session);
  if (!context) return report_error(context.status());
  if (!options.member.empty()) return run_member_ignore(session, *context, options);
  if (options.list || options.items.empty()) {
    if (!options.list) return report_error(Status::account("ignore: name a handle, an @domain or a person, or use --list"));
    auto list = context->store->ignores();
    if (!list) return report_error(list.status());
    if (session.options().json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& e : *list) out.push_back({{"entry", e.entry}, {"source", e.source}});
      print_json(out);
      return 0;
    }
    if (list->empty()) std::cout << "Nothing is ignored.\n";
    for (const auto& e : *list)
      std::cout << terminal_safe(e.entry) << (e.source == "config" ? "  (config: [identity] ignore)" : "") << "\n";
    return 0;
  }
  auto entries = ignore_entries(context->people, options.items);
  if (!entries) return report_error(entries.status());
  auto removed = context->store->ignore(*entries);
  if (!removed) return report_error(removed.status());
  if (session.options().json) {
    print_json({{"ignored", *entries}, {"interactions_removed", *removed}});
    return 0;
  }
  for (const auto& e : *entries) std::cout << "ignoring " << terminal_safe(e) << "\n";
  std::cout << *removed << " interaction" << (*removed == 1 ? "" : "s") << " removed\n";
  return 0;
}

int run_unignore(Session& session, const std::vector<std::string>& items, const std::string& member) {
  if (auto s = check_member(session, member); !s) return report_error(s);
  auto context = people_context(session);
  if (!context) return report_error(context.status());
  auto entries = ignore_entries(context->people, items);
  if (!entries) return report_error(entries.status());
  if (!member.empty()) {
    for (const auto& e : *entries) {
      auto removed = context->store->unignore_for(member, e);
      if (!removed) return report_error(removed.status());
      if (!*removed) return report_error(Status::account("'" + e + "' is not ignored by " + member));
    }
    if (session.options().json) {
      print_json({{"unignored", *entries}, {"member", member}});
      return 0;
    }
    for (const auto& e : *entries) std::cout << "no longer ignoring " << terminal_safe(e) << " for " << terminal_safe(member) << "\n";
    return 0;
  }
  std::vector<std::string> done;
  for (const auto& e : *entries) {
    auto removed = context->store->unignore(e);
    if (!removed) return report_error(removed.status());
    if (!*removed) {
      auto list = context->store->ignores();
      const bool from_config = list && std::any_of(list->begin(), list->end(), [&](const IgnoreEntry& i) { return i.entry == e; });
      return report_error(Status::account("'" + e + "' is not ignored" +
                                          (from_config ? std::string(" by `kith ignore`: remove it from [identity] ignore in the config") : std::string())));
    }
    done.push_back(e);
  }
  if (session.options().json) {
    print_json({{"unignored", done}});
    return 0;
  }
  for (const auto& e : done) std::cout << "no longer ignoring " << terminal_safe(e) << "\n";
  std::cout << "Run `kith sync --full` to bring their history back.\n";
  return 0;
}

}  // namespace kith::engine
