// Parameter values follow RFC 5545 3.2: a CUTYPE this code does not know
// (an x-name or a newer IANA token) counts as UNKNOWN and an unknown ROLE
// as REQ-PARTICIPANT, as the RFC tells applications to treat them; an
// unknown PARTSTAT (or one only meant for to-dos) is reported as Other so
// the engine can tell it from a real reply.
#include "ParticipantReader.h"

#include "AsciiText.h"

#include <string>
#include <string_view>

namespace kith::calendar::detail {
namespace {

PartStat to_partstat(icalparameter_partstat value) noexcept {
  switch (value) {
    case ICAL_PARTSTAT_NEEDSACTION: return PartStat::NeedsAction;
    case ICAL_PARTSTAT_ACCEPTED: return PartStat::Accepted;
    case ICAL_PARTSTAT_DECLINED: return PartStat::Declined;
    case ICAL_PARTSTAT_TENTATIVE: return PartStat::Tentative;
    case ICAL_PARTSTAT_DELEGATED: return PartStat::Delegated;
    case ICAL_PARTSTAT_NONE: return PartStat::Unspecified;
    default: return PartStat::Other;  // COMPLETED, IN-PROCESS, FAILED, x-names
  }
}

CalendarUserType to_cutype(icalparameter_cutype value) noexcept {
  switch (value) {
    case ICAL_CUTYPE_INDIVIDUAL: return CalendarUserType::Individual;
    case ICAL_CUTYPE_GROUP: return CalendarUserType::Group;
    case ICAL_CUTYPE_RESOURCE: return CalendarUserType::Resource;
    case ICAL_CUTYPE_ROOM: return CalendarUserType::Room;
    case ICAL_CUTYPE_NONE: return CalendarUserType::Unspecified;
    default: return CalendarUserType::Unknown;  // UNKNOWN, x-names
  }
}

ParticipantRole to_role(icalparameter_role value) noexcept {
  switch (value) {
    case ICAL_ROLE_CHAIR: return ParticipantRole::Chair;
    case ICAL_ROLE_REQPARTICIPANT: return ParticipantRole::Required;
    case ICAL_ROLE_OPTPARTICIPANT: return ParticipantRole::Optional;
    case ICAL_ROLE_NONPARTICIPANT: return ParticipantRole::NonParticipant;
    case ICAL_ROLE_NONE: return ParticipantRole::Unspecified;
    default: return ParticipantRole::Required;  // x-names
  }
}

// A CN as a name: control characters (ESC, BEL, line breaks; also the C1
// controls in UTF-8) become blanks, runs of blanks one, no blank at either
// end, as mail display names are cleaned.
std::string clean_name(std::string_view raw) {
  std::string out;
  bool blank = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    bool control = c < 0x20 || c == 0x7F;
    if (c == 0xC2 && i + 1 < raw.size() && static_cast<unsigned char>(raw[i + 1]) <= 0x9F &&
        static_cast<unsigned char>(raw[i + 1]) >= 0x80) {
      control = true;
      ++i;
    }
    if (control || c == ' ') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += static_cast<char>(c);
  }
  return out;
}

Participant read_participant(icalproperty* property) {
  Participant out;
  icalvalue* value = icalproperty_get_value(property);
  if (value != nullptr && icalvalue_isa(value) == ICAL_CALADDRESS_VALUE) {
    if (const char* address = icalvalue_get_caladdress(value))
      out.address = mailto_address(address);
  }
  if (icalparameter* p = icalproperty_get_first_parameter(property, ICAL_CN_PARAMETER)) {
    if (const char* cn = icalparameter_get_cn(p)) out.common_name = clean_name(cn);
  }
  if (icalparameter* p = icalproperty_get_first_parameter(property, ICAL_PARTSTAT_PARAMETER)) {
    out.partstat = to_partstat(icalparameter_get_partstat(p));
  }
  if (icalparameter* p = icalproperty_get_first_parameter(property, ICAL_CUTYPE_PARAMETER)) {
    out.cutype = to_cutype(icalparameter_get_cutype(p));
  }
  if (icalparameter* p = icalproperty_get_first_parameter(property, ICAL_ROLE_PARAMETER)) {
    out.role = to_role(icalparameter_get_role(p));
  }
  return out;
}

}  // namespace

std::string mailto_address(std::string_view cal_address) {
  constexpr std::string_view kScheme = "mailto:";
  cal_address = trim_blanks(cal_address);
  if (!ascii_istarts_with(cal_address, kScheme)) return {};
  return std::string(trim_blanks(cal_address.substr(kScheme.size())));
}

std::optional<Participant> read_organizer(icalcomponent* component) {
  icalproperty* organizer = icalcomponent_get_first_property(component, ICAL_ORGANIZER_PROPERTY);
  if (organizer == nullptr) return std::nullopt;
  return read_participant(organizer);
}

std::vector<Participant> read_attendees(icalcomponent* component) {
  std::vector<Participant> out;
  for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_ATTENDEE_PROPERTY);
       p != nullptr; p = icalcomponent_get_next_property(component, ICAL_ATTENDEE_PROPERTY)) {
    out.push_back(read_participant(p));
  }
  return out;
}

}  // namespace kith::calendar::detail
