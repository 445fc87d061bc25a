#!/usr/bin/env bash
# `npm test`: the type check and lint side by side (each is one single-threaded process, and the
# machines we run on have two cores), then vitest with the arguments given to `npm test -- …`.
# Either check failing fails the run before any test starts, as `typecheck && lint && vitest` did.
set -u
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

npm run --silent typecheck >"$out/typecheck" 2>&1 &
typecheck=$!
npm run --silent lint >"$out/lint" 2>&1 &
lint=$!
wait "$typecheck"; typecheck_status=$?
wait "$lint"; lint_status=$?

# Each check's output whole, one after the other, rather than interleaved.
failed=0
for check in typecheck lint; do
  status_var="${check}_status"
  if [ "${!status_var}" -eq 0 ]; then
    echo "$check: ok"
  else
    echo "$check: failed (exit ${!status_var})"
    failed=1
  fi
  cat "$out/$check"
done
[ "$failed" -eq 0 ] || exit 1

exec npx vitest run "$@"
