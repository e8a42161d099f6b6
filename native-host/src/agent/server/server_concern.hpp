#pragma once
// Server account and sync verbs (login, reasons.get, profile.image.set) and
// the status outbox that posts every change to the cloud office server.
#include "agent/context.hpp"

namespace om::agent {
std::unique_ptr<Concern> make_server_concern(AgentContext& ctx);
}
