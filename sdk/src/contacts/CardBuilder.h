// One card's properties to a ContactCard: which property fills which
// field, handle labels (TYPE values or Apple's X-ABLabel), the dates.
#pragma once

#include <string_view>
#include <vector>

#include "PropertyLine.h"
#include "kith/Items.h"

namespace kith::contacts::detail {

// True for the properties build_card() reads (and VERSION, X-ABLABEL): the
// reader keeps only these.
bool is_read_property(std::string_view name) noexcept;

// The card the properties describe; collection and resource are left
// empty. Properties that cannot be decoded or hold nothing usable are
// skipped: a card is never refused for one bad value.
ContactCard build_card(const std::vector<PropertyLine>& properties);

}  // namespace kith::contacts::detail
