# shellcheck shell=bash
# Sourced by the scripts that build the binary users without Swift get (release.sh for the
# tarball and the wheel, bench.sh for its figures), so that what is measured is what ships.
#
#   release_build SCRATCH [SWIFT BUILD ARGS...]
#
# `swift build -c release --static-swift-stdlib --product dataarts-mock`, linked for a small
# resident size at start (issue 9). Idle RSS (VmRSS, median of 5 starts), each step added to the
# ones before it: 12.5 MiB as it was; 11.5 with -no-pie; 10.6 with libstdc++ linked in; 9.9 with
# lld and an order file; 9.3 with --no-export-dynamic; 8.1-8.4 with the order file made from
# this very code. Exec to ready line: 6.3 -> 4.9 ms.
# - lld with --symbol-ordering-file=scripts/link/startup-order.txt and every module compiled
#   with function sections: the ~1,760 functions that run before the ready line sit together
#   instead of in ~85 separate 64 KiB windows, each of which the kernel's fault-around maps
#   whole. scripts/startup-order.sh writes the list anew; a stale list costs only memory (names
#   it no longer finds are skipped). The Swift standard library's own code is mostly one 1.6 MB
#   section that cannot be taken apart, so its part stays scattered.
# - -no-pie: no relative relocations for ld.so to apply, which read 1.1 MiB of .rela.dyn and
#   dirtied .data.rel.ro. The executable's own address is then not randomised: a local test
#   double, not a service facing the network.
# - libstdc++ linked in (only what the Swift runtime uses) instead of libstdc++.so, without
#   random.o: std::random_device, which nothing here calls, is the one part that needs glibc
#   2.36 (arc4random), and the tarball promises 2.35.
# - --no-export-dynamic: the Swift toolchain's static-stdlib-args.lnk exports every symbol,
#   a 600 KiB dynamic symbol table that ld.so reads while it binds libc.
release_build() {
    local scratch=$1
    shift
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    local flags=(
        -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections
        -Xswiftc -use-ld=lld -Xswiftc -Xclang-linker -Xswiftc -no-pie
        -Xlinker "--symbol-ordering-file=$root/scripts/link/startup-order.txt" -Xlinker --no-warn-symbol-ordering
        -Xlinker --no-export-dynamic
    )
    local archive
    archive=$(clang -print-file-name=libstdc++.a 2>/dev/null || true)
    if [[ -f $archive ]]; then
        # -lstdc++ (from the toolchain's link arguments) finds this folder's archive first.
        local folder=$scratch/static-libstdc++
        mkdir -p "$folder"
        if [[ ! -f $folder/libstdc++.a || $archive -nt $folder/libstdc++.a ]]; then
            cp "$archive" "$folder/libstdc++.a.new"
            ar d "$folder/libstdc++.a.new" random.o
            mv "$folder/libstdc++.a.new" "$folder/libstdc++.a"
        fi
        flags+=(-Xlinker "-L$folder")
    else
        echo "release-build: no libstdc++.a (clang -print-file-name found none; Debian: apt-get install libstdc++-12-dev);" \
            "linking libstdc++.so instead, which costs about 0.8 MiB of resident memory" >&2
    fi
    swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product dataarts-mock "${flags[@]}" "$@"
}
