// libFuzzer target: a WebDAV/CalDAV/CardDAV answer body through the hardened
// libxml2 parse and the multistatus model.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dav/xml/Multistatus.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kith::dav::XmlLimits limits;
  limits.max_bytes = 1024 * 1024;
  (void)kith::dav::parse_multistatus(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  return 0;
}
