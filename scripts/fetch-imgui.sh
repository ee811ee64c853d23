#!/usr/bin/env bash
# Puts Dear ImGui's sources (a pinned version) into the git-ignored third_party/imgui-<ver>/ for the browser app,
# from Debian's SOURCE package: the binary libimgui-dev lacks the backends. Idempotent: does nothing when present.
# Prints the folder on stdout. Usage: scripts/fetch-imgui.sh
#
# Pin: 1.90.1+ds-1 from Debian trixie (stable: the version stays in the archive). If trixie's source cannot be
# fetched, it falls back to bookworm's 1.86+ds-1, but the app uses 1.89/1.90 API (child flags, SetItemTooltip,
# SeparatorText, ImGuiKey_*), so with 1.86 the app needs porting: prefer the manual route below.
#
# Machines without Debian's apt: put the same upstream release there by hand, e.g.
#   git clone --depth 1 --branch v1.90.1 https://github.com/ocornut/imgui third_party/imgui-1.90.1
# (or a CMake FetchContent of that tag). src/app/CMakeLists.txt only needs imgui*.cpp, backends/imgui_impl_glfw.*,
# backends/imgui_impl_opengl3*.h/.cpp and misc/cpp/imgui_stdlib.* in that folder. Nothing here fetches from GitHub.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tp="$root/third_party"

# First folder that holds a complete source tree, or nothing.
have() {
  for v in 1.90.1 1.86; do
    d="$tp/imgui-$v"
    if [ -f "$d/imgui.cpp" ] && [ -f "$d/backends/imgui_impl_glfw.cpp" ] && [ -f "$d/backends/imgui_impl_opengl3.cpp" ] \
       && [ -f "$d/misc/cpp/imgui_stdlib.cpp" ]; then
      echo "$d"; return 0
    fi
  done
  return 1
}
if have; then exit 0; fi

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v dpkg-source >/dev/null 2>&1; then
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends dpkg-dev >&2
fi

# A deb-src stanza per suite, with the same mirror and keyring as the machine's own Debian sources. Source-only
# entries never change which binary packages get installed.
src_list=/etc/apt/sources.list.d/weightless-imgui-src.sources
if [ ! -f "$src_list" ]; then
  uri="http://deb.debian.org/debian"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    u="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)"
    [ -n "$u" ] && uri="$u"
  fi
  key=/usr/share/keyrings/debian-archive-keyring.gpg
  printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: %s\n\nTypes: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: %s\n' \
    "$uri" "$key" "$uri" "$key" | $SUDO tee "$src_list" >/dev/null
fi
$SUDO apt-get update -qq >&2 || echo "fetch-imgui: apt-get update reported errors; trying anyway" >&2

mkdir -p "$tp"
work="$(mktemp -d "$tp/.fetch.XXXXXX")"
chmod 755 "$work"   # lets apt's _apt user write there (else a harmless warning)
trap 'rm -rf "$work"' EXIT
for pin in 1.90.1+ds-1 1.86+ds-1; do
  ver="${pin%%+*}"
  echo "fetch-imgui: apt-get source imgui=$pin" >&2
  if (cd "$work" && apt-get source -qq imgui="$pin" >&2); then
    src="$(find "$work" -maxdepth 1 -mindepth 1 -type d -name 'imgui-*' | head -1)"
    if [ -n "$src" ] && [ -f "$src/imgui.cpp" ]; then
      rm -rf "$tp/imgui-$ver"
      mv "$src" "$tp/imgui-$ver"   # atomic enough: the folder appears complete or not at all
      have && exit 0
    fi
  fi
  echo "fetch-imgui: imgui=$pin unavailable" >&2
done
echo "fetch-imgui: FAILED: no Dear ImGui source package could be fetched (see the comment at the top for a fallback)" >&2
exit 1
