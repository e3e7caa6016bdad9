# A stand-in for the public redis image, for compose.offline.yaml only: Debian's
# redis-server on the python base that ../shared/tools/offline-images provides.
# compose.yaml's `cache` service gives the command (redis-server and its flags).
FROM python:3.13-slim-bookworm
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/*
USER redis
EXPOSE 6379
