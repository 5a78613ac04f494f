# shellcheck shell=bash
# Process bookkeeping for testenv/up and testenv/down. Each daemon's pid file holds "<pid> <binary>",
# so stopping checks /proc/<pid>/exe first and never signals a process that merely reused the pid.

CONTROL_PLANE_DAEMONS=(kube-controller-manager kube-apiserver etcd) # stop order; start order is the reverse
NODE_DAEMONS=(kube-proxy kube-scheduler kubelet containerd)                   # only with testenv/up --with-node
DAEMONS=("${NODE_DAEMONS[@]}" "${CONTROL_PLANE_DAEMONS[@]}")

start_daemon() { # state name binary args...
  local state=$1 name=$2 binary=$3
  shift 3
  mkdir -p "$state/pids" "$state/logs"
  # setsid: the daemon must not hold the terminal or Maven's output pipes of whoever ran `up`.
  # 9>&-: nor the lock that up/down hold on fd 9, or the next up/down would wait forever.
  setsid "$binary" "$@" </dev/null >"$state/logs/$name.log" 2>&1 9>&- &
  local pid=$! i
  echo "$pid $binary" >"$state/pids/$name.pid"
  # Until setsid has exec'd the daemon, /proc/<pid>/exe is setsid's, and wait_for would take the
  # daemon for dead (seen under load). Usually true at the first look.
  for ((i = 0; i < 200; i++)); do
    [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$binary" || ! -d "/proc/$pid" ]] && break
    sleep 0.05
  done
}

# Prints the pid if the daemon recorded under name is alive and still runs the recorded binary.
daemon_pid() { # state name
  local file="$1/pids/$2.pid" pid binary
  [[ -f "$file" ]] || return 1
  read -r pid binary <"$file"
  [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$binary" ]] || return 1
  echo "$pid"
}

# The binary recorded for a daemon that is alive.
daemon_binary() { # state name
  local pid binary
  daemon_pid "$1" "$2" >/dev/null || return 1
  read -r pid binary <"$1/pids/$2.pid"
  echo "$binary"
}

all_running() { # state [daemons...], by default the control plane's
  local state=$1 name
  shift
  (($# > 0)) || set -- "${CONTROL_PLANE_DAEMONS[@]}"
  for name in "$@"; do daemon_pid "$state" "$name" >/dev/null || return 1; done
}

ready() { # state
  local state=$1 port
  [[ -f "$state/ports" && -f "$state/pki/admin.crt" ]] || return 1
  port=$(sed -n 's/^APISERVER_PORT=//p' "$state/ports")
  [[ "$(curl -fsS -m 5 --cacert "$state/pki/ca.crt" --cert "$state/pki/admin.crt" \
    --key "$state/pki/admin.key" "https://127.0.0.1:$port/readyz" 2>/dev/null)" == ok ]]
}

# Deletes the control plane's state (etcd data, certificates, kubeconfigs, bookkeeping) so up and
# down agree on what it is; extra names (up passes logs) go with it.
clear_state() { # state [extra-names...]
  local state=$1
  shift
  # --one-file-system: never follow a mount left under the state into the rest of the machine.
  (cd "$state" && rm -rf --one-file-system pki etcd bin kubeconfig kubeconfig-restricted \
    kubeconfig-controller-manager kubeconfig-kubelet kubeconfig-scheduler node ports users \
    started-by-tests with-node "$@")
}

stop_daemon() { # state name
  local state=$1 name=$2 pid i
  if pid=$(daemon_pid "$state" "$name"); then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      [[ -d "/proc/$pid" ]] || break
      sleep 0.1
    done
    [[ -d "/proc/$pid" ]] && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$state/pids/$name.pid"
}

# The node first (its pods' containers removed while containerd still runs, then what it left on
# the machine, see node.sh), then the control plane.
stop_all() { # state
  local state=$1 name
  stop_daemon "$state" kube-proxy
  stop_daemon "$state" kube-scheduler
  stop_daemon "$state" kubelet
  [[ -d "$state/node" ]] && node_drain "$state"
  stop_daemon "$state" containerd
  [[ -d "$state/node" ]] && node_cleanup "$state"
  for name in "${CONTROL_PLANE_DAEMONS[@]}"; do stop_daemon "$state" "$name"; done
}

# Prints a port on 127.0.0.1 nobody listens on, outside the kernel's ephemeral range (32768+) so
# outgoing connections cannot take it before the daemon binds it.
free_port() { # ports-to-avoid...
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))
    [[ " $* " == *" $p "* ]] && continue
    [[ -z "$(ss -Hltn "sport = :$p")" ]] && echo "$p" && return 0
  done
}

# Retries a command every half second until it succeeds; fails early if a started daemon died.
wait_for() { # description seconds command...
  local what=$1 seconds=$2 i name
  shift 2
  for ((i = 0; i < seconds * 2; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    for name in "${DAEMONS[@]}"; do
      if [[ -f "$state/pids/$name.pid" ]] && ! daemon_pid "$state" "$name" >/dev/null; then
        echo "testenv: error: $name exited while waiting for $what; last log lines:" >&2
        tail -n 20 "$state/logs/$name.log" >&2
        echo "testenv: hint: full log in $state/logs/$name.log" >&2
        exit 1
      fi
    done
    sleep 0.5
  done
  echo "testenv: error: $what not ready after $seconds s" >&2
  echo "testenv: hint: see the logs in $state/logs/" >&2
  exit 1
}
