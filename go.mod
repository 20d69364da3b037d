module github.com/cttechplus/ctbot

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/mattn/go-sqlite3 v1.14.53
	github.com/robfig/cron/v3 v3.0.1
	github.com/slack-go/slack v0.35.0
)

require github.com/gorilla/websocket v1.5.3

require golang.org/x/image v0.48.0
