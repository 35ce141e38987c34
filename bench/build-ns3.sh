#!/usr/bin/env bash
# Builds bench/build/churn (the ns-3 churn) and, with --bench-scheduler, bench/build/bench-scheduler
# (ns-3 3.37's own utils/bench-scheduler.cc, taken from Debian's source package at build time and
# never committed here). Needs Debian's libns3-dev: apt-get install -y libns3-dev g++ pkg-config.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/build"
mkdir -p "$build"
modules="ns3-core ns3-network ns3-internet ns3-point-to-point ns3-applications"
for m in $modules; do
    pkg-config --exists "$m" || { echo "build-ns3: pkg-config has no $m; apt-get install -y libns3-dev" >&2; exit 1; }
done
# Debian 12's .pc files carry a stray '-I/usr\;' and name libgsl.so, which only libgsl-dev installs;
# ns-3's own libraries already link gsl, so tokens naming missing files are dropped.
clean() {
    local out=()
    for token in "$@"; do
        case "$token" in
            '-I/usr\;') ;;
            /*) [ -e "$token" ] && out+=("$token") ;;
            *) out+=("$token") ;;
        esac
    done
    printf '%s\n' "${out[@]}"
}
mapfile -t cflags < <(clean $(pkg-config --cflags $modules))
mapfile -t libs < <(clean $(pkg-config --libs $modules))
opt=(-O3 -DNDEBUG -std=c++17)

g++ "${opt[@]}" "${cflags[@]}" "$here/ns3/churn.cc" -o "$build/churn" "${libs[@]}"
echo "built $build/churn" >&2

if [ "${1:-}" = "--bench-scheduler" ]; then
    src="$build/ns3-src/bench-scheduler.cc"
    if [ ! -f "$src" ]; then
        # apt-get source with a private list of deb-src lines: the machine's apt setup is untouched.
        apt="$build/ns3-src/apt"
        mkdir -p "$apt/lists/partial" "$apt/cache"
        echo "deb-src http://deb.debian.org/debian bookworm main" > "$apt/sources.list"
        o=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
           -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
        apt-get "${o[@]}" -qq update
        (cd "$build/ns3-src" && apt-get "${o[@]}" -qq source --download-only ns3=3.37-2)
        tar -xjf "$build/ns3-src/ns3_3.37.orig.tar.bz2" -C "$build/ns3-src" --strip-components=3 \
            ns-allinone-3.37/ns-3.37/utils/bench-scheduler.cc
        rm -f "$build"/ns3-src/ns3_3.37*
    fi
    g++ "${opt[@]}" "${cflags[@]}" "$src" -o "$build/bench-scheduler" "${libs[@]}"
    echo "built $build/bench-scheduler" >&2
fi
