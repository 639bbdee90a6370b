// ORGANIZER and ATTENDEE properties of one component.
#pragma once

#include <libical/ical.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kith/Items.h"

namespace kith::calendar::detail {

// The address of a "mailto:" calendar address (scheme matched
// case-insensitively, surrounding blanks dropped); empty for any other URI.
std::string mailto_address(std::string_view cal_address);

// The first ORGANIZER, if any.
std::optional<Participant> read_organizer(icalcomponent* component);

// Every ATTENDEE, in file order.
std::vector<Participant> read_attendees(icalcomponent* component);

}  // namespace kith::calendar::detail
