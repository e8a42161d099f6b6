#pragma once
// Called by officemates-host at every start: an update that moved the binary
// must not leave the browser with "Specified native messaging host not found".
namespace om::install {

// Reads the install records (user, then system) and the few manifests they
// list; rewrites the ones we wrote whose path is no longer an executable so
// they point at the running executable. Never throws (a read-only system
// location is skipped); returns the number of manifests rewritten.
int repair_stale_manifests() noexcept;

}  // namespace om::install
