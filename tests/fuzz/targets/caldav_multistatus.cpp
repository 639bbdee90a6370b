// libFuzzer target: a WebDAV/CalDAV answer body through the hardened
// libxml2 parse and the multistatus model.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "xml/Multistatus.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kith::caldav::XmlLimits limits;
  limits.max_bytes = 1024 * 1024;
  (void)kith::caldav::parse_multistatus(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  return 0;
}
