#!/usr/bin/env bash
# The package as a user gets it: build the wheel, install it (with its dependencies, from the
# configured index) in a fresh virtualenv that does not see the checkout, and run the Quickstart
# commands from a folder outside the repository. Fails on the first command that does not exit 0.
#
# Usage: bash scripts/wheel_check.sh      (run by `make test`, so by .ci/run)
# KEEP=1 keeps the temporary folder for inspection.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kg-wheel-check.XXXXXX")"
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi
START=$SECONDS

step() { echo "wheel_check: [$((SECONDS - START)) s] $*"; }

step "building the wheel"
# From a clean copy of the checkout's files (tracked and new, not ignored): an in-tree build
# would leave build/ behind, and a stale build/lib could hide a file missing from the package.
mkdir "$WORK/src"
git -C "$REPO" ls-files -z --cached --others --exclude-standard \
  | (cd "$REPO" && xargs -0 -r sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' _) \
  | tar -C "$REPO" --null -T - -cf - | tar -C "$WORK/src" -xf -
"$PYTHON" -m pip wheel --quiet --no-deps "$WORK/src" -w "$WORK/dist" >"$WORK/pip.log" 2>&1 || {
  tail -n 30 "$WORK/pip.log" >&2
  exit 1
}
WHEEL="$(ls "$WORK"/dist/claimgraph-*.whl)"
"$PYTHON" - "$WHEEL" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
wanted = ["kg/ontology/shapes.ttl", "kg/ontology/context.jsonld", "kg/extract/lang/id.yaml",
          "kg/queries/agents.rq", "kg/templates/graph.html.j2", "kg/data/agents.yaml"]
missing = [name for name in wanted if name not in names]
if missing:
    sys.exit(f"wheel_check: missing from {sys.argv[1]}: {', '.join(missing)}")
PY

step "installing $(basename "$WHEEL") in a fresh virtualenv"
"$PYTHON" -m venv "$WORK/venv"
# No PYTHONPATH and no user site: the checkout must not leak into the check.
unset PYTHONPATH
export PYTHONNOUSERSITE=1
"$WORK/venv/bin/python" -m pip install --quiet "$WHEEL" >"$WORK/pip.log" 2>&1 || {
  tail -n 30 "$WORK/pip.log" >&2
  exit 1
}
KG="$WORK/venv/bin/kg"

mkdir "$WORK/outside"
cd "$WORK/outside"
# The installed package, not the checkout, is what runs.
where="$("$WORK/venv/bin/python" -c 'import kg; print(kg.__file__)')"
case "$where" in
  "$WORK/venv/"*) ;;
  *) echo "wheel_check: kg was imported from $where, not from the virtualenv" >&2; exit 1 ;;
esac

SEED="$(ls "$REPO"/seeds/*.txt | head -n 1)"
export KG_STORE_DIR="$WORK/outside/.kg/store"
run() {
  step "kg $*"
  "$KG" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || {
    status=$?
    echo "wheel_check: 'kg $*' exited $status" >&2
    tail -n 20 "$WORK/err.txt" >&2
    exit 1
  }
}
run --help
run build --seeds "$REPO/seeds"
run check
run extract "$SEED"
run extract --json "$SEED"
run extract "$REPO/seeds"
run export html
test -s "$WORK/outside/exports/graph.html" \
  || { echo "wheel_check: kg export html wrote no exports/graph.html" >&2; exit 1; }

step "passed in $((SECONDS - START)) s"
