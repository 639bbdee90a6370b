#include "relate/Reminders.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "relate/PersonLookup.h"
#include "util/StableHash.h"
#include "util/Time.h"

namespace kith::engine {
namespace {

std::string day_of(UnixSeconds t) { return format_date(t); }

std::string days_text(long days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

std::string milestone_summary(const Milestone& m, const std::string& name) {
  if (m.kind == "birthday") return "Wish " + name + " a happy birthday";
  if (m.kind == "job_change") return "Congratulate " + name + " on the new job";
  if (m.kind == "anniversary") return "Remember " + name + "'s anniversary";
  if (m.kind == "connected") return "Reach out to " + name + ": connected " + m.detail;
  return "Reach out to " + name + ": " + m.detail;
}

}  // namespace

std::string reminder_uid(const Person& person, const std::string& reason) {
  std::string anchor = person.handles.empty() ? "person:" + std::to_string(person.id)
                                              : person.handles.front().first + ":" + person.handles.front().second;
  anchor += "|";
  anchor += reason;
  char text[40];
  std::snprintf(text, sizeof text, "kith-%016llx@kith", static_cast<unsigned long long>(stable_hash(anchor)));
  return text;
}

std::vector<WantedTask> wanted_tasks(const std::vector<PersonView>& views, const std::vector<const PersonView*>& drifting,
                                     const std::vector<FollowUp>& follow_ups, const std::vector<Milestone>& milestones,
                                     UnixSeconds as_of) {
  std::unordered_map<std::int64_t, const PersonView*> by_id;
  for (const PersonView& v : views) by_id.emplace(v.person.id, &v);
  auto snoozed = [&](const PersonView& v) { return v.person.snoozed_until && *v.person.snoozed_until > as_of; };

  // One "due" task per person, saying every reason.
  std::map<std::int64_t, std::pair<UnixSeconds, std::string>> due;  // person -> (DUE, why)
  auto add_reason = [&](const PersonView& v, UnixSeconds at, const std::string& why) {
    auto [it, fresh] = due.try_emplace(v.person.id, at, why);
    if (fresh) return;
    it->second.first = std::min(it->second.first, at);
    it->second.second += "; " + why;
  };
  for (const PersonView* v : due_list(views, as_of, kReminderDueWindowDays, "")) {
    const auto& f = v->facts;
    // Words that stay the same from day to day: a text that counted the
    // days overdue would rewrite the task (and the user's phone) daily.
    std::string why = "Cadence " + days_text(*f.cadence_days) + ": due " + day_of(*f.due_at);
    why += f.last_touch ? ", last touch " + day_of(f.last_touch->at) + " (" + to_string(f.last_touch->kind) + ")"
                        : ", never touched";
    add_reason(*v, *f.due_at, why);
  }
  for (const PersonView* v : awaiting_list(views, as_of, kDefaultAwaitingDays))
    add_reason(*v, v->facts.last_received->at + kAwaitingDueDays * kSecondsPerDay,
               "Awaiting your reply since " + day_of(v->facts.last_received->at));
  for (const PersonView* v : drifting) {
    const auto& f = v->facts;
    std::string why = "Drifting: last contact " + (f.last ? day_of(f.last->at) : std::string("unknown"));
    if (f.usual_gap_days) why += ", usually every " + days_text(std::lround(*f.usual_gap_days));
    // DUE: the day the drift reached kReminderDriftRatio, which stays put
    // from day to day (as-of would move the task every day).
    const UnixSeconds since = f.last && f.usual_gap_days
                                  ? f.last->at + std::lround(kReminderDriftRatio * *f.usual_gap_days) * kSecondsPerDay
                                  : as_of;
    add_reason(*v, std::min(since, as_of), why);
  }

  std::vector<WantedTask> out;
  for (const auto& [id, reason] : due) {
    const PersonView& v = *by_id.at(id);
    if (snoozed(v) || v.person.ignored) continue;
    const std::string name = person_name(v.person);
    out.push_back({reminder_uid(v.person, "due"), id, "due", "Catch up with " + name, reason.second + ".",
                   day_of(reason.first)});
  }
  for (const FollowUp& f : follow_ups) {
    auto it = by_id.find(f.person);
    if (it == by_id.end() || snoozed(*it->second)) continue;
    const Person& p = it->second->person;
    const std::string title = f.event->title.empty() ? "the event" : f.event->title;
    const std::string reason = "followup:" + f.event->key;
    out.push_back({reminder_uid(p, reason), p.id, reason, "Follow up with " + person_name(p) + " after " + title,
                   std::string("Follow-up: met at ") + title + " (" + to_string(f.met) + "), which ended " +
                       day_of(f.event->end) + "; no touch since.",
                   day_of(f.event->end + kFollowUpDueDays * kSecondsPerDay)});
  }
  for (const Milestone& m : milestones) {
    auto it = by_id.find(m.person);
    if (it == by_id.end() || snoozed(*it->second)) continue;
    const Person& p = it->second->person;
    const std::string day = day_of(static_cast<UnixSeconds>(m.day) * kSecondsPerDay);
    const std::string reason = "milestone:" + m.kind + ":" + day;
    const std::string label = m.kind == "job_change" ? "New job" : m.kind == "connected" ? "Connection anniversary"
                              : m.kind == "met"       ? "Met anniversary"
                              : m.kind == "birthday"  ? "Birthday"
                                                      : "Anniversary";
    out.push_back({reminder_uid(p, reason), p.id, reason, milestone_summary(m, person_name(p)),
                   label + " on " + day + (m.detail.empty() ? "" : ": " + m.detail) + ".", day});
  }
  return out;
}

const char* to_string(ReminderStep::Kind kind) {
  switch (kind) {
    case ReminderStep::Kind::Create: return "create";
    case ReminderStep::Kind::Update: return "update";
    case ReminderStep::Kind::Complete: return "complete";
    case ReminderStep::Kind::Remove: return "remove";
    case ReminderStep::Kind::Adopt: return "adopt";
    case ReminderStep::Kind::Forget: return "forget";
    case ReminderStep::Kind::Snooze: return "snooze";
  }
  return "";
}

std::vector<ReminderStep> plan_reminders(const std::vector<WantedTask>& wanted, const std::vector<ReminderTask>& stored,
                                         const std::vector<ListedTask>& listed, const std::string& account,
                                         const std::string& list, UnixSeconds as_of,
                                         const std::function<int(std::int64_t)>& snooze_days,
                                         const std::set<std::int64_t>& people) {
  std::map<std::string, const ListedTask*> by_name, by_uid;
  for (const ListedTask& t : listed) {
    by_name.emplace(t.name, &t);
    if (t.readable && !t.uid.empty()) by_uid.emplace(t.uid, &t);
  }
  std::map<std::string, const WantedTask*> want;
  for (const WantedTask& w : wanted) want.emplace(w.uid, &w);

  std::vector<ReminderStep> users, writes;
  auto snooze = [&](std::int64_t person, const std::string& what) {
    ReminderStep s;
    s.kind = ReminderStep::Kind::Snooze;
    s.person = person;
    const int days = snooze_days(person);
    s.snooze_until = as_of + static_cast<UnixSeconds>(days) * kSecondsPerDay;
    s.why = what + ": person " + std::to_string(person) + " snoozed " + days_text(days) + ", until " +
            day_of(s.snooze_until);
    users.push_back(std::move(s));
  };
  // Kith's write of `w` over the list's copy `record` describes.
  auto update = [&](const ReminderTask& record, const WantedTask& w, bool reopen) {
    ReminderStep s;
    s.kind = ReminderStep::Kind::Update;
    s.uid = record.uid;
    s.name = record.name;
    s.if_match = record.etag;
    s.wanted = w;
    s.set_due = record.user_due.empty() || reopen;
    s.record = record;
    s.record.reason = w.reason;
    s.record.completed = false;
    if (s.set_due) {
      s.record.due = w.due;
      s.record.user_due.clear();
    }
    s.record.written_at = as_of;
    s.why = "\"" + w.summary + "\" (due " + (s.set_due ? w.due : record.user_due) + (s.set_due ? "" : ", your date") +
            (reopen ? ", reopened" : "") + ")";
    writes.push_back(std::move(s));
  };

  std::set<std::string> handled;
  // Records without one of their own: tasks found in the list by UID (a
  // store made again, a record lost), adopted as they are.
  std::vector<ReminderTask> records(stored.begin(), stored.end());
  std::set<std::string> recorded;
  for (const ReminderTask& r : stored) recorded.insert(r.uid);
  for (const WantedTask& w : wanted) {
    if (recorded.count(w.uid)) continue;
    auto it = by_uid.find(w.uid);
    if (it == by_uid.end()) continue;
    const ListedTask& t = *it->second;
    ReminderTask r{w.uid, account, list, t.name, t.etag, w.person, w.reason, t.due, "", t.done, as_of};
    ReminderStep s;
    s.kind = ReminderStep::Kind::Adopt;
    s.uid = r.uid;
    s.record = r;
    s.why = "found \"" + t.summary + "\" in the list: kept as it is";
    users.push_back(s);
    records.push_back(r);
    recorded.insert(r.uid);
  }

  for (const ReminderTask& stored_record : records) {
    ReminderTask record = stored_record;
    handled.insert(record.uid);
    const ListedTask* now = nullptr;
    if (auto it = by_name.find(record.name); it != by_name.end()) now = it->second;
    else if (auto u = by_uid.find(record.uid); u != by_uid.end()) now = u->second;
    const auto w = want.find(record.uid);
    const WantedTask* wanted_now = w == want.end() ? nullptr : w->second;

    if (!now) {
      // Deleted in another app: the user's word; not made again this cadence.
      if (!record.completed && record.person && people.count(*record.person))
        snooze(*record.person, "you deleted \"" + (wanted_now ? wanted_now->summary : record.reason) + "\"");
      ReminderStep s;
      s.kind = ReminderStep::Kind::Forget;
      s.uid = record.uid;
      s.why = "the task " + record.name + " is gone from the list: forgotten";
      users.push_back(std::move(s));
      continue;
    }
    bool user_completed = false;
    if (now->etag != record.etag || now->name != record.name) {
      if (now->readable) {
        if (now->done && !record.completed) {
          user_completed = true;
          if (record.person && people.count(*record.person))
            snooze(*record.person, "you completed \"" + now->summary + "\"");
        }
        record.completed = now->done;
        if (!now->due.empty() && now->due != record.due) record.user_due = now->due;
        if (now->due == record.due) record.user_due.clear();
      }
      record.etag = now->etag;
      record.name = now->name;
      ReminderStep s;
      s.kind = ReminderStep::Kind::Adopt;
      s.uid = record.uid;
      s.record = record;
      s.why = "\"" + now->summary + "\" was changed in another app" +
              (user_completed ? ": completed there"
               : record.user_due.empty() ? ""
                                         : ": due " + record.user_due + " kept");
      users.push_back(std::move(s));
    }
    if (user_completed) continue;
    const bool person_exists = record.person && people.count(*record.person);
    if (wanted_now) {
      if (record.completed)
        update(record, *wanted_now, /*reopen=*/true);
      else if (now->summary != wanted_now->summary || now->description != wanted_now->description ||
               (record.user_due.empty() && now->due != wanted_now->due))
        update(record, *wanted_now, /*reopen=*/false);
      continue;
    }
    if (!person_exists) {
      ReminderStep s;
      s.kind = ReminderStep::Kind::Remove;
      s.uid = record.uid;
      s.name = record.name;
      s.if_match = record.etag;
      s.why = "\"" + now->summary + "\": its person is gone";
      writes.push_back(std::move(s));
    } else if (!record.completed) {
      ReminderStep s;
      s.kind = ReminderStep::Kind::Complete;
      s.uid = record.uid;
      s.name = record.name;
      s.if_match = record.etag;
      s.record = record;
      s.record.completed = true;
      s.record.written_at = as_of;
      s.why = "\"" + now->summary + "\": " +
              (record.reason == "due" ? "no longer due" : record.reason.rfind("followup:", 0) == 0 ? "followed up" : "past");
      writes.push_back(std::move(s));
    }
  }

  for (const WantedTask& w : wanted) {
    if (handled.count(w.uid)) continue;
    ReminderStep s;
    s.kind = ReminderStep::Kind::Create;
    s.uid = w.uid;
    s.name = w.uid.substr(0, w.uid.find('@')) + ".ics";
    s.wanted = w;
    s.record = {w.uid, account, list, s.name, "", w.person, w.reason, w.due, "", false, as_of};
    s.why = "\"" + w.summary + "\" (due " + w.due + ")";
    writes.push_back(std::move(s));
  }
  users.insert(users.end(), std::make_move_iterator(writes.begin()), std::make_move_iterator(writes.end()));
  return users;
}

}  // namespace kith::engine
