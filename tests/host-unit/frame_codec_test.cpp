// FrameDecoder and parse_request on the edge cases a browser or a hostile
// peer can produce. Each case must give a defined event, never a crash.
#include "protocol/frame.hpp"
#include "protocol/message.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace om::protocol {
namespace {

std::string prefix(std::uint32_t n) {
  std::string out(4, '\0');
  std::memcpy(out.data(), &n, 4);
  return out;
}

std::vector<FrameEvent> feed_all(FrameDecoder& d, std::string_view data) {
  std::vector<FrameEvent> out;
  while (!data.empty()) {
    data.remove_prefix(d.feed(data));
    while (auto ev = d.next()) out.push_back(std::move(*ev));
    if (d.desynchronised()) break;
  }
  return out;
}

TEST(FrameDecoder, DecodesOneFrame) {
  FrameDecoder d;
  auto evs = feed_all(d, encode_frame(R"({"id":1})"));
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0].body, R"({"id":1})");
  EXPECT_FALSE(d.mid_frame());
}

TEST(FrameDecoder, BytesArrivingOneAtATime) {
  FrameDecoder d;
  const auto wire = encode_frame("hello") + encode_frame("world!");
  std::vector<std::string> bodies;
  for (char c : wire)
    for (auto& ev : feed_all(d, std::string_view(&c, 1))) bodies.push_back(*ev.body);
  EXPECT_EQ(bodies, (std::vector<std::string>{"hello", "world!"}));
}

TEST(FrameDecoder, TruncatedLengthIsMidFrame) {
  FrameDecoder d;
  EXPECT_TRUE(feed_all(d, prefix(10).substr(0, 3)).empty());
  EXPECT_TRUE(d.mid_frame());
}

TEST(FrameDecoder, TruncatedBodyIsMidFrame) {
  FrameDecoder d;
  EXPECT_TRUE(feed_all(d, prefix(10) + "abc").empty());
  EXPECT_TRUE(d.mid_frame());
}

TEST(FrameDecoder, ZeroLengthIsAnErrorAndTheStreamGoesOn) {
  FrameDecoder d;
  auto evs = feed_all(d, prefix(0) + encode_frame("x"));
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[0].error, FrameError::ZeroLength);
  EXPECT_EQ(evs[1].body, "x");
}

TEST(FrameDecoder, OversizeIsSkippedThenTheNextFrameDecodes) {
  FrameDecoder d;
  const std::uint32_t big = 2 * 1024 * 1024;
  auto evs = feed_all(d, prefix(big) + std::string(big, 'z') + encode_frame("next"));
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[0].error, FrameError::TooLarge);
  EXPECT_EQ(evs[0].declared_length, big);
  EXPECT_EQ(evs[1].body, "next");
}

TEST(FrameDecoder, ExactlyOneMebibyteIsAccepted) {
  FrameDecoder d;
  auto evs = feed_all(d, encode_frame(std::string(kMaxFrameBytes, 'a')));
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_TRUE(evs[0].body.has_value());
}

TEST(FrameDecoder, AbsurdLengthIsDesync) {
  FrameDecoder d;
  auto evs = feed_all(d, std::string("\xff\xff\xff\x7f", 4) + "{}");
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0].error, FrameError::Desync);
  EXPECT_TRUE(d.desynchronised());
  EXPECT_EQ(d.feed("more"), 0u) << "a desynchronised decoder consumes nothing";
}

TEST(EncodeFrame, RefusesOversize) {
  EXPECT_THROW(encode_frame(std::string(kMaxFrameBytes + 1, 'a')), std::length_error);
}

std::string error_code(const ParsedRequest& p) {
  return std::get<nlohmann::json>(p).at("error").at("code").get<std::string>();
}

TEST(ParseRequest, AcceptsAWellFormedRequest) {
  auto p = parse_request(R"({"v":1,"id":7,"type":"status.get"})");
  ASSERT_TRUE(std::holds_alternative<Request>(p));
  EXPECT_EQ(std::get<Request>(p).id, 7);
  EXPECT_EQ(std::get<Request>(p).type, "status.get");
}

TEST(ParseRequest, InvalidUtf8) {
  auto p = parse_request("{\"v\":1,\"id\":1,\"type\":\"a\xff\"}");
  EXPECT_EQ(error_code(p), "BAD_JSON");
  EXPECT_TRUE(std::get<nlohmann::json>(p)["id"].is_null());
}

TEST(ParseRequest, InvalidJson) { EXPECT_EQ(error_code(parse_request("{\"id\":1,")), "BAD_JSON"); }

TEST(ParseRequest, NonObject) {
  EXPECT_EQ(error_code(parse_request("[1,2,3]")), "BAD_JSON");
  EXPECT_EQ(error_code(parse_request("42")), "BAD_JSON");
}

TEST(ParseRequest, MissingOrNonIntegerId) {
  EXPECT_EQ(error_code(parse_request(R"({"type":"hello"})")), "BAD_PARAMS");
  EXPECT_EQ(error_code(parse_request(R"({"id":"1","type":"hello"})")), "BAD_PARAMS");
}

TEST(ParseRequest, MissingTypeKeepsTheId) {
  auto p = parse_request(R"({"v":1,"id":9})");
  EXPECT_EQ(error_code(p), "BAD_PARAMS");
  EXPECT_EQ(std::get<nlohmann::json>(p)["id"], 9);
}

TEST(ParseRequest, WrongVersion) {
  auto p = parse_request(R"({"v":2,"id":3,"type":"hello"})");
  EXPECT_EQ(error_code(p), "BAD_PARAMS");
  EXPECT_EQ(std::get<nlohmann::json>(p)["id"], 3);
}

}  // namespace
}  // namespace om::protocol
