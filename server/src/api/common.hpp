#pragma once
// Helpers shared by the route files: JSON body parsing with the documented
// errors, field getters, and the user JSON shapes.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "http/context.hpp"

namespace om::api {

using nlohmann::json;

// 415 unless Content-Type is application/json; 400 on bad JSON or a non-object.
json parse_object(const http::RequestContext& ctx);
// Required string member (400 when missing / not a string). Not trimmed.
std::string get_string(const json& j, const char* key);
std::string get_optional_string(const json& j, const char* key);
std::int64_t get_int(const json& j, const char* key);

// Trims, checks UTF-8 and length in code points (422 VALIDATION naming the field).
std::string checked_text(const std::string& raw, const char* field, std::size_t min_cp, std::size_t max_cp);

// {"id","email","role","group_id","group_name",names...,"has_image","presence"} or null when missing.
json user_profile(db::Connection& c, std::int64_t user_id);
// Admin view: profile fields plus version, without presence.
json admin_user(db::Connection& c, std::int64_t user_id);

std::vector<std::string> group_reasons(db::Connection& c, std::int64_t group_id);
bool group_exists(db::Connection& c, std::int64_t group_id);

http::Response ok_json(const http::RequestContext& ctx, const json& body, unsigned status = 200);

}  // namespace om::api
