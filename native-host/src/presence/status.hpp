#pragma once
// The presence status the agent owns and reports (DESIGN.md section 3).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace om::presence {

enum class State { present, away, away_manual, offline, camera_unavailable };
enum class Origin { automatic, manual };

std::string_view to_string(State s);
std::string_view to_string(Origin o);
std::optional<State> state_from_string(std::string_view s);

struct Status {
  State state = State::offline;
  Origin origin = Origin::automatic;
  std::string reason;          // non-empty only in away_manual
  std::int64_t seq = 0;        // +1 on every change, never reused (persisted)
  std::int64_t since_ms = 0;   // wall clock, ms since the Unix epoch
  bool onlooker = false;       // someone else was in view with the user
  bool operator==(const Status&) const = default;
};

// {"state","origin","reason","seq","since","onlooker"}; since is ISO-8601 UTC
// with milliseconds plus since_ms for machines.
nlohmann::json to_json(const Status& s);
// Throws std::invalid_argument on a malformed object.
Status status_from_json(const nlohmann::json& j);

// Away reasons: trimmed, 1..10 Unicode code points (REFERENCE: 10文字以内).
inline constexpr std::size_t kMaxReasonCodePoints = 10;
// Returns the trimmed reason, or an error message for the user.
struct ReasonCheck {
  std::optional<std::string> reason;
  std::string error;
};
ReasonCheck normalize_reason(std::string_view raw);
std::size_t count_code_points(std::string_view utf8);

}  // namespace om::presence
