package main

import (
	"context"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
)

// hangups is where serve hears SIGHUP: App.Hangup in tests, else the
// signal itself, which then no longer stops ctbot.
func (a *App) hangups() (<-chan os.Signal, func()) {
	if a.Hangup != nil {
		return a.Hangup, func() {}
	}
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP)
	return ch, func() { signal.Stop(ch) }
}

// reloadOnHangup reloads the configuration's [access] on each SIGHUP until
// ctx ends.
func reloadOnHangup(ctx context.Context, hup <-chan os.Signal, e *env, core *commands.Core) {
	access := e.cfg.Access
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			access = reload(e, core, access)
		}
	}
}

// reload reads the configuration file again and applies what can change
// while ctbot serves: who may do what ([access]). A configuration with
// mistakes changes nothing; anything else changed applies at the next
// restart. It returns the access in force.
func reload(e *env, core *commands.Core, old ctbot.Access) ctbot.Access {
	if e.cfg.Source == config.DefaultName {
		e.log.Info("SIGHUP: nothing to reload (ctbot runs on its built-in configuration); restart to apply configuration changes")
		return old
	}
	cfg, err := config.Load(e.cfg.Source)
	if err != nil {
		e.log.Error("SIGHUP: configuration not reloaded; ctbot goes on with the one it has", "err", err)
		return old
	}
	core.SetAccess(cfg.Access)
	changed := !slices.Equal(old.Coordinators, cfg.Access.Coordinators) || !slices.Equal(old.Managers, cfg.Access.Managers) || !slices.Equal(old.Staff, cfg.Access.Staff)
	e.log.Info("SIGHUP: reloaded [access] from the configuration; other changes to it apply at the next restart", "path", cfg.Source, "changed", changed,
		"coordinators", len(cfg.Access.Coordinators), "managers", len(cfg.Access.Managers), "staff", len(cfg.Access.Staff))
	return cfg.Access
}
