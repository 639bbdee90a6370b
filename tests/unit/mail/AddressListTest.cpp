// Address lists: parse_address_list().
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "MailTestSupport.h"
#include "kith/mail/HeaderParser.h"

namespace {

using kith::Mailbox;
using kith::mail::parse_address_list;

struct AddressCase {
  const char* what;
  std::string input;
  std::vector<Mailbox> expected;
};

std::ostream& operator<<(std::ostream& out, const AddressCase& c) { return out << c.what; }

class ParseAddressList : public ::testing::TestWithParam<AddressCase> {};

TEST_P(ParseAddressList, YieldsMailboxes) {
  const AddressCase& c = GetParam();
  EXPECT_EQ(parse_address_list(c.input), c.expected) << c.what << ": " << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    Mailboxes, ParseAddressList,
    ::testing::Values(
        AddressCase{"address case kept", "Ann Example <Ann@Example.org>", {{"Ann Example", "Ann@Example.org"}}},
        AddressCase{"bare addr-spec", "bob@y.org", {{"", "bob@y.org"}}},
        AddressCase{"angle-addr only", "<a@x.org>", {{"", "a@x.org"}}},
        AddressCase{"two mailboxes, quoted comma",
                    "\"Doe, John\" <john@x.org>, bob@y.org",
                    {{"Doe, John", "john@x.org"}, {"", "bob@y.org"}}},
        AddressCase{"blanks trimmed", "   Ann   <a@x.org>   ", {{"Ann", "a@x.org"}}},
        AddressCase{"no blank before angle", "Ann Lee<a@x.org>", {{"Ann Lee", "a@x.org"}}},
        AddressCase{"tabs in name collapse", "Ann\t\tLee <a@x.org>", {{"Ann Lee", "a@x.org"}}},
        AddressCase{"parentheses inside quotes kept", "\"Ann (work)\" <a@x.org>", {{"Ann (work)", "a@x.org"}}},
        AddressCase{"comment inside name dropped", "Ann(x)Lee <a@x.org>", {{"Ann Lee", "a@x.org"}}},
        AddressCase{"quoted-pairs", "\"Ann \\\"Q\\\" Lee\" <a@x.org>", {{"Ann \"Q\" Lee", "a@x.org"}}},
        AddressCase{"empty quoted name", "\"\" <a@x.org>", {{"", "a@x.org"}}},
        AddressCase{"outlook single quotes", "'Ann Lee' <a@x.org>", {{"Ann Lee", "a@x.org"}}},
        AddressCase{"domain literal", "Ann <ann@[127.0.0.1]>", {{"Ann", "ann@[127.0.0.1]"}}},
        AddressCase{"quoted local part", "\"a b\"@x.org", {{"", "\"a b\"@x.org"}}},
        // RFC 5322 3.4.1: quotes around a dot-atom are not part of the address.
        AddressCase{"redundant quotes", "\"vic\"@example.org", {{"", "vic@example.org"}}},
        AddressCase{"redundant quotes, angle-addr", "Vic <\"vic\"@example.org>", {{"Vic", "vic@example.org"}}},
        AddressCase{"redundant quotes, dots", "\"v.i.c\"@example.org", {{"", "v.i.c@example.org"}}},
        AddressCase{"redundant quotes, case kept", "\"Vic.Smith\"@Example.org", {{"", "Vic.Smith@Example.org"}}},
        AddressCase{"redundant quotes, quoted-pair", "\"v\\ic\"@example.org", {{"", "vic@example.org"}}},
        AddressCase{"redundant quotes, atext symbols", "\"a+b=c\"@example.org", {{"", "a+b=c@example.org"}}},
        AddressCase{"redundant quotes, folded list", "a@x.org,\r\n \"vic\"@example.org",
                    {{"", "a@x.org"}, {"", "vic@example.org"}}},
        AddressCase{"needed quotes: leading dot", "\".vic\"@example.org", {{"", "\".vic\"@example.org"}}},
        AddressCase{"needed quotes: double dot", "\"v..c\"@example.org", {{"", "\"v..c\"@example.org"}}},
        AddressCase{"needed quotes: special", "\"vic@home\"@example.org", {{"", "\"vic@home\"@example.org"}}},
        AddressCase{"needed quotes: blank", "\"big bug\"@example.org", {{"", "\"big bug\"@example.org"}}},
        AddressCase{"utf-8 address (RFC 6532)", "\xC3\xB6@\xC3\xA4.de", {{"", "\xC3\xB6@\xC3\xA4.de"}}},
        AddressCase{"folded list", "a@x.org,\r\n\tB <b@y.org>", {{"", "a@x.org"}, {"B", "b@y.org"}}}));

INSTANTIATE_TEST_SUITE_P(
    DisplayNames, ParseAddressList,
    ::testing::Values(
        AddressCase{"base64 word", "=?UTF-8?B?w4Fubg==?= <ann@x.org>", {{"\xC3\x81nn", "ann@x.org"}}},
        AddressCase{"q word inside quotes", " \"=?UTF-8?Q?J=C3=B6rg?=\" <j@x.org>", {{"J\xC3\xB6rg", "j@x.org"}}},
        AddressCase{"adjacent words", "=?UTF-8?Q?Ann?= =?UTF-8?Q?_Lee?= <a@x.org>", {{"Ann Lee", "a@x.org"}}},
        AddressCase{"words in separate quoted strings",
                    "\"=?UTF-8?Q?Ann?=\" \"=?UTF-8?Q?_Lee?=\" <a@x.org>", {{"Ann Lee", "a@x.org"}}},
        AddressCase{"word and text", "Dr. =?ISO-8859-1?Q?M=FCller?= <m@x.org>", {{"Dr. M\xC3\xBCller", "m@x.org"}}},
        AddressCase{"raw utf-8 name", "\xC3\x81nn <a@x.org>", {{"\xC3\x81nn", "a@x.org"}}},
        AddressCase{"raw latin-1 name read as windows-1252", "Andr\xE9 <a@x.org>", {{"Andr\xC3\xA9", "a@x.org"}}},
        AddressCase{"control characters from decoding", "=?UTF-8?Q?a=0A=00b?= <a@x.org>", {{"a b", "a@x.org"}}}));

INSTANTIATE_TEST_SUITE_P(
    GroupsAndObsoleteSyntax, ParseAddressList,
    ::testing::Values(
        AddressCase{"group flattened", "Team: a@x.org, B <b@x.org>;", {{"", "a@x.org"}, {"B", "b@x.org"}}},
        AddressCase{"empty group adds nothing", "undisclosed-recipients:;", {}},
        AddressCase{"empty group with blank", "Team: ;", {}},
        AddressCase{"groups and mailboxes mixed",
                    "A <a@x.org>, Team: b@y.org;, C <c@z.org>",
                    {{"A", "a@x.org"}, {"", "b@y.org"}, {"C", "c@z.org"}}},
        AddressCase{"quoted colon in group member", "T: \"Ann: L\" <a@x.org>;", {{"Ann: L", "a@x.org"}}},
        AddressCase{"obsolete blanks in addr-spec", "john . doe @ example . org", {{"", "john.doe@example.org"}}},
        AddressCase{"obsolete source route",
                    "Mario (Spider) Rossi <@free.it,@move.it:mrossi@dom.it>",
                    {{"Mario Rossi", "mrossi@dom.it"}}},
        AddressCase{"trailing comment is not a name", "a@x.org (Ann Comment)", {{"", "a@x.org"}}},
        AddressCase{"outlook semicolons", "Ann <a@x.org>; Bob <b@y.org>", {{"Ann", "a@x.org"}, {"Bob", "b@y.org"}}},
        AddressCase{"unclosed angle bracket", "Ann <ann@x.org", {{"Ann", "ann@x.org"}}}));

INSTANTIATE_TEST_SUITE_P(
    MalformedEntriesSkipped, ParseAddressList,
    ::testing::Values(AddressCase{"empty", "", {}}, AddressCase{"blank", "  \t ", {}},
                      AddressCase{"commas only", ",,,", {}}, AddressCase{"no at sign", "justtext", {}},
                      AddressCase{"no domain", "a@", {}}, AddressCase{"no local part", "@x.org", {}},
                      AddressCase{"empty angle-addr", "<>", {}},
                      AddressCase{"encoded word without address", "=?utf-8?b?w4Fubg==?=, a@x.org", {{"", "a@x.org"}}},
                      AddressCase{"empty entry between good ones", "a@x.org,,b@y.org", {{"", "a@x.org"}, {"", "b@y.org"}}},
                      AddressCase{"text after the address", "A <a@x.org> trailing, b@y.org", {{"", "b@y.org"}}},
                      AddressCase{"invalid utf-8 in address", "a\xFF@x.org", {}}));

}  // namespace
