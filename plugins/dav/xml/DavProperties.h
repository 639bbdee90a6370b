// Internal to kith_dav_xml: how one property element of a status-200
// propstat block lands in a DavResponse.
#pragma once

#include <libxml/tree.h>

#include "dav/xml/DavResponse.h"

namespace kith::dav::detail {

// Unknown properties are ignored. May throw std::bad_alloc.
void apply_property(const xmlNode* property, DavResponse& response);

}  // namespace kith::dav::detail
