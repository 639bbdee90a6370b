// libFuzzer target: a vCard resource through kith::contacts::read_vcards
// with its default limits. Each input must finish well within a second:
// every loop of the reader is bounded by the input or by VCardLimits.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kith/contacts/VCardReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)kith::contacts::read_vcards(std::string_view(reinterpret_cast<const char*>(data), size), "book",
                                    "fuzz.vcf");
  return 0;
}
