// parse_calendar_resource(): groups the resource's VEVENTs by UID and turns
// each group (master plus RECURRENCE-ID overrides) into one CalendarEvent.
#include "kith/calendar/EventExpander.h"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "CivilTime.h"
#include "EventTiming.h"
#include "IcalResource.h"
#include "ParticipantReader.h"
#include "RecurrenceExpander.h"
#include "VideoLinkDetector.h"
#include "ZoneResolver.h"
#include "kith/Title.h"

namespace kith::calendar {
namespace {

using detail::EventTiming;
using detail::ResolvedTime;
using detail::ZoneResolver;

constexpr std::int64_t kSecondsPerDay = 86400;

// One VEVENT and the resolver for the VCALENDAR it sits in.
struct Component {
  icalcomponent* vevent = nullptr;
  ZoneResolver* zones = nullptr;
  int sequence = 0;
};

// Everything the resource says about one UID.
struct UidGroup {
  std::string uid;
  std::optional<Component> master;   // the VEVENT without RECURRENCE-ID
  std::vector<Component> overrides;  // the VEVENTs with one
};

const char* text_of(icalproperty* property) {
  icalvalue* value = property != nullptr ? icalproperty_get_value(property) : nullptr;
  if (value == nullptr || icalvalue_isa(value) != ICAL_TEXT_VALUE) return nullptr;
  return icalvalue_get_text(value);
}

int read_sequence(icalcomponent* vevent) {
  icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_SEQUENCE_PROPERTY);
  icalvalue* value = p != nullptr ? icalproperty_get_value(p) : nullptr;
  if (value == nullptr || icalvalue_isa(value) != ICAL_INTEGER_VALUE) return 0;
  return icalvalue_get_integer(value);
}

EventStatus read_status(icalcomponent* vevent) {
  icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_STATUS_PROPERTY);
  icalvalue* value = p != nullptr ? icalproperty_get_value(p) : nullptr;
  if (value == nullptr || icalvalue_isa(value) != ICAL_STATUS_VALUE)
    return EventStatus::Unspecified;
  switch (icalvalue_get_status(value)) {
    case ICAL_STATUS_TENTATIVE: return EventStatus::Tentative;
    case ICAL_STATUS_CONFIRMED: return EventStatus::Confirmed;
    case ICAL_STATUS_CANCELLED: return EventStatus::Cancelled;
    default: return EventStatus::Unspecified;
  }
}

// now + horizon, saturating; a negative horizon counts as zero days.
UnixSeconds last_start(const ExpandOptions& options) {
  constexpr UnixSeconds kMax = std::numeric_limits<UnixSeconds>::max();
  const UnixSeconds horizon =
      static_cast<UnixSeconds>(std::max(options.horizon_days, 0)) * kSecondsPerDay;
  return options.now > kMax - horizon ? kMax : options.now + horizon;
}

// An occurrence carrying the data that comes from the component itself
// (status, participants, video link); times are filled in per instance.
EventOccurrence occurrence_template(const Component& component) {
  EventOccurrence occ;
  occ.status = read_status(component.vevent);
  occ.organizer = detail::read_organizer(component.vevent);
  occ.attendees = detail::read_attendees(component.vevent);
  occ.has_video_link = detail::component_has_video_link(component.vevent);
  if (const char* summary = icalcomponent_get_summary(component.vevent)) occ.summary = clean_title(summary);
  if (const char* location = icalcomponent_get_location(component.vevent)) occ.location = clean_title(location);
  return occ;
}

EventOccurrence with_times(EventOccurrence occ, UnixSeconds start, UnixSeconds end, bool all_day,
                           std::string recurrence_id) {
  occ.recurrence_id = std::move(recurrence_id);
  occ.start = start;
  occ.end = std::max(start, end);
  occ.all_day = all_day;
  return occ;
}

class GroupExpander {
 public:
  GroupExpander(const UidGroup& group, const ExpandOptions& options)
      : group_(group), last_start_(last_start(options)), max_(options.max_occurrences) {}

  // Fills `out`; false (with `problem` set) when nothing usable is there.
  bool expand(std::vector<EventOccurrence>& out, std::string& problem) {
    std::optional<EventTiming> master_timing;
    if (group_.master) {
      master_timing = EventTiming::read(group_.master->vevent, *group_.master->zones);
      if (!master_timing && group_.overrides.empty()) {
        problem = "VEVENT UID " + group_.uid + " has no valid DTSTART";
        return false;
      }
    }
    if (master_timing) {
      if (Status s = add_master_instances(*master_timing); !s) {
        problem = "VEVENT UID " + group_.uid + ": " + s.message();
        return false;
      }
    }
    apply_overrides(master_timing ? &*master_timing : nullptr);

    std::sort(occurrences_.begin(), occurrences_.end(), [](const auto& a, const auto& b) {
      return std::tie(a.start, a.recurrence_id) < std::tie(b.start, b.recurrence_id);
    });
    if (occurrences_.size() > max_) occurrences_.resize(max_);
    out = std::move(occurrences_);
    return true;
  }

