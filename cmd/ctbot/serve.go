package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/bot"
	"github.com/cttechplus/ctbot/jobs"
	"github.com/cttechplus/ctbot/metrics"
	"github.com/cttechplus/ctbot/storage"
)

// shutdownGrace is how long ctbot waits for requests and work in flight
// when asked to stop.
const shutdownGrace = 15 * time.Second

// runServe connects ctbot to Slack (Socket Mode or signed HTTP) and serves
// until SIGINT or SIGTERM; then it stops taking requests, finishes those
// in flight and closes the database, in that order. SIGHUP reloads [access].
func runServe(ctx context.Context, a *App, e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if err := a.loadConfig(e); err != nil {
		return err
	}
	hup, stopHangups := a.hangups() // from now on SIGHUP no longer stops ctbot
	defer stopHangups()
	sc := e.cfg.Slack
	secrets, err := bot.LoadSecrets(a.Getenv, sc)
	if err != nil {
		return err
	}
	m := metrics.New()
	api := bot.NewClient(sc.APIURL, secrets, a.Clock, m, e.log)
	authCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	auth, err := api.AuthTestContext(authCtx)
	if err != nil {
		return authFailed(sc.APIURL, err)
	}
	if auth.TeamID == "" {
		return fmt.Errorf("auth.test did not say which workspace the token belongs to; ctbot cannot tell its users from others")
	}
	id := bot.NewIdentity(auth, sc.AllowedTeams, sc.ExternalUsers)
	if info, err := api.GetBotInfoContext(authCtx, slack.GetBotInfoParameters{Bot: auth.BotID}); err == nil {
		id.AppID = info.AppID
	} else {
		e.log.Warn("bots.info failed (is users:read granted?); the app ID of requests is not checked", "err", err)
	}
	e.log.Info("authenticated with Slack", "team", auth.Team, "team_id", auth.TeamID, "app_id", id.AppID, "bot_user", auth.UserID, "mode", sc.Mode)

	db, err := storage.Open(ctx, e.cfg.Storage.Path, a.Clock)
	if err != nil {
		return err
	}
	db.SetLogger(e.log)
	db.SetFramework(e.cfg.Framework)
	m.WatchDatabase(db)
	if release, other, err := storage.ClaimServing(db.Path(), a.Clock.Now()); err != nil {
		e.log.Warn("cannot tell whether another ctbot serves this database", "err", err)
	} else {
		defer release()
		if other != "" {
			e.log.Warn("another ctbot serves this database: both stay correct, but runs and answers come from either; stop one", "path", db.Path(), "other", other)
		}
	}
	if m := db.Migrated(); m.Copy != "" || len(m.Applied) > 0 {
		e.log.Info("upgraded the database", "path", db.Path(), "from", m.From, "to", m.To, "applied", m.Applied, "reconciled", m.Reconciled, "copy", m.Copy)
	}
	gate := bot.NewGate(api, id, auth.UserID, a.Clock.Now)
	core := a.gatedCore(e, db, gate)
	if err := noteFramework(ctx, e, core); err != nil {
		db.Close()
		return err
	}
	// The figures of now are read into memory before the first request.
	if _, err := core.Figures().Current(ctx); err != nil {
		e.log.Warn("reading the figures into memory failed; the first request will", "err", err)
	}
	// Reading them went through every entry in force: hand the memory that
	// took back to the system now, not minutes later.
	debug.FreeOSMemory()
	b := bot.New(bot.Options{Core: core, API: api, Events: db, BotUserID: auth.UserID, Gate: gate, Log: e.log, Clock: a.Clock, Metrics: m})
	runner, err := jobs.New(jobs.Options{Core: core, Store: db, Figures: core.Figures(), Poster: bot.SlackPoster{API: api, Gate: gate}, Config: e.cfg, Clock: a.Clock, Log: e.log, Metrics: m})
	if err != nil {
		db.Close()
		return err
	}

	var servers []*http.Server
	serveErr := make(chan error, 3)
	listen := func(what, addr string, handler http.Handler) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("listen on %s (%s): %w", addr, what, err)
		}
		srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
		servers = append(servers, srv)
		e.log.Info("listening", "what", what, "addr", ln.Addr().String())
		if a.OnListen != nil {
			a.OnListen(what, ln.Addr().String())
		}
		go func() {
			if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				serveErr <- err
			}
		}()
		return nil
	}
	if sc.Mode == "http" || sc.Listen != "" {
		handler := b.HTTPHandler(bot.HTTPOptions{SigningSecret: secrets.SigningSecret, DB: db, Log: e.log})
		if sc.Mode == "socket" {
			handler = healthOnly(handler) // no request URLs without a signing secret
		}
		if err := listen("slack", sc.Listen, handler); err != nil {
			db.Close()
			return err
		}
	}
	if addr := e.cfg.Metrics.Listen; addr != "" {
		mux := http.NewServeMux()
		mux.Handle("/metrics", m.Handler())
		health := b.HealthHandler(db) // also here: Socket Mode may have no Slack listener
		mux.Handle(bot.PathLive, health)
		mux.Handle(bot.PathHealth, health)
		if err := listen("metrics", addr, mux); err != nil {
			db.Close()
			return err
		}
	}
	if sc.Mode == "socket" {
		go func() { serveErr <- b.RunSocketMode(ctx) }()
	}
	go reloadOnHangup(ctx, hup, e, core)
	jobsDone := make(chan struct{})
	jobsCtx, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	go func() { defer close(jobsDone); runner.Run(jobsCtx) }()

	select {
	case <-ctx.Done():
		e.log.Info("shutting down")
	case err = <-serveErr:
		e.log.Error("transport stopped", "err", err)
	}
	grace, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	for _, srv := range servers {
		if serr := srv.Shutdown(grace); serr != nil {
			e.log.Warn("HTTP shutdown", "err", serr)
		}
	}
	stopJobs()
	select {
	case <-jobsDone:
	case <-grace.Done():
		e.log.Warn("scheduled work still running at shutdown")
	}
	if berr := b.Close(grace); berr != nil {
		e.log.Warn("bot shutdown", "err", berr)
	}
	if derr := db.Close(); derr != nil {
		err = errors.Join(err, derr)
	}
	e.log.Info("stopped")
	return err
}

// healthOnly serves /livez and /healthz (and other operator routes) but
// not the Slack request URLs, for Socket Mode.
func healthOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case bot.PathCommands, bot.PathEvents, bot.PathInteractions:
			http.Error(w, "ctbot runs in Socket Mode; request URLs are off", http.StatusNotFound)
		default:
			h.ServeHTTP(w, r)
		}
	})
}
