# Installs Debian packages, running `apt-get update` once per boot of the machine if needed.
apt_install() {
  local stamp=/tmp/.millstream-apt-updated
  export DEBIAN_FRONTEND=noninteractive
  if [ ! -f "$stamp" ]; then apt-get update -qq >&2 && touch "$stamp"; fi
  apt-get install -y -qq --no-install-recommends "$@" >&2 || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "$@" >&2; }
}
