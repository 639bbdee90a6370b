// What the pages load besides themselves: one stylesheet, in the binary.
// No script, no font, nothing from a CDN.
#pragma once

#include <string>

namespace kith::engine {

const std::string& dashboard_stylesheet();

}  // namespace kith::engine
