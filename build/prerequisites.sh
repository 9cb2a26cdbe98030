# Sourced by run.sh and test.sh: makes sure what Obeya needs from Debian is there.
# As root it installs what is missing; otherwise it says exactly what to install and stops.

apt_install() {
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "obeya: installing $* (apt-get)…"
    # Update the package lists once per run; a fresh machine may have none.
    if [[ -z ${OBEYA_APT_UPDATED:-} ]]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      export OBEYA_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "obeya: $* is missing. Install it as root:  sudo apt-get install -y $*" >&2
    return 1
  fi
}

has_postgres_server() {
  command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

need_postgres() {
  # With a connection string the app starts no server of its own.
  [[ -n ${ConnectionStrings__Obeya:-} ]] && return 0
  has_postgres_server && return 0
  apt_install postgresql || {
    echo "obeya: or point Obeya at an existing server: export ConnectionStrings__Obeya='Host=…;Database=obeya;Username=…;Password=…'" >&2
    exit 1
  }
}

need_chromium() {
  [[ -x /usr/bin/chromium ]] && return 0
  apt_install chromium || exit 1
}

need_redis() {
  # The tests of several nodes start their own Redis on a free port (tests/Obeya.Testing/TestRedis.cs).
  command -v redis-server >/dev/null 2>&1 && return 0
  apt_install redis-server || exit 1
}

need_nginx() {
  # The test of two nodes behind a load balancer runs Debian's nginx with the repo's proxy settings (deploy/nginx/).
  command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] && return 0
  apt_install nginx || exit 1
}

need_systemd_analyze() {
  # A test reads the repo's systemd unit with systemd's own checker (systemd need not run for that).
  command -v systemd-analyze >/dev/null 2>&1 && return 0
  apt_install systemd || exit 1
}

need_node() {
  # The web tests sign in through a real OpenID provider (the npm package oidc-provider, pinned in
  # tests/Obeya.Web.Tests/Accounts/Provider); the tests install it there with npm ci on first use.
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm || exit 1
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if (( major < 20 )); then
    echo "obeya: the tests need Node.js 20 or later for oidc-provider 9; this is $(node --version)" >&2
    exit 1
  fi
}

need_dotnet() {
  command -v dotnet >/dev/null 2>&1 && return 0
  echo "obeya: the .NET SDK 10 is missing: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
}
