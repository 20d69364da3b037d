package main

import (
	"context"
	"encoding/json"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/cttechplus/ctbot/internal/fault"

	"github.com/cttechplus/ctbot/internal/testmain"
)

// childEnv makes the test binary act as the ctbot binary, so tests can run
// ctbot as a separate process (and kill it) without building it.
const childEnv = "CTBOT_TEST_CHILD_ARGS"

// faultEnv plants a fault in a child: "point:n:KILL" kills it with SIGKILL
// the nth time (from 0) it reaches the named point of package fault;
// "point:n:TERM" sends it SIGTERM there and goes on once the signal has
// cancelled ctx (so what follows the point always sees it).
const faultEnv = "CTBOT_TEST_FAULT"

func plantFault(ctx context.Context, spec string) {
	parts := strings.Split(spec, ":")
	if len(parts) != 3 {
		return
	}
	nth, _ := strconv.Atoi(parts[1])
	sig := syscall.SIGKILL
	if parts[2] == "TERM" {
		sig = syscall.SIGTERM
	}
	seen := 0
	fault.Set(func(p string) {
		if p != parts[0] {
			return
		}
		if seen == nth {
			_ = syscall.Kill(os.Getpid(), sig)
			if sig == syscall.SIGKILL {
				select {} // the kill is on its way
			}
			<-ctx.Done() // SIGTERM: stopping from here on
		}
		seen++
	})
}

func TestMain(m *testing.M) {
	if raw := os.Getenv(childEnv); raw != "" {
		var args []string
		if err := json.Unmarshal([]byte(raw), &args); err != nil {
			panic(err)
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		plantFault(ctx, os.Getenv(faultEnv))
		app := &App{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
		code := app.Run(ctx, args)
		stop()
		os.Exit(code)
	}
	testmain.Run(m)
}
