#include "presence/status.hpp"

#include "protocol/message.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <utility>

namespace om::presence {

namespace {
constexpr std::array<std::pair<State, std::string_view>, 5> kStateNames{{
    {State::present, "present"},
    {State::away, "away"},
    {State::away_manual, "away_manual"},
    {State::offline, "offline"},
    {State::camera_unavailable, "camera_unavailable"},
}};

std::string iso8601_utc(std::int64_t ms) {
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}
}  // namespace

std::string_view to_string(State s) {
  for (const auto& [state, name] : kStateNames)
    if (state == s) return name;
  return "offline";
}

std::string_view to_string(Origin o) { return o == Origin::manual ? "manual" : "auto"; }

std::optional<State> state_from_string(std::string_view s) {
  for (const auto& [state, name] : kStateNames)
    if (name == s) return state;
  return std::nullopt;
}

nlohmann::json to_json(const Status& s) {
  return {{"state", to_string(s.state)}, {"origin", to_string(s.origin)}, {"reason", s.reason},
          {"seq", s.seq},                {"since", iso8601_utc(s.since_ms)}, {"since_ms", s.since_ms},
          {"onlooker", s.onlooker}};
}

Status status_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("status must be an object");
  Status s;
  const auto state = state_from_string(j.at("state").get<std::string>());
  if (!state) throw std::invalid_argument("unknown state");
  s.state = *state;
  s.origin = j.value("origin", std::string("auto")) == "manual" ? Origin::manual : Origin::automatic;
  s.reason = j.value("reason", std::string());
  s.seq = j.at("seq").get<std::int64_t>();
  s.since_ms = j.value("since_ms", std::int64_t{0});
  s.onlooker = j.value("onlooker", false);
  if (s.seq < 0) throw std::invalid_argument("negative seq");
  if ((s.state == State::away_manual) != !s.reason.empty())
    throw std::invalid_argument("a reason belongs to away_manual and only there");
  return s;
}

std::size_t count_code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

ReasonCheck normalize_reason(std::string_view raw) {
  if (!protocol::is_valid_utf8(raw)) return {std::nullopt, "away reason is not valid UTF-8"};
  // Trim ASCII whitespace and the ideographic space U+3000 that Japanese IMEs insert.
  static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  auto leading_space = [](std::string_view s) -> std::size_t {
    if (s.empty()) return 0;
    if (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r') return 1;
    return s.starts_with(kIdeographicSpace) ? kIdeographicSpace.size() : 0;
  };
  auto trailing_space = [](std::string_view s) -> std::size_t {
    if (s.empty()) return 0;
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r') return 1;
    return s.ends_with(kIdeographicSpace) ? kIdeographicSpace.size() : 0;
  };
  while (auto n = leading_space(raw)) raw.remove_prefix(n);
  while (auto n = trailing_space(raw)) raw.remove_suffix(n);

  if (raw.empty()) return {std::nullopt, "away reason must not be empty"};
  for (unsigned char c : raw)
    if (c < 0x20 || c == 0x7F) return {std::nullopt, "away reason must not contain control characters"};
  const auto n = count_code_points(raw);
  if (n > kMaxReasonCodePoints)
    return {std::nullopt, "away reason is " + std::to_string(n) + " characters; at most 10 are allowed (10文字以内)"};
  return {std::string(raw), {}};
}

}  // namespace om::presence
