// Call Manager: 内線検索 (user search), 詳細 edit, profile images and
// 離席事由設定 (away reasons per group). Administrators only.
#include <set>

#include "api/common.hpp"
#include "api/image_upload.hpp"
#include "api/routes.hpp"
#include "app/services.hpp"
#include "auth/password.hpp"
#include "auth/principal.hpp"
#include "http/api_error.hpp"
#include "text/utf8.hpp"

namespace om::api {
namespace {

constexpr std::size_t kMaxReasons = 50;

int page_param(const http::RequestContext& ctx, const char* key, int def, int lo, int hi) {
  const auto v = ctx.query_value(key);
  if (v.empty()) return def;
  if (v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos)
    throw http::bad_request(std::string(key) + ": expected a positive integer");
  const int n = std::stoi(v);
  if (n < lo || n > hi) throw http::bad_request(std::string(key) + ": out of range");
  return n;
}

// Search filter as a LIKE pattern: substring match with % _ \ escaped.
std::string contains(const http::RequestContext& ctx, const char* key) {
  const auto v = text::trim(ctx.query_value(key));
  if (!text::code_points(v)) throw http::bad_request(std::string(key) + ": not valid UTF-8");
  return "%" + text::like_escape(v) + "%";
}

http::Response search_users(http::RequestContext& ctx) {
  auth::require_admin(ctx);
  const auto group = contains(ctx, "group_name");
  const auto email = contains(ctx, "email");
  const auto family = contains(ctx, "family_name");
  const auto kana = contains(ctx, "family_name_kana");
  const int page = page_param(ctx, "page", 1, 1, 100000);
  const int per_page = page_param(ctx, "per_page", 20, 1, 100);
  constexpr const char* kWhere =
      " FROM users u JOIN extension_groups g ON g.id=u.group_id "
      "WHERE g.name LIKE ?1 ESCAPE '\\' AND u.email LIKE ?2 ESCAPE '\\' "
      "AND u.family_name LIKE ?3 ESCAPE '\\' AND u.family_name_kana LIKE ?4 ESCAPE '\\'";
  json out{{"items", json::array()}, {"page", page}, {"per_page", per_page}};
  ctx.services.db.with([&](db::Connection& c) {
    std::vector<std::int64_t> ids;
    {
      auto s = c.prepare(std::string("SELECT COUNT(*)") + kWhere);
      s.bind(1, group).bind(2, email).bind(3, family).bind(4, kana);
      s.step();
      out["total"] = s.int64(0);
    }
    {
      auto s = c.prepare(std::string("SELECT u.id") + kWhere +
                         " ORDER BY g.name, length(u.extension_number), u.extension_number, u.id LIMIT ?5 OFFSET ?6");
      s.bind(1, group).bind(2, email).bind(3, family).bind(4, kana).bind(5, per_page).bind(
          6, std::int64_t{page - 1} * per_page);
      while (s.step()) ids.push_back(s.int64(0));
    }
    for (auto id : ids) out["items"].push_back(admin_user(c, id));
  });
  return ok_json(ctx, out);
}

http::Response get_user(http::RequestContext& ctx) {
  auth::require_admin(ctx);
  const auto id = ctx.param_id(0);
  auto u = ctx.services.db.with([&](db::Connection& c) { return admin_user(c, id); });
  if (u.is_null()) throw http::not_found("no such user");
  return ok_json(ctx, u);
}

std::string checked_digits(const std::string& raw, const char* field, std::size_t min, std::size_t max,
                           const char* allowed) {
  auto v = checked_text(raw, field, min, max);
  if (v.find_first_not_of(allowed) != std::string::npos)
    throw http::invalid(std::string(field) + ": only " + allowed + " allowed");
  return v;
}

http::Response update_user(http::RequestContext& ctx) {
  auth::require_admin(ctx);
  const auto id = ctx.param_id(0);
  const auto body = parse_object(ctx);
  const auto version = get_int(body, "version");
  // パスワード【必須】: 8–128 code points, not trimmed (spaces may be part of it).
  const auto password = get_string(body, "password");
  const auto pw_len = text::code_points(password);
  if (!pw_len || *pw_len < 8 || *pw_len > 128) throw http::invalid("password: 8 to 128 characters required");
  const auto family = checked_text(get_string(body, "family_name"), "family_name", 1, 40);
  const auto family_kana = checked_text(get_optional_string(body, "family_name_kana"), "family_name_kana", 0, 40);
  const auto given = checked_text(get_string(body, "given_name"), "given_name", 1, 40);
  const auto given_kana = checked_text(get_optional_string(body, "given_name_kana"), "given_name_kana", 0, 40);
  const auto dial_in = checked_digits(get_optional_string(body, "dial_in_number"), "dial_in_number", 0, 20, "0123456789+-() ");
  const auto extension = checked_digits(get_string(body, "extension_number"), "extension_number", 2, 10, "0123456789");
  const auto hash = auth::hash_password(password);  // outside the DB lock (≈ 50–100 ms)

  auto updated = ctx.services.db.transaction([&](db::Connection& c) {
    std::int64_t group = 0;
    {
      auto s = c.prepare("SELECT group_id FROM users WHERE id=?");
      s.bind(1, id);
      if (!s.step()) throw http::not_found("no such user");
      group = s.int64(0);
    }
    {
      auto s = c.prepare("SELECT 1 FROM users WHERE group_id=? AND extension_number=? AND id<>?");
      s.bind(1, group).bind(2, extension).bind(3, id);
      if (s.step()) throw http::conflict("extension_number: already used in this group", "EXTENSION_TAKEN");
    }
    // Optimistic concurrency: only the edit based on the current version wins.
    c.prepare(
         "UPDATE users SET password_hash=?, family_name=?, family_name_kana=?, given_name=?, given_name_kana=?, "
         "dial_in_number=?, extension_number=?, version=version+1 WHERE id=? AND version=?")
        .bind(1, hash).bind(2, family).bind(3, family_kana).bind(4, given).bind(5, given_kana)
        .bind(6, dial_in).bind(7, extension).bind(8, id).bind(9, version)
        .run();
    if (c.changes() == 0)
      throw http::conflict("the user was changed by someone else; reload and edit again");
    return admin_user(c, id);
  });
  return ok_json(ctx, updated);
}

http::Response put_user_image(http::RequestContext& ctx) {
  auth::require_admin(ctx);
  const auto id = ctx.param_id(0);
  const bool exists = ctx.services.db.with([&](db::Connection& c) {
    auto s = c.prepare("SELECT 1 FROM users WHERE id=?");
    s.bind(1, id);
    return s.step();
  });
  if (!exists) throw http::not_found("no such user");
  store_profile_image(ctx, id);
  return http::empty_response(ctx.req, 204);
}

http::Response list_groups(http::RequestContext& ctx) {
  auth::require_admin(ctx);
  json items = json::array();
  ctx.services.db.with([&](db::Connection& c) {
    auto s = c.prepare(
        "SELECT g.id, g.name, (SELECT COUNT(*) FROM users u WHERE u.group_id=g.id) FROM extension_groups g ORDER BY g.id");
    while (s.step()) items.push_back(json{{"id", s.int64(0)}, {"name", s.text(1)}, {"member_count", s.int64(2)}});
  });
  return ok_json(ctx, json{{"items", items}});
}

std::int64_t existing_group(http::RequestContext& ctx) {
  const auto id = ctx.param_id(0);
  if (!ctx.services.db.with([&](db::Connection& c) { return group_exists(c, id); })) throw http::not_found("no such group");
  return id;
}

http::Response get_reasons(http::RequestContext& ctx) {
  auth::require_admin(ctx);
  const auto group = existing_group(ctx);
  const auto list = ctx.services.db.with([&](db::Connection& c) { return group_reasons(c, group); });
  return ok_json(ctx, json{{"group_id", group}, {"reasons", list}});
}

// 離席事由: trimmed, 1–10 code points, no duplicates, at most 50, order kept.
std::vector<std::string> validate_reasons(const json& body) {
  const auto it = body.find("reasons");
  if (it == body.end() || !it->is_array()) throw http::bad_request("'reasons' must be an array of strings");
  if (it->size() > kMaxReasons) throw http::invalid("reasons: at most 50");
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& v = (*it)[i];
    if (!v.is_string()) throw http::bad_request("'reasons' must be an array of strings");
    const auto field = "reasons[" + std::to_string(i) + "]";
    auto r = checked_text(v.get<std::string>(), field.c_str(), 1, 10);
    if (!seen.insert(r).second) throw http::invalid(field + ": duplicate reason '" + r + "'");
    out.push_back(std::move(r));
  }
  return out;
}

http::Response put_reasons(http::RequestContext& ctx) {
  auth::require_admin(ctx);
  const auto group = existing_group(ctx);
  const auto list = validate_reasons(parse_object(ctx));
  ctx.services.db.transaction([&](db::Connection& c) {
    c.prepare("DELETE FROM away_reasons WHERE group_id=?").bind(1, group).run();
    for (std::size_t i = 0; i < list.size(); ++i)
      c.prepare("INSERT INTO away_reasons(group_id, position, text) VALUES(?,?,?)")
          .bind(1, group).bind(2, static_cast<std::int64_t>(i)).bind(3, list[i]).run();
  });
  json out{{"group_id", group}, {"reasons", list}};
  ctx.services.hub.publish(group, "reasons", out.dump());
  return ok_json(ctx, out);
}

}  // namespace

void add_admin_routes(http::Router& r) {
  using V = http::Verb;
  r.add(V::get, "/api/v1/admin/users", search_users);
  r.add(V::get, "/api/v1/admin/users/{id}", get_user);
  r.add(V::put, "/api/v1/admin/users/{id}", update_user);
  r.add(V::put, "/api/v1/admin/users/{id}/image", put_user_image, kAdminImageLimit);
  r.add(V::get, "/api/v1/admin/groups", list_groups);
  r.add(V::get, "/api/v1/admin/groups/{id}/reasons", get_reasons);
  r.add(V::put, "/api/v1/admin/groups/{id}/reasons", put_reasons);
}

}  // namespace om::api
