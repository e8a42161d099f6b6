#include "api/common.hpp"

#include "http/api_error.hpp"
#include "presence/presence_service.hpp"
#include "text/utf8.hpp"

namespace om::api {

json parse_object(const http::RequestContext& ctx) {
  const auto it = ctx.req.find(http::beast::http::field::content_type);
  const std::string_view ct = it == ctx.req.end() ? std::string_view() : std::string_view(it->value());
  if (ct.substr(0, 16) != "application/json") throw http::unsupported("expected Content-Type: application/json");
  json j = json::parse(ctx.req.body(), nullptr, false);
  if (j.is_discarded()) throw http::bad_request("body is not valid JSON");
  if (!j.is_object()) throw http::bad_request("body must be a JSON object");
  return j;
}

std::string get_string(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) throw http::bad_request(std::string("'") + key + "' must be a string");
  return it->get<std::string>();
}

std::string get_optional_string(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) throw http::bad_request(std::string("'") + key + "' must be a string");
  return it->get<std::string>();
}

std::int64_t get_int(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer())
    throw http::bad_request(std::string("'") + key + "' must be an integer");
  return it->get<std::int64_t>();
}

std::string checked_text(const std::string& raw, const char* field, std::size_t min_cp, std::size_t max_cp) {
  auto t = text::trim(raw);
  const auto n = text::code_points(t);
  if (!n) throw http::invalid(std::string(field) + ": not valid UTF-8");
  if (*n < min_cp) throw http::invalid(std::string(field) + (min_cp == 1 ? ": required" : ": too short"));
  if (*n > max_cp)
    throw http::invalid(std::string(field) + ": at most " + std::to_string(max_cp) + " characters");
  for (unsigned char ch : t)
    if (ch < 0x20 || ch == 0x7F) throw http::invalid(std::string(field) + ": control characters are not allowed");
  return t;
}

namespace {
constexpr const char* kUserColumns =
    "SELECT u.id, u.email, u.role, u.group_id, g.name, u.family_name, u.family_name_kana, u.given_name, "
    "u.given_name_kana, u.dial_in_number, u.extension_number, "
    "EXISTS(SELECT 1 FROM user_images i WHERE i.user_id=u.id), u.version "
    "FROM users u JOIN extension_groups g ON g.id=u.group_id WHERE u.id=?";

json user_fields(db::Statement& s) {
  return json{{"id", s.int64(0)},
              {"email", s.text(1)},
              {"role", s.text(2)},
              {"group_id", s.int64(3)},
              {"group_name", s.text(4)},
              {"family_name", s.text(5)},
              {"family_name_kana", s.text(6)},
              {"given_name", s.text(7)},
              {"given_name_kana", s.text(8)},
              {"dial_in_number", s.text(9)},
              {"extension_number", s.text(10)},
              {"has_image", s.int64(11) != 0}};
}
}  // namespace

json user_profile(db::Connection& c, std::int64_t user_id) {
  json j;
  {
    auto s = c.prepare(kUserColumns);
    s.bind(1, user_id);
    if (!s.step()) return nullptr;
    j = user_fields(s);
  }
  auto s = c.prepare("SELECT state, reason, since_ms, seq FROM presence WHERE user_id=?");
  s.bind(1, user_id);
  presence::Presence p;
  if (s.step()) p = presence::Presence{s.text(0), s.text(1), s.int64(2), s.int64(3)};
  j["presence"] = presence::to_json(p);
  return j;
}

json admin_user(db::Connection& c, std::int64_t user_id) {
  auto s = c.prepare(kUserColumns);
  s.bind(1, user_id);
  if (!s.step()) return nullptr;
  auto j = user_fields(s);
  j["version"] = s.int64(12);
  return j;
}

std::vector<std::string> group_reasons(db::Connection& c, std::int64_t group_id) {
  auto s = c.prepare("SELECT text FROM away_reasons WHERE group_id=? ORDER BY position");
  s.bind(1, group_id);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

bool group_exists(db::Connection& c, std::int64_t group_id) {
  auto s = c.prepare("SELECT 1 FROM extension_groups WHERE id=?");
  s.bind(1, group_id);
  return s.step();
}

http::Response ok_json(const http::RequestContext& ctx, const json& body, unsigned status) {
  return http::json_response(ctx.req, status, body.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace om::api
