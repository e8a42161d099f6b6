#include "install/doctor_check.hpp"

namespace om::install {

std::string_view name(CheckStatus s) {
  switch (s) {
    case CheckStatus::ok: return "ok";
    case CheckStatus::warn: return "warn";
    case CheckStatus::fail: return "fail";
    case CheckStatus::skip: return "skip";
  }
  return "?";
}

nlohmann::json to_json(const CheckResult& r) {
  nlohmann::json j{{"id", r.id}, {"title", r.title}, {"status", name(r.status)}, {"detail", r.detail}};
  if (!r.fix.empty()) j["fix"] = r.fix;
  return j;
}

}  // namespace om::install
