#!/usr/bin/env bash
# Regenerates the differential test corpus (Tests/ExecutionTests/Corpus) from mono, the reference.
#
#   bash scripts/corpus.sh            # regenerate every program, report what changed
#   bash scripts/corpus.sh NAME...    # only these programs (NAME without extension)
#   bash scripts/corpus.sh --check    # regenerate into a scratch copy; exit 1 if anything would change
#
# For every program NAME in the corpus directory:
#   - NAME.cs exists (a C# program): NAME.il is rebuilt with `mcs -target:exe` then `monodis`;
#   - otherwise NAME.il is hand-written: it is assembled with mono's `ilasm` (and left untouched).
# The exe then runs under `mono`; NAME.expected receives its stdout followed by a last line `exit N`.
#
# Deterministic: the assembly is always compiled as NAME.exe, the per-build module GUID that monodis
# prints is removed, output runs with LC_ALL=C.UTF-8. Each run has a time limit.
# This is a maintenance tool (not run by CI). Needs mono-devel (mcs, ilasm, mono) and mono-utils (monodis).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$here/Tests/ExecutionTests/Corpus"
timeout_s=20
check=0
names=()
for arg in "$@"; do
    case "$arg" in
        --check) check=1 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        -*) echo "corpus: unknown option '$arg'" >&2; exit 2 ;;
        *) names+=("${arg%.*}") ;;
    esac
done

for tool in mcs monodis ilasm mono; do
    if ! command -v "$tool" >/dev/null; then
        echo "corpus: '$tool' not found (apt-get install -y mono-devel mono-utils)" >&2
        exit 2
    fi
done

export LC_ALL=C.UTF-8
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ${#names[@]} -eq 0 ]; then
    while IFS= read -r f; do
        names+=("$(basename "${f%.*}")")
    done < <(find "$corpus" -maxdepth 1 \( -name '*.cs' -o -name '*.il' \) | LC_ALL=C sort)
    # A C# program contributes both NAME.cs and NAME.il; keep each name once, in sorted order.
    mapfile -t names < <(printf '%s\n' "${names[@]}" | LC_ALL=C sort -u)
fi

changed=0
failed=0
unchanged=0

# Moves a freshly generated file into place (or compares it in --check mode) and reports a change.
install_file() {
    local new="$1" dest="$2"
    if [ -f "$dest" ] && cmp -s "$new" "$dest"; then
        return 0
    fi
    changed=$((changed + 1))
    if [ -f "$dest" ]; then
        echo "changed: ${dest#"$here"/}"
        diff -u "$dest" "$new" | sed -n '3,40p' | sed 's/^/    /' || true
    else
        echo "new:     ${dest#"$here"/}"
    fi
    if [ "$check" -eq 0 ]; then
        cp "$new" "$dest"
    fi
}

for name in "${names[@]}"; do
    dir="$work/$name"
    mkdir -p "$dir"
    exe="$dir/$name.exe"
    if [ -f "$corpus/$name.cs" ]; then
        # mcs names the assembly after the output file, so build as NAME.exe for stable text.
        if ! mcs -target:exe -out:"$exe" "$corpus/$name.cs" >"$dir/build.log" 2>&1; then
            echo "FAILED:  $name.cs does not compile"; sed 's/^/    /' "$dir/build.log"
            failed=$((failed + 1)); continue
        fi
        # The module GUID changes on every build: drop it so regenerated IL is byte-identical.
        monodis "$exe" | sed -E 's| // GUID = \{[0-9A-Fa-f-]+\}||' >"$dir/$name.il"
        install_file "$dir/$name.il" "$corpus/$name.il"
    elif [ -f "$corpus/$name.il" ]; then
        if ! ilasm /output:"$exe" "$corpus/$name.il" >"$dir/build.log" 2>&1; then
            echo "FAILED:  $name.il does not assemble"; sed 's/^/    /' "$dir/build.log"
            failed=$((failed + 1)); continue
        fi
    else
        echo "FAILED:  no $name.cs or $name.il in the corpus"
        failed=$((failed + 1)); continue
    fi

    status=0
    timeout "$timeout_s" mono "$exe" >"$dir/stdout" 2>"$dir/stderr" || status=$?
    if [ "$status" -eq 124 ] || [ -s "$dir/stderr" ]; then
        echo "FAILED:  $name under mono (status $status)"; sed -n '1,10p' "$dir/stderr" | sed 's/^/    /'
        failed=$((failed + 1)); continue
    fi
    if [ -s "$dir/stdout" ] && [ "$(tail -c 1 "$dir/stdout" | od -An -c | tr -d ' ')" != '\n' ]; then
        # The transcript puts `exit N` on its own line; a program must end its output with a newline.
        echo "FAILED:  $name: stdout does not end with a newline"
        failed=$((failed + 1)); continue
    fi
    { cat "$dir/stdout"; echo "exit $status"; } >"$dir/$name.expected"
    before=$changed
    install_file "$dir/$name.expected" "$corpus/$name.expected"
    if [ "$changed" -eq "$before" ]; then unchanged=$((unchanged + 1)); fi
done

echo "corpus: ${#names[@]} programs, $changed file(s) changed, $unchanged expected output(s) unchanged, $failed failure(s)"
if [ "$failed" -gt 0 ]; then exit 1; fi
if [ "$check" -eq 1 ] && [ "$changed" -gt 0 ]; then exit 1; fi
exit 0
