#!/usr/bin/env bash
# The system packages the test suite needs, installed when missing; otherwise a clear failure.
#   poppler-utils  pdftoppm, pdftotext, pdffonts (the packet tests read the PDFs back)
#   qpdf           the PDF structure checks
#   sqlite3        the system SQLite shell (the encryption tests show it cannot read an encrypted file)
#   Qt's offscreen platform libraries (the GUI tests run headless)
#   postgresql     the server binaries (initdb, pg_ctl): the suite starts its own throwaway server
# As root with apt-get, installs what is missing (waiting for an apt/dpkg lock another process
# holds, then giving up); anywhere else, names what to install. Exits non-zero whenever something
# the suite needs is still missing, so a run never goes green with those tests skipped.
set -u

APT_LOCK_TIMEOUT="${APT_LOCK_TIMEOUT:-120}"   # seconds apt waits for a lock held by another process
APT_ATTEMPTS="${APT_ATTEMPTS:-3}"             # then the whole step is tried again this many times
APT_RETRY_DELAY="${APT_RETRY_DELAY:-20}"
POSTGRES_LIB_DIR="${POSTGRES_LIB_DIR:-/usr/lib/postgresql}"   # where Debian puts each version's binaries

have_postgres_server() {
  local bindir
  if command -v pg_config >/dev/null 2>&1; then
    bindir="$(pg_config --bindir 2>/dev/null)"
    [ -n "$bindir" ] && [ -x "$bindir/initdb" ] && return 0
  fi
  for initdb in "$POSTGRES_LIB_DIR"/*/bin/initdb; do
    [ -x "$initdb" ] && return 0
  done
  command -v initdb >/dev/null 2>&1
}

missing_packages() {
  local need=()
  for tool in pdftoppm pdftotext pdffonts; do
    command -v "$tool" >/dev/null 2>&1 || { need+=(poppler-utils); break; }
  done
  command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
  command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
  if command -v ldconfig >/dev/null 2>&1; then
    local libs
    libs="$(ldconfig -p 2>/dev/null)"
    for lib in libEGL.so.1:libegl1 libGL.so.1:libgl1 libxkbcommon.so.0:libxkbcommon0 \
               libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3; do
      grep -q "${lib%%:*}" <<<"$libs" || need+=("${lib##*:}")
    done
  fi
  have_postgres_server || need+=(postgresql)
  # Run as root, the suite starts PostgreSQL as the `postgres` user the Debian package creates.
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    [[ " ${need[*]-} " == *" postgresql "* ]] || need+=(postgresql)
  fi
  echo "${need[*]-}"
}

apt_get() {
  local attempt=1
  while :; do
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$APT_LOCK_TIMEOUT" "$@" && return 0
    [ "$attempt" -ge "$APT_ATTEMPTS" ] && return 1
    echo "system-deps: 'apt-get $*' failed (attempt $attempt of $APT_ATTEMPTS); trying again in ${APT_RETRY_DELAY}s" >&2
    attempt=$((attempt + 1))
    sleep "$APT_RETRY_DELAY"
  done
}

fail() {
  echo "system-deps: FAILED: $*" >&2
  echo "system-deps: the test suite needs these; without them its PostgreSQL, PDF or GUI tests cannot run." >&2
  exit 1
}

need="$(missing_packages)"
[ -z "$need" ] && exit 0

if [ "$(id -u)" != 0 ]; then
  fail "missing Debian packages: $need. Install them with: sudo apt-get install $need"
fi
if ! command -v apt-get >/dev/null 2>&1; then
  fail "missing: $need (Debian package names), and there is no apt-get here to install them; install the equivalents with this system's package manager"
fi

echo "system-deps: installing Debian packages: $need"
# shellcheck disable=SC2086  # $need is a list of package names
if ! apt_get update -qq; then
  fail "'apt-get update' did not succeed (is another apt or dpkg holding its lock, or is the network down?); still missing: $need"
fi
# shellcheck disable=SC2086
if ! apt_get install -y -qq --no-install-recommends $need; then
  fail "'apt-get install $need' did not succeed (is another apt or dpkg holding its lock?)"
fi

still="$(missing_packages)"
[ -z "$still" ] || fail "still missing after installing: $still"
exit 0
