# syntax=docker/dockerfile:1
# ctbot: build with cgo (github.com/mattn/go-sqlite3), run as a non-root user
# with the database on a volume.
#
#   docker build -t ctbot .
#   docker run -d --name ctbot -v ctbot-data:/data \
#     -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN ctbot
#
# Mount your own configuration with -v $PWD/config.toml:/etc/ctbot/config.toml:ro
# (the image's default is config.example.toml with the database in /data).

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X github.com/cttechplus/ctbot.Version=${VERSION}" -o /out/ctbot ./cmd/ctbot \
 && sed 's|^path = "ctbot.db"|path = "/data/ctbot.db"|' config.example.toml > /out/config.toml

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin ctbot \
 && mkdir -p /data /etc/ctbot && chown ctbot:ctbot /data
COPY --from=build /out/ctbot /usr/local/bin/ctbot
COPY --from=build /out/config.toml /etc/ctbot/config.toml
USER ctbot
WORKDIR /data
VOLUME ["/data"]
# /livez and /healthz are served on slack.listen (3000) in both modes, and
# with /metrics on [metrics] listen (127.0.0.1:9464 by default).
EXPOSE 3000
ENTRYPOINT ["/usr/local/bin/ctbot"]
CMD ["serve", "-config", "/etc/ctbot/config.toml"]
