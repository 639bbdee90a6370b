// The CalDAV XML layer's ASCII helpers are the project's one set
// (kith/Ascii.h); this name keeps the layer's spelling, caldav::ascii::.
#pragma once

#include "kith/Ascii.h"

namespace kith::caldav {
namespace ascii = kith::ascii;
}  // namespace kith::caldav
