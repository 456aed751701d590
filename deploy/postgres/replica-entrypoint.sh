#!/bin/sh
# The streaming read replica: on an empty data directory, a base backup of the primary with standby.signal
# and primary_conninfo written (-R); then PostgreSQL as a hot standby. Runs as the postgres user.
set -eu
: "${PRIMARY_HOST:?set PRIMARY_HOST}"
: "${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -p 5432 -q; do sleep 1; done
  pg_basebackup -d "host=$PRIMARY_HOST port=5432 user=replicator password=$REPLICATION_PASSWORD" \
    -D "$PGDATA" -X stream -R --checkpoint=fast
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on
