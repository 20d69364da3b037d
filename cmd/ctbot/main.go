// Command ctbot is the CT TECH+ coordination bot: a Slack bot (and a local
// console) where staff log activity updates and managers ask status.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	restrictFileModes()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app := &App{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(app.Run(ctx, os.Args[1:]))
}
