#!/usr/bin/env bash
# Installs the build and test dependencies that are missing, from Debian's archive only (run as root on Debian 12).
# Every later script calls this first; it does nothing when everything is present.
set -euo pipefail

# Debian packages the project needs: compilers, CMake, GoogleTest sources + library, Google Benchmark, Eigen,
# Emscripten, and clang-14 with its sanitizer and libFuzzer runtimes (scripts/sanitize.sh, scripts/fuzz.sh).
packages=(cmake g++ make libgtest-dev googletest libbenchmark-dev libeigen3-dev emscripten nodejs clang-14 libclang-rt-14-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs may come from another Debian-format repository; a working node is what matters.
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
fi
want=()
for p in "${missing[@]}"; do [ -n "$p" ] && want+=("$p"); done

if [ ${#want[@]} -gt 0 ]; then
  echo "setup: installing ${want[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >&2
fi
