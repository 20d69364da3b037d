package main

import (
	"context"
	"encoding/json"
	"os"
	"os/signal"
	"syscall"
	"testing"

	"github.com/cttechplus/ctbot/internal/testmain"
)

// childEnv makes the test binary act as the ctbot binary, so tests can run
// ctbot as a separate process (and kill it) without building it.
const childEnv = "CTBOT_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if raw := os.Getenv(childEnv); raw != "" {
		var args []string
		if err := json.Unmarshal([]byte(raw), &args); err != nil {
			panic(err)
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		app := &App{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
		code := app.Run(ctx, args)
		stop()
		os.Exit(code)
	}
	testmain.Run(m)
}
