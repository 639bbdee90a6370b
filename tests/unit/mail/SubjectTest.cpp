// The Subject header as parse_headers() delivers it (ABI 2.1): decoded,
// one line, valid UTF-8, bounded.
#include <gtest/gtest.h>

#include <string>

#include "kith/mail/HeaderParser.h"

namespace {

std::string subject_of(const std::string& raw_headers) {
  auto parsed = kith::mail::parse_headers(raw_headers);
  EXPECT_TRUE(parsed.has_value()) << parsed.status().message();
  return parsed.has_value() ? parsed->subject : std::string("<error>");
}

TEST(Subject, PlainAsciiIsKeptAndTrimmed) {
  EXPECT_EQ(subject_of("From: a@example.org\r\nSubject:   Lunch on Friday?  \r\n"), "Lunch on Friday?");
}

TEST(Subject, AbsentIsEmpty) { EXPECT_EQ(subject_of("From: a@example.org\r\n"), ""); }

TEST(Subject, FoldedLinesBecomeOne) {
  EXPECT_EQ(subject_of("Subject: a long subject\r\n\tthat was folded\r\n  twice\r\nFrom: a@example.org\r\n"),
            "a long subject that was folded twice");
}

TEST(Subject, EncodedWordsAreDecodedAndTheBlankBetweenThemDropped) {
  EXPECT_EQ(subject_of("Subject: =?UTF-8?B?R3LDvMOfZQ==?= =?ISO-8859-1?Q?_aus_K=F6ln?=\r\n"), "Grüße aus Köln");
  EXPECT_EQ(subject_of("Subject: Re: =?utf-8?q?caf=C3=A9?= tomorrow\r\n"), "Re: café tomorrow");
}

TEST(Subject, RawEightBitTextBecomesUtf8) {
  // Latin-1 bytes without an encoded word, as old clients sent them.
  EXPECT_EQ(subject_of("Subject: Caf\xE9 \xE0 9h\r\n"), "Café à 9h");
}

TEST(Subject, ControlCharactersFromTheDecodingBecomeBlanks) {
  EXPECT_EQ(subject_of("Subject: =?UTF-8?Q?one=0Atwo=09three?=\r\n"), "one two three");
}

TEST(Subject, RepeatedSubjectKeepsTheFirst) {
  EXPECT_EQ(subject_of("Subject: first\r\nSubject: second\r\n"), "first");
}

TEST(Subject, AHugeSubjectIsCutOnACharacterBoundary) {
  std::string huge;
  for (int i = 0; i < 5000; ++i) huge += "\xC3\xA9";  // é, two bytes each
  const std::string subject = subject_of("Subject: x" + huge + "\r\n");
  EXPECT_LE(subject.size(), kith::kMaxSubjectBytes);
  EXPECT_GE(subject.size(), kith::kMaxSubjectBytes - 1);
  EXPECT_EQ(subject.substr(0, 3), "x\xC3\xA9");
  EXPECT_EQ(subject.back(), '\xA9') << "cut inside a character";
}

}  // namespace
