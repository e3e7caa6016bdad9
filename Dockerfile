# The newsroom CMS: gunicorn serving Django, behind the proxy of compose.yaml.
# Build: docker build -t newsroom .   Run: README.md, "Operations".

FROM python:3.13-slim-bookworm AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

# msgfmt for compilemessages; it stays in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

# Wheels first, in their own layer, so a code change does not reinstall them.
COPY requirements.txt /tmp/requirements.txt
RUN pip wheel --wheel-dir /wheels -r /tmp/requirements.txt \
    && python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-index --find-links /wheels -r /tmp/requirements.txt

ENV PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=newsroom.settings

WORKDIR /app
COPY . .

# Translations and static files are made here so the running container needs
# no write access to its code. The key and host exist for this command only:
# settings refuse to load without them when DEBUG is off.
RUN export SECRET_KEY=build-time-only-not-a-secret ALLOWED_HOSTS=build.invalid \
        STATIC_ROOT=/app/var/static \
    && mkdir -p locale \
    && python manage.py compilemessages --ignore 'var/*' \
    && python manage.py collectstatic --noinput --verbosity 0 \
    && python -m compileall -q -x '/(var|locale)/' /app


FROM python:3.13-slim-bookworm

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=newsroom.settings \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/srv/media \
    STATIC_PUBLISH_DIR=/srv/static

# Python installed under /root (the offline stand-in images) must be reachable
# by the app user; on the public image this changes nothing.
RUN case "$(python -c 'import sys; print(sys.base_prefix)')" in /root/*) chmod o+x /root ;; esac \
    && groupadd --gid 10001 newsroom \
    && useradd --uid 10001 --gid newsroom --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin newsroom \
    && mkdir -p /srv/media /srv/static /mirror \
    && chown newsroom:newsroom /srv/media /srv/static /mirror

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app

WORKDIR /app
USER newsroom
EXPOSE 8000

# Settings answer only to ALLOWED_HOSTS, so the probe presents the first of them.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.*') or 'localhost'; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=4)"]

ENTRYPOINT ["/app/docker/entrypoint.sh"]
