// Large buffers filled at once (every person a list reads): Linux can back
// them with transparent huge pages, which it does for memory asked for
// them when the system is set to "madvise" (the default of many
// distributions). Filling 20 MB in 4 KB pages costs five thousand page
// faults, a tenth of `kith contacts` over 50,000 people.
#pragma once

#include <cstddef>

namespace kith::engine {

// Advice only: the whole 2 MB pages inside [data, data + bytes); nothing
// happens where the system has no huge pages or the range holds none.
void advise_huge_pages(const void* data, std::size_t bytes);

}  // namespace kith::engine
