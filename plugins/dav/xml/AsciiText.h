// The DAV XML layer's ASCII helpers are the project's one set
// (kith/Ascii.h); this name keeps the layer's spelling, dav::ascii::.
#pragma once

#include "kith/Ascii.h"

namespace kith::dav {
namespace ascii = kith::ascii;
}  // namespace kith::dav
