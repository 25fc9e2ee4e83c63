#!/bin/sh
# Starts a silo inside a container. With Redis membership the silo listens on, and publishes, one address that
# its peers and clients can reach: the container's own address on the compose network, found here unless
# SerialCluster__Silo__AdvertisedIPAddress is set. Every other setting comes from the environment
# (SerialCluster__Silo__*) or from arguments (--SerialCluster:Silo:Key=value).
set -eu

if [ -z "${SerialCluster__Silo__AdvertisedIPAddress:-}" ]; then
  # getent (libc) is in every image; the first field of the first line is the address.
  address="$(getent hosts "$(cat /etc/hostname)" | { read -r ip _ && echo "$ip"; } || true)"
  if [ -z "$address" ]; then
    echo "silo-entrypoint: cannot find this container's address; set SerialCluster__Silo__AdvertisedIPAddress" >&2
    exit 2
  fi
  export SerialCluster__Silo__AdvertisedIPAddress="$address"
fi

exec dotnet /app/SerialCluster.Silo.dll "$@"
