#!/usr/bin/env bash
# Stops the test cluster started by start_test_cluster.sh: each daemon by its own pid file,
# in reverse start order, then removes the state directory (unless KEEP_STATE=1).
set -uo pipefail

STATE="${PORTRAITTALKER_SLURM_STATE:-/tmp/portraittalker-slurm}"
[ -d "$STATE" ] || exit 0

stop_pid_file() {
  local pid_file="$STATE/run/$1.pid" pid
  [ -f "$pid_file" ] || return 0
  pid="$(cat "$pid_file")"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
}

# Cancel what is still queued so slurmd leaves no job processes behind.
if [ -f "$STATE/slurm.conf" ]; then
  SLURM_CONF="$STATE/slurm.conf" timeout 10 scancel --full --quiet -u root 2>/dev/null || true
fi
for daemon in slurmd slurmctld slurmdbd mariadbd munged; do stop_pid_file "$daemon"; done
# Remove the /etc/slurm/slurm.conf link only if it is ours.
[ "$(readlink /etc/slurm/slurm.conf 2>/dev/null)" = "$STATE/slurm.conf" ] && rm -f /etc/slurm/slurm.conf
[ "${KEEP_STATE:-0}" = 1 ] || rm -rf "$STATE"
echo "slurm-test-cluster: stopped" >&2