 private:
  Status add_master_instances(const EventTiming& timing) {
    const Component& master = *group_.master;
    const ResolvedTime& start = timing.start();
    const EventOccurrence master_data = occurrence_template(master);
    if (!detail::has_recurrence_rule(master.vevent) && group_.overrides.empty()) {
      // A single event: one occurrence, no recurrence id.
      if (start.utc <= last_start_ && max_ > 0) {
        occurrences_.push_back(
            with_times(master_data, start.utc, timing.end_for(start), start.is_date, {}));
      }
      return {};
    }
    auto instances = detail::expand_recurrence(master.vevent, timing, *master.zones, {last_start_, max_});
    if (!instances) return instances.status();
    occurrences_.reserve(instances->size() + group_.overrides.size());
    for (const detail::Instance& instance : *instances) {
      index_by_instant_[instance.start.utc] = occurrences_.size();
      occurrences_.push_back(with_times(master_data, instance.start.utc, instance.end,
                                        instance.start.is_date,
                                        detail::format_rfc3339_utc(instance.start.utc)));
    }
    return {};
  }

  // An override replaces the instance it names; one naming an instance the
  // rule does not produce (moved in from elsewhere, or no master) is added.
  // Among overrides of the same instance the highest SEQUENCE wins.
  void apply_overrides(const EventTiming* master_timing) {
    std::vector<Component> overrides = group_.overrides;
    std::stable_sort(
        overrides.begin(), overrides.end(),
        [](const Component& a, const Component& b) { return a.sequence < b.sequence; });
    for (const Component& ov : overrides) {
      icalproperty* rid_property =
          icalcomponent_get_first_property(ov.vevent, ICAL_RECURRENCEID_PROPERTY);
      const std::optional<ResolvedTime> rid = ov.zones->read(rid_property);
      if (!rid) continue;  // unreadable RECURRENCE-ID: no instance to attach it to

      UnixSeconds start = rid->utc;
      UnixSeconds end = 0;
      bool all_day = rid->is_date;
      if (const std::optional<EventTiming> timing = EventTiming::read(ov.vevent, *ov.zones)) {
        start = timing->start().utc;
        end = timing->end_for(timing->start());
        all_day = timing->start().is_date;
      } else if (master_timing != nullptr) {  // no DTSTART of its own: the instance's time
        end = master_timing->end_for(*rid);
      } else {
        end = rid->is_date ? start + kSecondsPerDay : start;
      }

      EventOccurrence occ = with_times(occurrence_template(ov), start, end, all_day,
                                       detail::format_rfc3339_utc(rid->utc));
      if (auto it = index_by_instant_.find(rid->utc); it != index_by_instant_.end()) {
        occurrences_[it->second] = std::move(occ);
      } else if (rid->utc <= last_start_ || start <= last_start_) {
        index_by_instant_[rid->utc] = occurrences_.size();
        occurrences_.push_back(std::move(occ));
      }
    }
  }

  const UidGroup& group_;
  const UnixSeconds last_start_;
  const std::size_t max_;
  std::vector<EventOccurrence> occurrences_;
  std::map<UnixSeconds, std::size_t>
      index_by_instant_;  // RECURRENCE-ID instant -> occurrences_ index
};

}  // namespace

Result<std::vector<CalendarEvent>> parse_calendar_resource(std::string_view ics,
                                                           std::string_view collection,
                                                           std::string_view resource,
                                                           const ExpandOptions& options) {
  detail::IcalErrnoGuard errno_guard;
  Result<detail::ParsedResource> parsed = detail::parse_vcalendars(ics);
  if (!parsed) return parsed.status();

  // Group VEVENTs by UID, keeping the order in which UIDs first appear.
  std::vector<std::unique_ptr<ZoneResolver>> resolvers;
  std::vector<UidGroup> groups;
  std::map<std::string, std::size_t, std::less<>> group_index;
  std::size_t vevent_count = 0;
  for (icalcomponent* calendar : parsed->calendars) {
    resolvers.push_back(std::make_unique<ZoneResolver>(calendar));
    for (icalcomponent* vevent = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
         vevent != nullptr;
         vevent = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
      ++vevent_count;
      const char* uid = text_of(icalcomponent_get_first_property(vevent, ICAL_UID_PROPERTY));
      if (uid == nullptr || *uid == '\0') continue;

      auto [it, inserted] = group_index.try_emplace(uid, groups.size());
      if (inserted) groups.push_back(UidGroup{uid, std::nullopt, {}});
      UidGroup& group = groups[it->second];
      const Component component{vevent, resolvers.back().get(), read_sequence(vevent)};
      if (icalcomponent_get_first_property(vevent, ICAL_RECURRENCEID_PROPERTY) != nullptr) {
        group.overrides.push_back(component);
      } else if (!group.master || component.sequence > group.master->sequence) {
        group.master = component;  // duplicate masters: the highest SEQUENCE wins
      }
    }
  }
  if (vevent_count == 0) {
    // A task or a journal entry in a calendar that also takes events
    // (Nextcloud's "Personal", a reminders list): nothing to deliver,
    // nothing wrong.
    for (icalcomponent* calendar : parsed->calendars)
      if (icalcomponent_get_first_component(calendar, ICAL_VTODO_COMPONENT) != nullptr ||
          icalcomponent_get_first_component(calendar, ICAL_VJOURNAL_COMPONENT) != nullptr)
        return std::vector<CalendarEvent>{};
    return Status::item("no VEVENT in the resource");
  }
  if (groups.empty()) return Status::item("no VEVENT with a UID in the resource");

  std::vector<CalendarEvent> events;
  std::string first_problem;
  for (const UidGroup& group : groups) {
    CalendarEvent event;
    event.collection = std::string(collection);
    event.resource = std::string(resource);
    event.uid = group.uid;
    std::string problem;
    if (GroupExpander(group, options).expand(event.occurrences, problem)) {
      events.push_back(std::move(event));
    } else if (first_problem.empty()) {
      first_problem = std::move(problem);
    }
  }
  if (events.empty()) return Status::item(first_problem);
  return events;
}

}  // namespace kith::calendar
