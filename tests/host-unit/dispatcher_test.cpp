// Dispatcher: every failure becomes an error reply carrying v and the id.
#include "agent/dispatcher.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace om::agent {
namespace {
using nlohmann::json;

json run(const Dispatcher& d, const std::string& body) {
  json out;
  d.dispatch(body, [&](json reply) { out = std::move(reply); });
  return out;
}

TEST(Dispatcher, RepliesWithVAndId) {
  Dispatcher d;
  d.add("ping", [](const protocol::Request&) { return json{{"pong", true}}; });
  auto r = run(d, R"({"v":1,"id":4,"type":"ping"})");
  EXPECT_EQ(r["v"], 1);
  EXPECT_EQ(r["id"], 4);
  EXPECT_TRUE(r["ok"].get<bool>());
  EXPECT_TRUE(r["pong"].get<bool>());
}

TEST(Dispatcher, UnknownVerb) {
  Dispatcher d;
  auto r = run(d, R"({"v":1,"id":5,"type":"nope"})");
  EXPECT_EQ(r["id"], 5);
  EXPECT_EQ(r["error"]["code"], "UNKNOWN_TYPE");
}

TEST(Dispatcher, ProtocolErrorKeepsItsCode) {
  Dispatcher d;
  d.add("x", [](const protocol::Request&) -> json { throw protocol::ProtocolError("BUSY", "busy now"); });
  auto r = run(d, R"({"v":1,"id":6,"type":"x"})");
  EXPECT_EQ(r["error"]["code"], "BUSY");
  EXPECT_EQ(r["error"]["message"], "busy now");
  EXPECT_EQ(r["id"], 6);
}

TEST(Dispatcher, StdExceptionBecomesInternal) {
  Dispatcher d;
  d.add("x", [](const protocol::Request&) -> json { throw std::runtime_error("boom"); });
  json r;
  EXPECT_NO_THROW(r = run(d, R"({"v":1,"id":7,"type":"x"})"));
  EXPECT_EQ(r["error"]["code"], "INTERNAL");
  EXPECT_EQ(r["id"], 7);
}

TEST(Dispatcher, JsonTypeErrorInAHandlerIsBadParams) {
  Dispatcher d;
  d.add("x", [](const protocol::Request& req) { return json{{"n", req.body.at("n").get<int>()}}; });
  auto r = run(d, R"({"v":1,"id":8,"type":"x","n":"text"})");
  EXPECT_EQ(r["error"]["code"], "BAD_PARAMS");
}

TEST(Dispatcher, UnavailableVerbIsHonest) {
  Dispatcher d;
  d.add_unavailable("camera.list", "not in this build");
  auto r = run(d, R"({"v":1,"id":9,"type":"camera.list"})");
  EXPECT_EQ(r["error"]["code"], "UNAVAILABLE");
  EXPECT_EQ(d.unavailable_verbs(), std::vector<std::string>{"camera.list"});
  EXPECT_TRUE(d.served_verbs().empty());
}

TEST(Dispatcher, MalformedBodiesNeverThrow) {
  Dispatcher d;
  for (const char* body : {"", "{", "null", "[]", "{\"id\":1}", "\xff\xfe", "{\"id\":1.5,\"type\":\"x\"}"}) {
    json r;
    EXPECT_NO_THROW(r = run(d, body)) << body;
    EXPECT_FALSE(r["ok"].get<bool>()) << body;
    EXPECT_EQ(r["v"], 1);
  }
}

TEST(Dispatcher, AsyncVerbRepliesLater) {
  Dispatcher d;
  Responder saved;
  d.add_async("slow", [&](const protocol::Request&, Responder r) { saved = std::move(r); });
  json out;
  d.dispatch(R"({"v":1,"id":10,"type":"slow"})", [&](json reply) { out = std::move(reply); });
  EXPECT_TRUE(out.is_null());
  saved.ok({{"done", true}});
  EXPECT_EQ(out["id"], 10);
  EXPECT_TRUE(out["done"].get<bool>());
}

}  // namespace
}  // namespace om::agent
