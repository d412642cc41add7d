#!/usr/bin/env bash
# Installs the Debian packages jitbook needs, and only those that are missing.
#
#   bash scripts/install-deps.sh                  # build, test and render deps
#   bash scripts/install-deps.sh --with-chromium  # also a headless browser for site tests
#
# Runs apt-get (update first) only when something is missing; uses sudo when not root.
set -euo pipefail

packages=(
    make                        # the README's `make site` / `make test`
    pkg-config                  # SwiftPM finds libcmark through pkg-config (CCmark)
    libcmark-dev                # Markdown parser (the chapter model and the site)
    libjemalloc-dev             # the allocator jitbook links (faster than glibc malloc for the JIT's many small objects)
    gcc                         # cc: the C runtime built natively for x64
    libc6-dev                   # the C library headers and crt files for that native build
    binutils                    # objdump for x86-64
    binutils-aarch64-linux-gnu  # objdump/as for arm64
    gcc-aarch64-linux-gnu       # the runtime cross-compiled for arm64
    libc6-dev-arm64-cross       # arm64 C library headers and static libc: --no-install-recommends leaves them out
    qemu-user                   # runs arm64 code on x86-64
    mono-devel                  # ilasm, mcs: a reference toolchain for IL
    mono-utils                  # monodis
)

for arg in "$@"; do
    case "$arg" in
        --with-chromium) packages+=(chromium) ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) echo "install-deps: unknown option '$arg'" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
