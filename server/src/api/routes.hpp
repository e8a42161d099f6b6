#pragma once
#include "http/router.hpp"

namespace om::api {

void add_auth_routes(http::Router& r);
void add_me_routes(http::Router& r);
void add_group_routes(http::Router& r);
void add_presence_routes(http::Router& r);
void add_admin_routes(http::Router& r);

inline void add_all_routes(http::Router& r) {
  add_auth_routes(r);
  add_me_routes(r);
  add_group_routes(r);
  add_presence_routes(r);
  add_admin_routes(r);
}

}  // namespace om::api
