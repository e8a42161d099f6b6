#pragma once
// Server account and sync: the verbs login, logout, server.status,
// reasons.get, profile.image.set, console.ticket (agent/server/*_verbs.cpp)
// and the status outbox that posts every change to the cloud office server
// (sync/status_sync). See the "Server account and sync" part of PROTOCOL.md.
#include "agent/context.hpp"

namespace om::agent {
std::unique_ptr<Concern> make_server_concern(AgentContext& ctx);
}
