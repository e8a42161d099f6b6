#pragma once
// The workload against officemates-server: subscribers are SSE streams
// (admin session, any group), updates are REST POST /api/v1/presence by the
// seeded load users' device tokens.
#include "stats.hpp"
#include "workload.hpp"

namespace ombench {

RunResult run_sse(const Workload& w, unsigned short port);

}  // namespace ombench
