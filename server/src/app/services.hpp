#pragma once
// The application's shared services, handed to every route handler.
#include "config/options.hpp"
#include "db/database.hpp"
#include "presence/presence_service.hpp"
#include "sse/hub.hpp"

namespace om::app {

struct Services {
  config::Options options;
  db::Database& db;
  sse::Hub& hub;
  presence::PresenceService& presence;
};

}  // namespace om::app
