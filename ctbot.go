// Package ctbot holds the domain of ctbot: the results framework (countries,
// indicators, targets, timeline), the entries staff record, who may do what,
// and the progress arithmetic that status answers and digests are built on.
//
// It has no dependencies on Slack, SQL or configuration files; those live in
// the bot, storage and config packages.
package ctbot

import _ "embed"

// DefaultConfig is config.example.toml, built into the binary so ctbot runs
// with no configuration file at all.
//
//go:embed config.example.toml
var DefaultConfig []byte

// Version and Commit are stamped at build time:
//
//	go build -ldflags "-X github.com/cttechplus/ctbot.Version=v1.4.0 -X github.com/cttechplus/ctbot.Commit=$(git rev-parse HEAD)" ./cmd/ctbot
//
// Left unset, Build falls back on what Go records in the binary.
var (
	Version = "dev"
	Commit  = ""
)
