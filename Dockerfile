# syntax=docker/dockerfile:1
# ctbot: build with cgo (github.com/mattn/go-sqlite3), run as a non-root user
# with the database on a volume. Image names are fully qualified, so buildah
# and podman (which refuse short names) build it as docker does.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) \
#     --build-arg COMMIT=$(git rev-parse HEAD) -t ctbot .
#   docker run -d --name ctbot -v ctbot-data:/data -p 127.0.0.1:9464:9464 \
#     -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN ctbot
#
# Mount your own configuration with -v $PWD/config.toml:/etc/ctbot/config.toml:ro
# (the image's default is config.example.toml with the database in /data and
# [metrics] listen = "0.0.0.0:9464"; set both in yours too).

FROM docker.io/library/golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X github.com/cttechplus/ctbot.Version=${VERSION} -X github.com/cttechplus/ctbot.Commit=${COMMIT}" -o /out/ctbot ./cmd/ctbot \
 && sed -e 's|^path = "ctbot.db"|path = "/data/ctbot.db"|' -e 's|^listen = "127.0.0.1:9464"|listen = "0.0.0.0:9464"|' config.example.toml > /out/config.toml \
 && grep -q '^path = "/data/ctbot.db"' /out/config.toml && grep -q '^listen = "0.0.0.0:9464"' /out/config.toml

FROM docker.io/library/debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 ctbot \
 && useradd --system --uid 10001 --gid ctbot --home-dir /data --shell /usr/sbin/nologin ctbot \
 && mkdir -p /data /etc/ctbot && chown ctbot:ctbot /data
COPY --from=build /out/ctbot /usr/local/bin/ctbot
COPY --from=build /out/config.toml /etc/ctbot/config.toml
# ctbot, by number, so a runtime that insists on a non-root user can tell.
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
# /metrics, /livez and /healthz are on [metrics] listen: 0.0.0.0:9464 in this
# image (127.0.0.1:9464 outside it), so Prometheus can scrape the container.
# In Socket Mode that is the only listener; in http mode Slack's request
# URLs (and /livez, /healthz) are on slack.listen, e.g. ":3000", behind a
# reverse proxy that terminates TLS.
EXPOSE 9464 3000
# `ctbot health` asks the running ctbot whether it is healthy (exit 0 if so).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["ctbot", "health"]
ENTRYPOINT ["/usr/local/bin/ctbot"]
CMD ["serve", "-config", "/etc/ctbot/config.toml"]
