#!/usr/bin/env bash
# Style checks the compiler does not make. Prints file:line for each finding and exits 1 if there is any:
#   - a line of a .cs file under src/ or tests/ longer than 160 characters;
#   - a comment block (consecutive lines starting with // or /// after indentation) longer than 6 lines under src/.
# Usage: scripts/check-style.sh [path...]   (default: src tests; run from anywhere in the repository)
set -euo pipefail

cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
max_line=160
max_comment=6
paths=("$@")
if [ ${#paths[@]} -eq 0 ]; then
    paths=(src tests)
fi

mapfile -t files < <(git ls-files --cached --others --exclude-standard -- "${paths[@]}" | grep '\.cs$' | sort -u |
    while IFS= read -r file; do [ -f "$file" ] && printf '%s\n' "$file"; done)
if [ ${#files[@]} -eq 0 ]; then
    exit 0
fi

# LC_ALL=C and dropping UTF-8 continuation bytes count characters the same way in mawk and gawk.
LC_ALL=C awk -v max_line="$max_line" -v max_comment="$max_comment" '
    function flush() {
        if (run > max_comment) {
            printf "%s:%d: comment block of %d lines (max %d)\n", file, start, run, max_comment
            found++
        }
        run = 0
    }
    FNR == 1 { flush(); file = FILENAME; in_src = (file ~ /^src\//) }
    {
        sub(/\r$/, "")
        text = $0
        gsub(/[\200-\277]/, "", text)
        if (length(text) > max_line) {
            printf "%s:%d: line of %d characters (max %d)\n", file, FNR, length(text), max_line
            found++
        }
        if (in_src && $0 ~ /^[ \t]*\/\//) {
            if (run == 0) { start = FNR }
            run++
        } else {
            flush()
        }
    }
    END { flush(); if (found > 0) { printf "%d style finding(s)\n", found > "/dev/stderr"; exit 1 } }
' "${files[@]}"
