# Sourced by bin/demo, bin/chaos and bin/bench. When FDB_HOME names a FoundationDB installation (e.g.
# FDB_HOME=$(../shared/fdb/install target/fdb-home), or /usr for the official packages), the native
# client the JVM loads must be on LD_LIBRARY_PATH before the JVM starts: a running JVM cannot add it.
if [ -n "${FDB_HOME:-}" ]; then
  if ! FDB_HOME=$(cd "$FDB_HOME" 2>/dev/null && pwd); then
    echo "FDB_HOME does not name a folder; point it at a FoundationDB installation (bin/fdbserver, lib/libfdb_c.so)." >&2
    exit 2
  fi
  export FDB_HOME
  export LD_LIBRARY_PATH="$FDB_HOME/lib:$FDB_HOME/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
