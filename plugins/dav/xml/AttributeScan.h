// Internal to kith_dav_xml: a linear pre-scan that bounds the number of
// attributes per start tag before libxml2 sees the document.
//
// Why: libxml2 2.9 checks each new attribute against all earlier ones of the
// same tag, and looks prefixes up by walking every namespace declaration in
// scope. Both are quadratic: one tag with 80,000 attributes (1 MB) takes
// 18 s, so a 64 MiB body could hold a sync for hours. And libxml2 keeps
// parsing after a fatal error (without building a tree), so such a tag costs
// the same time even after something broken, inside a comment or CDATA.
// Capping attributes per tag, together with the depth cap, bounds both.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace kith::dav::detail {

// Byte offset of the first '<' that opens a start tag with more than
// `max_attributes` attributes (namespace declarations included); nullopt
// when there is none.
//
// Every '<' not followed by '/', '!' or '?' is scanned as a start tag, even
// inside comments and CDATA, because that is where libxml2's error recovery
// may parse one. The scan follows libxml2's attribute grammar
// (name S? '=' S? quoted-value) and stops where libxml2 would end the tag:
// at '>', at '<' (a value cannot contain one), or at the first token that
// breaks the grammar. It may stop later than libxml2, never earlier, so the
// count is never lower than what libxml2 parses. Linear: each scan ends at
// the next '<'.
std::optional<std::size_t> find_overfull_tag(std::string_view xml, std::size_t max_attributes) noexcept;

}  // namespace kith::dav::detail
