#!/usr/bin/env bash
# Builds the .deb with CPack in a temporary directory, inspects it with
# dpkg-deb, and - when running as root on a machine without a real
# officemates installation - installs it with dpkg -i and purges it again,
# asserting the system manifests appear and that nothing is left afterwards.
# usage: deb_package_test.sh <build dir>
set -euo pipefail
build=$(cd "$1" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d /tmp/om-deb-test.XXXXXX)
installed_by_us=0
cleanup() {
  if [ "$installed_by_us" = 1 ]; then dpkg --purge officemates >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

for exe in officemates-host officemates-agent officemates-vision; do
  [ -x "$build/bin/$exe" ] || fail "$build/bin/$exe is not built (build the whole project first)"
done

echo "== cmake --install (staging) + cpack -G DEB"
# Package what is built: cpack's own install step would first run the
# "preinstall" target, i.e. rebuild anything stale in the whole tree.
DESTDIR="$tmp/stage" cmake --install "$build" --prefix /usr >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; fail "cmake --install failed"; }
( cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" \
    -D CPACK_INSTALL_CMAKE_PROJECTS= -D "CPACK_INSTALLED_DIRECTORIES=$tmp/stage/usr;usr" >"$tmp/cpack.log" 2>&1 ) ||
  { cat "$tmp/cpack.log"; fail "cpack failed"; }
deb=$(ls "$tmp"/out/officemates_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { cat "$tmp/cpack.log"; fail "no officemates_*.deb produced"; }
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

echo "== dpkg-deb -I"
dpkg-deb -I "$deb" >"$tmp/info"
cat "$tmp/info"
grep -q '^ Package: officemates$' "$tmp/info" || fail "Package field"
grep -q '^ Version: ' "$tmp/info" || fail "Version field"
grep -q '^ Architecture: ' "$tmp/info" || fail "Architecture field"
grep -q '^ Depends: .*libc6' "$tmp/info" || fail "Depends lacks the runtime libraries (dpkg-shlibdeps)"
for script in postinst prerm postrm; do grep -Eq "[[:space:]]$script[[:space:]]" "$tmp/info" || fail "no $script maintainer script"; done
dpkg-deb -e "$deb" "$tmp/control"
grep -q 'officemates-host install --system --browser all' "$tmp/control/postinst" || fail "postinst does not register the host"
grep -q 'officemates-host uninstall --system' "$tmp/control/prerm" || fail "prerm does not unregister the host"

echo "== dpkg-deb -c"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/files"
expect=(/usr/bin/officemates-host /usr/lib/officemates/officemates-agent /usr/lib/officemates/officemates-vision
        /usr/share/officemates/policies/linux/chrome/officemates.json)
[ -f "$build/bin/officemates-server" ] && expect+=(/usr/bin/officemates-server)
[ -f "${OFFICEMATES_SOURCE_DIR:-/nonexistent}/extension/manifest.json" ] && expect+=(/usr/share/officemates/extension/manifest.json)
for f in "$build"/data/models/*.dat; do [ -f "$f" ] && expect+=("/usr/share/officemates/models/$(basename "$f")"); done
for f in "${expect[@]}"; do grep -qx "$f" "$tmp/files" || fail "$f missing from the package"; done
if ! grep -q '^/usr/share/officemates/models/.*\.dat$' "$tmp/files"; then
  echo "NOTE: no recognition models in the package ($build/data/models has none built)"
fi
if grep -q '^/usr/share/officemates/extension/tools/' "$tmp/files"; then fail "development tools shipped in the extension"; fi

manifests=(/etc/opt/chrome/native-messaging-hosts/life.cloudoffice.officemates.json
           /etc/chromium/native-messaging-hosts/life.cloudoffice.officemates.json
           /etc/opt/edge/native-messaging-hosts/life.cloudoffice.officemates.json)

if [ "$(id -u)" != 0 ]; then echo "SKIP install/remove: not root"; exit 0; fi
if dpkg-query -W -f='${Status}' officemates 2>/dev/null | grep -q 'install ok installed'; then
  echo "SKIP install/remove: an officemates package is installed on this machine; not touching it"; exit 0
fi
for m in "${manifests[@]}"; do [ ! -e "$m" ] || fail "$m exists before the install (left over?)"; done

echo "== dpkg -i"
installed_by_us=1
dpkg -i "$deb" >"$tmp/dpkg-i.log" 2>&1 || { cat "$tmp/dpkg-i.log"; fail "dpkg -i failed"; }
for m in "${manifests[@]}"; do
  [ -f "$m" ] || fail "postinst did not write $m"
  python3 - "$m" <<'PY' || fail "$m is not the expected manifest"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["name"] == "life.cloudoffice.officemates", m
assert m["type"] == "stdio", m
assert m["path"] == "/usr/bin/officemates-host", m
assert "chrome-extension://dkkcednaiplllonaknmddgahkiahlkli/" in m["allowed_origins"], m
PY
done
[ -f /var/lib/officemates/install-record.json ] || fail "no install record"
/usr/bin/officemates-host doctor --json >"$tmp/doctor.json" 2>&1 || true
python3 - "$tmp/doctor.json" <<'PY' || fail "doctor does not see the system manifests"
import json, sys
d = json.load(open(sys.argv[1]))
bad = [c for c in d["checks"] if c["id"].startswith("manifest.") and c["status"] != "ok"]
assert not bad, bad
PY

echo "== dpkg --purge"
dpkg --purge officemates >"$tmp/dpkg-purge.log" 2>&1 || { cat "$tmp/dpkg-purge.log"; fail "dpkg --purge failed"; }
installed_by_us=0
left=()
for m in "${manifests[@]}" /var/lib/officemates /usr/share/officemates /usr/lib/officemates; do
  [ -e "$m" ] && left+=("$m")
done
while read -r f; do
  case "$f" in */) continue ;; esac
  [ -n "$f" ] && [ -f "$f" ] && [[ "$f" == *officemates* ]] && left+=("$f")
done <"$tmp/files"
[ ${#left[@]} -eq 0 ] || fail "left behind after purge: ${left[*]}"
echo "PASS: package built, inspected, installed and purged without leftovers"
