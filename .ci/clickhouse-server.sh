#!/usr/bin/env bash
# ClickHouse server for CI and local runs of Cairn's ClickHouse store (Debian's clickhouse-server 18.16).
#   install          install clickhouse-server and clickhouse-client with apt unless the server binary exists (as root)
#   start DIR        start a server on 127.0.0.1 with its configuration and data in DIR; prints its HTTP URL
#   stop DIR         stop the server started in DIR (SIGTERM) and wait for it to exit
# Ports: CLICKHOUSE_HTTP_PORT and CLICKHOUSE_TCP_PORT (default: the first free port from 18123 and from 19000).
# Example: .ci/clickhouse-server.sh install && export CAIRN_CLICKHOUSE_URL=$(.ci/clickhouse-server.sh start /tmp/ch)
set -euo pipefail

server_binary() {
  for b in /usr/sbin/clickhouse-server /usr/bin/clickhouse-server; do
    if [ -x "$b" ]; then echo "$b"; return 0; fi
  done
  return 1
}

install() {
  if server_binary >/dev/null; then
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q clickhouse-server clickhouse-client
  server_binary >/dev/null
}

# GET /ping without curl (a clean machine may not have it): bash's /dev/tcp.
answers_ping() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /ping HTTP/1.0\r\n\r\n' >&3 && timeout 2 cat <&3 | grep -q '^Ok') 2>/dev/null
}

# The first port from $1 on that nothing listens on (another server, e.g. a benchmark's, may hold the default).
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
  echo "$port"
}

write_config() {
  local dir=$1 http=$2 tcp=$3
  mkdir -p "$dir/data" "$dir/tmp"
  cat > "$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/server.log</log><errorlog>$dir/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <keep_alive_timeout>1</keep_alive_timeout>
  <shutdown_wait_unfinished>1</shutdown_wait_unfinished>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
</yandex>
XML
  cat > "$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
XML
}

start() {
  local dir http tcp url binary
  dir=$(mkdir -p "$1" && cd "$1" && pwd)
  http=${CLICKHOUSE_HTTP_PORT:-$(free_port 18123)}
  tcp=${CLICKHOUSE_TCP_PORT:-$(free_port 19000)}
  url="http://127.0.0.1:$http"
  if [ -f "$dir/server.pid" ] && kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; then
    echo "$url"
    return 0
  fi
  binary=$(server_binary) || { echo "clickhouse-server is missing: run $0 install" >&2; exit 1; }
  write_config "$dir" "$http" "$tcp"
  "$binary" --daemon --pid-file="$dir/server.pid" --config-file="$dir/config.xml" >"$dir/stdout.log" 2>&1
  for _ in $(seq 1 300); do
    if answers_ping "$http"; then
      echo "$url"
      return 0
    fi
    sleep 0.1
  done
  echo "clickhouse-server did not answer on $url; see $dir/error.log" >&2
  exit 1
}

stop() {
  local dir=$1 pid
  [ -f "$dir/server.pid" ] || return 0
  pid=$(cat "$dir/server.pid")
  if kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$dir/server.pid"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?usage: $0 start DIR}" ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) echo "usage: $0 install | start DIR | stop DIR" >&2; exit 2 ;;
esac
