#!/usr/bin/env bash
# Debian packages the test suite uses: poppler-utils (pdftoppm/pdftotext/pdffonts), qpdf, and the
# libraries Qt's offscreen platform loads. Installs only what is missing; as non-root it just says
# what to install (the tests that need a missing tool skip with that reason).
set -u
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
if command -v ldconfig >/dev/null 2>&1; then
  for lib in libEGL.so.1:libegl1 libGL.so.1:libgl1 libxkbcommon.so.0:libxkbcommon0 libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3; do
    ldconfig -p | grep -q "${lib%%:*}" || need+=("${lib##*:}")
  done
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "note: please install ${need[*]} (tests that need them will be skipped)" >&2
fi
exit 0
