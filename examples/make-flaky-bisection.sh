#!/bin/sh
# Builds a small real repository with a regression whose test fails only some of the time, then
# bisects it with `git bisect run bisect-report run --runs N -- ./test.sh` and keeps the console log.
#
#   examples/make-flaky-bisection.sh [OUT_LOG]     (default: examples/out/flaky-bisection.log)
#
# Environment: BISECT_REPORT_CLI (default: <repo>/dist/cli/index.js), NODE (default: node),
# RUNS (runs per commit, default 8), MIN_FAILURES (default 2), FAIL_PERCENT (chance that one run on
# a bad commit fails, default 50), SEED (default 7), PLAIN=1 (bisect with plain `git bisect run
# ./test.sh`, one run per commit, instead of the wrapper), BISECT=1 (let `bisect-report bisect` search
# by itself instead of `git bisect run`; OUT_LOG is then its log, which reads back as a `git bisect log`). Next to the log it writes OUT_LOG.bisectlog
# (`git bisect log`) and OUT_LOG.culprit (`git rev-parse refs/bisect/bad`, empty when none).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${1:-$here/out/flaky-bisection.log}
cli=${BISECT_REPORT_CLI:-$root/dist/cli/index.js}
node=${NODE:-node}
runs=${RUNS:-8}
min_failures=${MIN_FAILURES:-2}
fail_percent=${FAIL_PERCENT:-50}
seed=${SEED:-7}
plain=${PLAIN:-}
own=${BISECT:-}

mkdir -p "$(dirname "$out")"
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
case $cli in /*) ;; *) cli=$(pwd)/$cli ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/flaky-bisection.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

# Deterministic commits: same ids on every machine.
export LC_ALL=C GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$work"
export GIT_AUTHOR_NAME='Alice Dev' GIT_AUTHOR_EMAIL='alice@example.com'
export GIT_COMMITTER_NAME='Alice Dev' GIT_COMMITTER_EMAIL='alice@example.com'
git init -q -b main
n=0
commit() {
  n=$((n + 1))
  GIT_AUTHOR_DATE="$((1700000000 + n * 3600)) +0000" GIT_COMMITTER_DATE="$((1700000000 + n * 3600)) +0000" \
    git commit -q -m "$1"
}
echo 'limit=10' > config.txt
echo 'parser=slow' > parser.txt
git add -A && commit 'Initial import'
git tag v1.0
i=1
while [ $i -le 24 ]; do
  echo "option $i" >> config.txt
  if [ $i -eq 15 ]; then
    echo 'parser=fast' > parser.txt
    git add -A && commit 'parser: switch tokenizer to fast path'
  else
    git add -A && commit "feature: add option $i"
  fi
  i=$((i + 1))
done

# The flaky test: on commits with the fast parser, each run fails with FAIL_PERCENT% chance,
# decided by a hash of (seed, commit, run index) so the whole bisection is reproducible.
cat > test.sh <<SCRIPT
#!/bin/sh
echo "test: run \${BISECT_REPORT_RUN:-1} of \${BISECT_REPORT_RUNS:-1} on \$(git rev-parse --short HEAD)"
if grep -q fast parser.txt; then
  h=\$(printf '%s-%s-%s' '$seed' "\${BISECT_REPORT_COMMIT:-\$(git rev-parse HEAD)}" "\${BISECT_REPORT_RUN:-1}" | cksum | cut -d' ' -f1)
  if [ \$((h % 100)) -lt $fail_percent ]; then
    echo "FAIL: tokenizer returned a truncated token"
    exit 1
  fi
fi
echo "ok"
SCRIPT
chmod +x test.sh
# test.sh must not be seen as a change by git bisect (untracked files stay across checkouts).

if [ -n "$own" ]; then
  # The test must stay outside the work trees bisect-report checks out.
  mv test.sh "$work.test.sh"
  trap 'rm -rf "$work" "$work.test.sh"' EXIT
  "$node" "$cli" bisect --good v1.0 --bad HEAD --log "$out" -- "$work.test.sh" > "$out.console" 2>&1 || true
  sed -n 's/^# first bad commit: \[\([0-9a-f]*\)\].*/\1/p' "$out" > "$out.culprit"
  echo "wrote $out"
  exit 0
fi
{
  echo "\$ git bisect start HEAD v1.0"
  git bisect start HEAD v1.0 || true
  if [ -n "$plain" ]; then
    echo "\$ git bisect run ./test.sh"
    git bisect run ./test.sh || true
  else
    echo "\$ git bisect run $node bisect-report run --runs $runs --min-failures $min_failures -- ./test.sh"
    git bisect run "$node" "$cli" run --runs "$runs" --min-failures "$min_failures" -- ./test.sh || true
  fi
  echo "\$ git bisect log"
  git bisect log || true
} > "$out" 2>&1
git bisect log > "$out.bisectlog" 2>/dev/null || true
git rev-parse --verify -q refs/bisect/bad > "$out.culprit" 2>/dev/null || : > "$out.culprit"
git bisect reset -q >/dev/null 2>&1 || true
echo "wrote $out"
