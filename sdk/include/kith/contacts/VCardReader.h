// Optional SDK helper (library kith::contacts): turns one vCard resource (a
// .vcf file, a CardDAV address object) into ContactCard items, so every
// contacts provider reads cards the same way.
//
// No Debian 12 library reads the cards real servers and phones write
// (README, "Dependencies"), so this is a strict reader of its own, bounded
// by VCardLimits and fuzzed (tests/fuzz/targets/vcard.cpp). Charsets and
// quoted-printable come from kith::mail's decoders, not a second copy.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "kith/Items.h"
#include "kith/Status.h"

namespace kith::contacts {

struct VCardLimits {
  std::size_t max_bytes = 4u << 20;        // one resource; more is an Item error
  std::size_t max_cards = 10000;           // cards in one resource
  std::size_t max_properties = 2000;       // properties in one card
  std::size_t max_value_bytes = 256u << 10;  // one unfolded property; longer ones (PHOTO) are skipped
};

// Reads every BEGIN:VCARD ... END:VCARD in `text` (vCard 2.1, 3.0 and 4.0)
// into one ContactCard each, with `collection` set and `resource` the given
// one for the first card; a file holding several cards names the others
// "<resource>#<UID>" (or "#<n>", counting from 2, when a card has no UID).
// Returns an Item error naming the line at fault when the resource is not a
// vCard at all or breaks a limit.
Result<std::vector<ContactCard>> read_vcards(std::string_view text, std::string_view collection,
                                             std::string_view resource, const VCardLimits& limits = {});

}  // namespace kith::contacts
