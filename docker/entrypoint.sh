#!/bin/sh
# Starts the web container: waits for the database, brings it up to date, then
# hands the process over to gunicorn. With arguments, runs them instead of
# gunicorn, so `docker compose run --rm web python manage.py ...` works.
set -eu

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

python manage.py wait_for_db --timeout "${DB_WAIT_TIMEOUT:-60}"

# Every replica runs this. Replicas starting together may race on the same
# migration; PostgreSQL runs each in a transaction, so the loser rolls back and
# its second try finds the migration applied.
python manage.py migrate --noinput || { sleep 5; python manage.py migrate --noinput; }

# load_demo refuses a database holding content of its own (a live site left
# with LOAD_DEMO=1): the site then starts without the demo rather than not at all.
if [ "${LOAD_DEMO:-0}" = 1 ]; then
    python manage.py load_demo || echo "entrypoint: the demo was not loaded (see above); starting without it" >&2
fi

# createsuperuser --noinput reads DJANGO_SUPERUSER_USERNAME, _EMAIL and
# _PASSWORD itself; it fails when the user exists, so ask first.
if [ -n "${DJANGO_SUPERUSER_USERNAME:-}" ] && [ -n "${DJANGO_SUPERUSER_PASSWORD:-}" ]; then
    if python -c '
import sys
import django
django.setup()
from django.contrib.auth import get_user_model
User = get_user_model()
exists = User._default_manager.filter(**{User.USERNAME_FIELD: sys.argv[1]}).exists()
sys.exit(0 if exists else 1)
' "$DJANGO_SUPERUSER_USERNAME"; then
        echo "entrypoint: superuser ${DJANGO_SUPERUSER_USERNAME} exists, left as it is"
    else
        # The e-mail address may be left empty; --noinput alone would refuse.
        python manage.py createsuperuser --noinput --email "${DJANGO_SUPERUSER_EMAIL:-}"
    fi
fi

# The image holds the collected static files; the proxy serves them from a
# volume shared with it. Hashed names never change content, so files of older
# versions stay for pages still cached with their addresses.
if [ -n "${STATIC_PUBLISH_DIR:-}" ] && [ -d "$STATIC_PUBLISH_DIR" ] && [ -w "$STATIC_PUBLISH_DIR" ]; then
    cp -R -u --preserve=timestamps "$STATIC_ROOT"/. "$STATIC_PUBLISH_DIR"/
fi

# No %(h)s in the access log: readers' IP addresses are not kept.
exec gunicorn newsroom.wsgi \
    --bind 0.0.0.0:8000 \
    --workers "${GUNICORN_WORKERS:-3}" \
    --timeout "${GUNICORN_TIMEOUT:-30}" \
    --worker-tmp-dir /dev/shm \
    --no-control-socket \
    --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-*}" \
    --access-logfile - \
    --access-logformat "${GUNICORN_ACCESS_LOGFORMAT:-%(t)s \"%(r)s\" %(s)s %(B)s %(M)sms}" \
    --error-logfile -
