#pragma once
// `officemates-host doctor [--json]`: runs every check, prints the checklist
// (or JSON), returns 0 only when nothing failed.
#include "install/doctor_check.hpp"

#include <vector>

namespace om::install {

std::vector<CheckResult> run_all_checks();
int doctor(bool json);

}  // namespace om::install
