#pragma once
// One line of the doctor's checklist.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace om::install {

enum class CheckStatus { ok, warn, fail, skip };

struct CheckResult {
  std::string id;      // stable, for --json consumers: "manifest.chrome", "models", "camera", ...
  std::string title;   // what was checked, for people
  CheckStatus status = CheckStatus::ok;
  std::string detail;  // what was found
  std::string fix;     // what to do about it (empty when ok)
};

std::string_view name(CheckStatus s);
nlohmann::json to_json(const CheckResult& r);

}  // namespace om::install
