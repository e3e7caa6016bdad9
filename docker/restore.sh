#!/bin/sh
# Brings the stack back to the content of one backup: the database and the
# uploaded files. Works on a running stack and on a fresh one (a new server
# with this checkout, its .env and the backup directory copied under backups/).
#
#   docker/restore.sh backups/20250101T000000Z
#
# Extra compose options (an override file, say) go in COMPOSE_FILE, as usual.
set -eu

if [ "$#" -ne 1 ]; then
    echo "usage: $0 backups/<stamp>" >&2
    exit 2
fi
stamp=$(basename "$1")

cd "$(dirname "$0")/.."
if [ ! -f "backups/$stamp/db.dump" ] || [ ! -f "backups/$stamp/media.tar.gz" ]; then
    echo "restore: backups/$stamp has no db.dump and media.tar.gz" >&2
    exit 1
fi

if docker compose version >/dev/null 2>&1; then
    compose() { docker compose "$@"; }
else
    compose() { docker-compose "$@"; }
fi

# Nothing may write while the content is replaced; the caches (Redis keeps
# nothing on disk, nginx's is a tmpfs) start empty, with no page of before.
compose stop web proxy cache
compose up -d db
compose --profile restore run --rm restore "$stamp"
compose up -d
echo "restore: done; the site now shows the content of $stamp"
