#pragma once
// The same fan-out through a mosquitto broker: subscribers on topic
// om/g<group>, one publisher sending R messages/s (QoS 0, like SSE: no acks).
#include "stats.hpp"
#include "workload.hpp"

namespace ombench {

RunResult run_mqtt(const Workload& w, unsigned short broker_port);

}  // namespace ombench
