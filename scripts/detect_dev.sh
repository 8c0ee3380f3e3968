#!/usr/bin/env bash
# Scores `rasd detect` on the development set (tests/detect/dev.tsv) and lists
# the sentences it gets wrong. Usage: scripts/detect_dev.sh [RASD] [--kb DIR]
# (RASD defaults to target/release/rasd; extra arguments go to `rasd detect`,
# so a knowledge overlay can be tried without recompiling).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rasd="${1:-$root/target/release/rasd}"
shift || true
dev="$root/tests/detect/dev.tsv"
rows="$(grep -v '^#' "$dev" | tail -n +2)"
found="$(cut -f3 <<<"$rows" | "$rasd" detect "$@" - | jq -r '[(.plover | index("ASSAULT") != null), (.plover | index("PROTEST") != null)] | map(if . then "yes" else "no" end) | join("\t")')"
paste <(cut -f1,2 <<<"$rows") <(printf '%s\n' "$found") <(cut -f3 <<<"$rows") | awk -F'\t' '
  function report(name, tp, fp, fn,   p, r, f) {
    p = tp + fp ? tp / (tp + fp) : 0; r = tp + fn ? tp / (tp + fn) : 0
    f = p + r ? 2 * p * r / (p + r) : 0
    printf "%s: P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", name, p, r, f, tp, fp, fn
  }
  {
    for (k = 1; k <= 2; k++) {
      name = k == 1 ? "ASSAULT" : "PROTEST"; want = $k; got = $(k + 2)
      if (want == "yes" && got == "yes") tp[k]++
      else if (want == "no" && got == "yes") { fp[k]++; print "false " name ": " $5 }
      else if (want == "yes" && got == "no") { fn[k]++; print "missed " name ": " $5 }
    }
  }
  END { report("ASSAULT", tp[1], fp[1], fn[1]); report("PROTEST", tp[2], fp[2], fn[2]) }'
