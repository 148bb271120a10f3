#!/usr/bin/env bash
# Fails when a Java or Markdown file of the repository refers to something a reader of the
# repository cannot open:
#   - the semantics without its file: "semantics §N" (write "docs/semantics.md §N"), or a "§N" when
#     neither its line nor the line before names docs/semantics.md (docs/semantics.md itself may say
#     "§N");
#   - "the founding document" (say what it asks, or cite docs/semantics.md);
#   - issue numbers ("issue 7", "issue #7", "issue-7"): name the scenario or the decision instead;
#   - absolute paths of one machine: /work/, /root/, /home/ anywhere; /tmp/ in Markdown and in Java
#     comments (test code may use "/tmp/x.db" as a value).
# Usage: scripts/check-doc-references.sh [file...]   (default: every tracked or new .java/.md file)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -gt 0 ]]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files -co --exclude-standard -- '*.java' '*.md' | grep -v -e '^\.venv' -e '/target/' || true)
fi

status=0
report() { # rule, grep output
  local rule=$1 hits=$2
  if [[ -n "$hits" ]]; then
    printf '%s\n' "$hits" | sed "s|\$|   <- $rule|"
    status=1
  fi
}

for f in "${files[@]}"; do
  [[ -f "$f" ]] || continue
  report 'write "docs/semantics.md §N"' \
    "$(grep -nHiE 'semantics (§|section [0-9]|of §)' "$f" || true)"
  if [[ "$f" != docs/semantics.md ]]; then
    # the file name may sit on the line before when a formatter wrapped the sentence
    report 'a § reference must name docs/semantics.md (same or previous line)' \
      "$(awk -v f="$f" '/§ ?[0-9]/ && $0 !~ /semantics\.md/ && prev !~ /semantics\.md/ {print f ":" FNR ":" $0} {prev = $0}' "$f")"
  fi
  report 'no "founding document": cite docs/semantics.md' \
    "$(grep -nHi 'founding document' "$f" || true)"
  report 'no issue numbers: name the scenario or decision' \
    "$(grep -nHiE '\bissues?[ -]#?[0-9]+' "$f" || true)"
  report 'no absolute machine paths' \
    "$(grep -nHE '(^|[[:space:]`"'"'"'(=:])/(work|root|home)/' "$f" || true)"
  case "$f" in
    *.md)
      report 'no /tmp/ paths in documentation' \
        "$(grep -nHE '(^|[[:space:]`"'"'"'(=:])/tmp/' "$f" || true)" ;;
    *.java)
      report 'no /tmp/ paths in comments' \
        "$(grep -nHE '^[[:space:]]*(\*|//|/\*).*/tmp/' "$f" || true)" ;;
  esac
done

if [[ $status -ne 0 ]]; then
  echo "check-doc-references: fix the references above (see the header of $0)." >&2
fi
exit $status
