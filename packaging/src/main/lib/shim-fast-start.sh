# shim-fast-start.sh: sourced by the containerd-shim-bramble-v1 launcher for `start` only (not executable).
#
# A namespace-mode shim daemon (group = "namespace") publishes <socket>.ready while it takes containers
# (dev.bramble.shim.manager.ReadyFile writes it). When one is alive, `start` has nothing to do but print that
# daemon's address and write it into the bundle, so it is done here without a JVM. Sound only if the JVM path would
# have chosen that same daemon, so every input that decides the grouping must be what it was when the daemon
# started: the runtime options on stdin (sha256, byte for byte), the config file they name (sha256 of its content)
# and the BRAMBLE_SHIM_* environment. A pod-mode start therefore never matches a namespace daemon's ready file, and
# an edited config takes effect at once. Any doubt returns 1 and the launcher runs the JVM path, which is always
# right. Nothing here may reach start's stdout or stderr except the address: the caller captures stdout and
# discards stderr.

# bramble_shim_socket_name ADDRESS NAMESPACE GROUP: the hex sha256 of Go's filepath.Join(ADDRESS, NAMESPACE,
# GROUP), as dev.bramble.shim.manager.ShimSocket.hash computes it. Joins only paths that Go's Clean leaves as they
# are and only printable ASCII (the JVM decodes arguments by its locale); anything else returns 1.
bramble_shim_socket_name() {
  [ -n "$1" ] && [ -n "$2" ] && [ -n "$3" ] || return 1
  _j="$1/$2/$3"
  case $_j in
    *//* | */./* | */../* | */. | */.. | ./* | ../* | */) return 1 ;;
  esac
  case $_j in *[!\ -~]*) return 1 ;; esac
  set -- $(printf '%s' "$_j" | sha256sum)
  [ ${#1} -eq 64 ] || return 1
  printf '%s\n' "$1"
}

# bramble_shim_namespace_socket SOCKET_DIR ARG...: for containerd's start command line ARG..., the path of the
# namespace daemon's socket if that daemon's ready file is there; returns 1 otherwise (before start's stdin is
# read, so a pod-mode start without a namespace daemon pays only this).
bramble_shim_namespace_socket() {
  LC_ALL=C
  set -f
  _dir=$1
  shift
  _ns= _addr= _id= _start=
  # containerd's command line, parsed as ShimFlags does; anything unusual is left to it
  while [ $# -gt 0 ]; do
    case $1 in
      start) [ $# -eq 1 ] || return 1; _start=1; shift; continue ;;
      -*) ;;
      *) return 1 ;;
    esac
    _f=${1#-}
    _f=${_f#-}
    case $_f in
      namespace | address | id | publish-binary | bundle | socket)
        [ $# -ge 2 ] || return 1
        _v=$2
        shift 2
        case $_v in start | delete) return 1 ;; esac ;;
      namespace=* | address=* | id=* | publish-binary=* | bundle=* | socket=*)
        _v=${_f#*=}
        _f=${_f%%=*}
        shift ;;
      debug | debug=true) shift; continue ;;
      *) return 1 ;;
    esac
    case $_f in
      namespace) _ns=$_v ;;
      address) _addr=$_v ;;
      id) _id=$_v ;;
    esac
  done
  [ "$_start" = 1 ] && [ -n "$_id" ] || return 1
  _name=$(bramble_shim_socket_name "$_addr" "$_ns" "bramble:namespace") || return 1
  [ -f "$_dir/$_name.ready" ] || return 1
  printf '%s\n' "$_dir/$_name"
}

# bramble_shim_fast_start SOCKET OPTIONS_FILE: with the cwd containerd gives start (the bundle) and start's stdin
# saved in OPTIONS_FILE, joins the live namespace daemon on SOCKET if its ready file matches: writes the bundle's
# address file, notes the join in the bundle's log FIFO, prints what start must
# print. Returns 1 otherwise, having printed nothing.
bramble_shim_fast_start() {
  LC_ALL=C
  set -f
  _sock=$1 _opts=$2
  _ready=$_sock.ready
  [ -f "$_ready" ] && [ -O "$_ready" ] && [ -S "$_sock" ] || return 1

  _hdr= _pid= _st= _osha= _cfg= _csha= _eg= _ep= _ei= _print=
  {
    IFS= read -r _hdr || return 1
    while IFS= read -r _l; do
      case $_l in
        pid=*) _pid=${_l#*=} ;;
        start-time=*) _st=${_l#*=} ;;
        options-sha256=*) _osha=${_l#*=} ;;
        config=*) _cfg=${_l#*=} ;;
        config-sha256=*) _csha=${_l#*=} ;;
        env-BRAMBLE_SHIM_GROUP=*) _eg=${_l#*=} ;;
        env-BRAMBLE_SHIM_PROTOCOL=*) _ep=${_l#*=} ;;
        env-BRAMBLE_SHIM_IDLE_EXIT=*) _ei=${_l#*=} ;;
        print=*) _print=${_l#*=} ;;
      esac
    done
  } < "$_ready" || return 1
  [ "$_hdr" = "bramble-shim-ready 1" ] || return 1
  case $_pid$_st in '' | *[!0-9]*) return 1 ;; esac
  [ -n "$_pid" ] && [ -n "$_st" ] || return 1

  # the inputs that decide the grouping, unchanged
  [ "$_eg" = "${BRAMBLE_SHIM_GROUP-}" ] && [ "$_ep" = "${BRAMBLE_SHIM_PROTOCOL-}" ] \
    && [ "$_ei" = "${BRAMBLE_SHIM_IDLE_EXIT-}" ] || return 1
  set -- $(sha256sum < "$_opts")
  [ -n "$_osha" ] && [ "${1-}" = "$_osha" ] || return 1
  if [ -n "$_cfg" ]; then
    case $_cfg in /*) ;; *) return 1 ;; esac
    [ -f "$_cfg" ] && [ -n "$_csha" ] || return 1
    set -- $(sha256sum < "$_cfg")
    [ "${1-}" = "$_csha" ] || return 1
  else
    [ -z "$_csha" ] || return 1
  fi

  # the daemon: the very process that wrote the file (pid and start time, so never a recycled pid), alive, ours
  IFS= read -r _stat < "/proc/$_pid/stat" || return 1
  _stat=${_stat##*) }
  set -- $_stat
  [ "${20-}" = "$_st" ] || return 1
  case $1 in Z | X | x) return 1 ;; esac
  _cmd=$(tr '\0' ' ' < "/proc/$_pid/cmdline") || return 1
  case " $_cmd " in *" dev.bramble.shim.ShimMain "*) ;; *) return 1 ;; esac

  # only ever an address of this very socket
  case $_print in
    "unix://$_sock" | "{\"version\":3,\"address\":\"$_sock.grpc\",\"protocol\":\"grpc\"}") ;;
    *) return 1 ;;
  esac
  # one write of a short line: nobody reads the address file before start has answered, so no temp file and rename
  # (each process spawned here is ~1 ms of every start)
  printf '%s' "unix://$_sock" > address || return 1
  if [ -p log ]; then
    # O_RDWR: opening containerd's FIFO this way never blocks, even with no reader. No time field: it would cost a
    # `date` process on every start.
    printf 'level=info msg="start in %s: joined the namespace shim (pid %s) %s"\n' \
      "$PWD" "$_pid" "from its ready file, without a JVM" 1<>log
  fi
  printf '%s' "$_print"
}
