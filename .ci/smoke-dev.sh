#!/usr/bin/env bash
# README's promise, checked: `npm run dev` on a fresh clone answers /healthz with the database
# connected within 60 s.
set -euo pipefail
log=$(mktemp)
setsid npm run dev -- --fresh >"$log" 2>&1 &
pid=$!
trap 'kill -TERM -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
start=$(date +%s)
until body=$(curl -sf http://127.0.0.1:8787/healthz 2>/dev/null); do
  if (( $(date +%s) - start > 60 )); then
    echo "dev smoke: /healthz did not answer within 60 s"; cat "$log"; exit 1
  fi
  sleep 1
done
echo "dev smoke: /healthz after $(( $(date +%s) - start )) s: $body"
echo "$body" | grep -q '"database":"connected"' || { echo "dev smoke: database not connected"; exit 1; }
