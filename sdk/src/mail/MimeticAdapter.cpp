// The only translation unit that includes mimetic (see MimeticAdapter.h).
//
// mimetic quirks handled here or by our callers (each pinned by a test in
// tests/unit/mail/MimeticQuirksTest.cpp):
//  - the typed Header accessors (to(), cc(), ...) re-parse and rewrite the
//    stored field, corrupting group syntax, so fields are read by name and
//    raw value only and address lists are parsed from that raw value;
//  - the header parser drops the last field unless another line follows it;
//  - the header parser grows its buffers 128 bytes at a time, which is
//    quadratic in a field's length (a 2 MB field takes seconds);
//  - AddressList throws std::length_error on some input (":" alone).
#include "MimeticAdapter.h"

#include <iterator>
#include <string>

#include <mimetic/codec/base64.h>
#include <mimetic/codec/code.h>
#include <mimetic/codec/qp.h>
#include <mimetic/mimeentity.h>
#include <mimetic/parser/itparser.h>
#include <mimetic/rfc822/addresslist.h>

namespace kith::mail::detail {
namespace {

RawMailbox to_raw_mailbox(const mimetic::Mailbox& mailbox) {
  RawMailbox raw;
  // label(0) is the phrase as written; label(1) would drop comments but
  // keeps the quotes anyway, and our caller needs the quotes to unescape.
  raw.display_phrase = mailbox.label(0);
  raw.local_part = mailbox.mailbox(1);
  raw.domain = mailbox.domain(1);
  return raw;
}

}  // namespace

std::vector<RawHeaderField> read_header_fields(std::string_view header_block) {
  std::vector<RawHeaderField> fields;
  try {
    const std::string input(header_block);
    mimetic::MimeEntity entity;
    try {
      // Ignore every part of the body: we only want the header, and the
      // body stage re-parses Content-Type, which may throw on garbage after
      // the fields were already read.
      entity.load(input.begin(), input.end(),
                  mimetic::imBody | mimetic::imChildParts | mimetic::imPreamble | mimetic::imEpilogue);
    } catch (...) {
      // Keep the fields the header stage did read.
    }
    for (const mimetic::Field& field : entity.header()) {
      const auto& name = field.name();
      fields.push_back({std::string(name.data(), name.size()), field.value()});
    }
  } catch (...) {
    // Out of memory or a mimetic failure while copying fields: return what
    // was gathered; a header parser must not take the provider down.
  }
  return fields;
}

std::vector<RawMailbox> read_mailboxes(std::string_view address_list) {
  std::vector<RawMailbox> mailboxes;
  try {
    const mimetic::AddressList addresses{std::string(address_list)};
    for (const mimetic::Address& address : addresses) {
      if (!address.isGroup()) {
        mailboxes.push_back(to_raw_mailbox(address.mailbox()));
        continue;
      }
      for (const mimetic::Mailbox& member : address.group()) mailboxes.push_back(to_raw_mailbox(member));
    }
  } catch (...) {
    // mimetic throws on some malformed lists; a bad list yields what was
    // read before the failure (usually nothing).
  }
  return mailboxes;
}

std::string decode_base64(std::string_view encoded) {
  std::string decoded;
  try {
    mimetic::Base64::Decoder decoder;
    mimetic::decode(encoded.begin(), encoded.end(), decoder, std::back_inserter(decoded));
  } catch (...) {
    decoded.clear();
  }
  return decoded;
}

std::string decode_quoted_printable(std::string_view encoded) {
  std::string decoded;
  try {
    mimetic::QP::Decoder decoder;
    mimetic::decode(encoded.begin(), encoded.end(), decoder, std::back_inserter(decoded));
  } catch (...) {
    decoded.clear();
  }
  return decoded;
}

}  // namespace kith::mail::detail
