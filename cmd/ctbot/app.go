package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/bot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/figures"
	"github.com/cttechplus/ctbot/internal/clock"
	"github.com/cttechplus/ctbot/storage"
)

// App is the ctbot binary with its inputs and outputs injected, so tests
// run it in-process.
type App struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Clock          clock.Clock // nil means the real clock
	// OnListen, if set, is told each address `serve` listens on, "slack"
	// or "metrics" (tests use port 0).
	OnListen func(what, addr string)
	// Hangup, if set, stands for SIGHUP in `serve` (tests).
	Hangup <-chan os.Signal
}

// subcommand is one `ctbot SUB`.
type subcommand struct {
	name    string
	args    string
	summary string
	run     func(ctx context.Context, a *App, env *env, fs *flag.FlagSet, args []string) error
	flags   func(fs *flag.FlagSet, env *env)
	// db is what the command does with the database; it takes -db unless
	// dbNone.
	db dbUse
	// withDB: the command takes no arguments and works on the opened
	// database, e.db, which the dispatcher closes afterwards.
	withDB bool
	// noConfig: the command reads no configuration and takes no -config.
	noConfig bool
}

// dbUse is what a subcommand does with the database file.
type dbUse int

const (
	dbNone    dbUse = iota // does not touch it
	dbRead                 // opens it, and refuses one that does not exist
	dbCreate               // opens it, creating it if it does not exist
	dbReplace              // replaces it with a copy
)

func (a *App) subcommands() []subcommand {
	return []subcommand{
		{name: "console", args: "[-user U123]", summary: "Type /ct commands on standard input, without Slack.", run: runConsole, db: dbCreate, withDB: true,
			flags: func(fs *flag.FlagSet, e *env) {
				fs.StringVar(&e.user, "user", "UCONSOLE", "the Slack user ID the console acts as")
			}},
		{name: "serve", args: "[-listen ADDR]", summary: "Connect to Slack (Socket Mode or signed HTTP, per slack.mode) and serve until stopped.", run: runServe, db: dbCreate,
			flags: func(fs *flag.FlagSet, e *env) {
				fs.StringVar(&e.listen, "listen", "", "address of Slack's request URLs and /healthz, e.g. :3000 (overrides slack.listen)")
			}},
		{name: "digest", args: "[-at TIME] [-post]", summary: "Print the weekly digest as known at an instant, or post it (once).", run: runDigest, db: dbRead, withDB: true,
			flags: func(fs *flag.FlagSet, e *env) {
				fs.StringVar(&e.at, "at", "", "instant: RFC 3339, or YYYY-MM-DDTHH:MM in the programme's time zone (default now)")
				fs.BoolVar(&e.post, "post", false, "post it to Slack and record the run; a digest already posted is not posted again")
			}},
		{name: "report", args: "[-period 2026-Q3|2026-H2|2026|final] [-phase NAME] [-country KE] [-format text|csv|xlsx|iati] [-o FILE]",
			summary: "Write the logframe of a reporting period: text, CSV, XLSX workbook or IATI 2.03 XML.", run: runReport, db: dbRead, withDB: true,
			flags: func(fs *flag.FlagSet, e *env) { e.report.register(fs, "text, csv, xlsx or iati", true) }},
		{name: "export", args: "[-format csv|xlsx] [-from DATE] [-to DATE] -o FILE",
			summary: "Write every entry (all fields, evidence, verification) and the audit trail as CSV or XLSX.", run: runExport, db: dbRead, withDB: true,
			flags: func(fs *flag.FlagSet, e *env) { e.report.register(fs, "csv or xlsx", false) }},
		{name: "jobs", summary: "List the schedules with their next three runs, and the latest runs.", run: runJobs, db: dbRead, withDB: true},
		{name: "backup", args: "FILE", summary: "Write a consistent copy of the database to FILE, also while ctbot is serving.", run: runBackup, db: dbRead},
		{name: "migrate", summary: "Create or upgrade the database schema, after a copy of the database as it was.", run: runMigrate, db: dbCreate},
		{name: "restore", args: "FILE", summary: "Replace the database with a copy (from ctbot backup), keeping the one it replaces; with ctbot stopped.", run: runRestore, db: dbReplace},
		{name: "check-config", summary: "Validate the configuration and report every mistake with its line.", run: runCheckConfig},
		{name: "health", args: "[-addr HOST:PORT]", summary: "Ask the serving ctbot whether it works (its /healthz on metrics.listen): exit 0, or 1 with the reasons.", run: runHealth,
			flags: func(fs *flag.FlagSet, e *env) {
				fs.StringVar(&e.healthAddr, "addr", "", "address of the serving ctbot's metrics listener (overrides metrics.listen)")
			}},
		{name: "version", summary: "Print the release and commit this ctbot was built from.", run: runVersion, noConfig: true},
	}
}

// env is what every subcommand shares: flags, configuration and logger.
type env struct {
	configPath string
	dbPath     string
	user       string
	listen     string
	healthAddr string      // of `ctbot health`
	db         *storage.DB // for subcommands withDB
	dbUse      dbUse
	at         string
	post       bool
	report     reportFlags
	cfg        *config.Config
	log        *slog.Logger
}

// errUsage is returned for bad command lines; the message was printed already.
var errUsage = errors.New("usage")

// Run runs ctbot with the given arguments and returns the exit code.
func (a *App) Run(ctx context.Context, args []string) int {
	a.Clock = clock.Or(a.Clock)
	if a.Getenv == nil {
		a.Getenv = os.Getenv
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		a.usage(a.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, sc := range a.subcommands() {
		if sc.name != args[0] {
			continue
		}
		e := &env{dbUse: sc.db}
		fs := flag.NewFlagSet("ctbot "+sc.name, flag.ContinueOnError)
		fs.SetOutput(a.Stderr)
		synopsis := []string{"ctbot", sc.name}
		if !sc.noConfig {
			fs.StringVar(&e.configPath, "config", "", "configuration file (default ./config.toml if present, else the built-in config.example.toml)")
			synopsis = append(synopsis, "[-config FILE]")
		}
		if sc.db != dbNone {
			fs.StringVar(&e.dbPath, "db", "", "SQLite database file (overrides storage.path)")
			synopsis = append(synopsis, "[-db PATH]")
		}
		if sc.flags != nil {
			sc.flags(fs, e)
		}
		if sc.args != "" {
			synopsis = append(synopsis, sc.args)
		}
		fs.Usage = func() {
			fmt.Fprintf(fs.Output(), "Usage: %s\n\n%s\n", strings.Join(synopsis, " "), sc.summary)
			if sc.noConfig && sc.db == dbNone && sc.flags == nil {
				return
			}
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if err := a.runSub(ctx, sc, e, fs); err != nil {
			if errors.Is(err, errUsage) {
				return 2
			}
			fmt.Fprintln(a.Stderr, "ctbot "+sc.name+": "+err.Error())
			return 1
		}
		return 0
	}
	fmt.Fprintf(a.Stderr, "ctbot: unknown command %q\n\n", args[0])
	a.usage(a.Stderr)
	return 2
}

// runSub runs a subcommand, first opening the database for those withDB.
func (a *App) runSub(ctx context.Context, sc subcommand, e *env, fs *flag.FlagSet) error {
	if !sc.withDB {
		return sc.run(ctx, a, e, fs, fs.Args())
	}
	if err := noArgs(fs, fs.Args()); err != nil {
		return err
	}
	db, err := a.openDB(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	e.db = db
	return sc.run(ctx, a, e, fs, nil)
}

func (a *App) usage(w io.Writer) {
	fmt.Fprintf(w, "ctbot %s — the %s coordination bot for Slack.\n\nUsage: ctbot <command> [flags]\n\nCommands:\n", ctbot.Version, "CT TECH+")
	for _, sc := range a.subcommands() {
		fmt.Fprintf(w, "  %-13s %s\n", sc.name, sc.summary)
	}
	fmt.Fprintln(w, "\nCommands take -config FILE, and those that use the database -db PATH. Run `ctbot <command> -h` for its flags.")
}

// loadConfig resolves -config: the named file, else ./config.toml if it
// exists, else the built-in default. A bad configuration stops ctbot.
func (a *App) loadConfig(e *env) error {
	path := e.configPath
	if path == "" {
		if _, err := os.Stat("config.toml"); err == nil {
			path = "config.toml"
		}
	}
	var err error
	if path == "" {
		e.cfg = config.Default()
	} else if e.cfg, err = config.Load(path); err != nil {
		return err
	}
	if e.dbPath != "" {
		e.cfg.Storage.Path = e.dbPath
	}
	if e.listen != "" {
		e.cfg.Slack.Listen = e.listen
	}
	e.log = newLogger(a.Stderr, e.cfg.Log, a.Clock)
	return nil
}

// newLogger writes at the configured level and format, without secrets,
// and at most one line a minute of each kind of error (with a count).
func newLogger(w io.Writer, c config.Log, clk clock.Clock) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level))
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if c.Format == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(bot.NewSampledHandler(bot.RedactingHandler{Handler: h}, clk, slog.LevelError))
}

// openDB loads the configuration and opens the database as it is: only
// `migrate` and `serve` change a schema. A command that reads the database
// refuses one that does not exist; `console` creates a new one (with its
// schema), but refuses an existing one of an older schema.
func (a *App) openDB(ctx context.Context, e *env) (*storage.DB, error) {
	if err := a.loadConfig(e); err != nil {
		return nil, err
	}
	path := e.cfg.Storage.Path
	open := storage.OpenAsIs
	if e.dbUse == dbRead {
		if err := dbExists(e); err != nil {
			return nil, err
		}
	} else if st, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) || err == nil && st.Size() == 0 {
		open = storage.Open // a new database: nothing to keep from migrating
	}
	db, err := open(ctx, path, a.Clock)
	if se := (*storage.SchemaError)(nil); errors.As(err, &se) && se.Older() {
		return nil, fmt.Errorf("database %s has schema version %d, older than the %d of this ctbot (%s); only `ctbot migrate` and `ctbot serve` upgrade a database: stop the ctbot serving it, then run `%s` (it keeps a copy of the database first)",
			path, se.Version, se.Want, ctbot.Version, migrateCommand(e))
	}
	if err != nil {
		return nil, err
	}
	db.SetLogger(e.log)
	db.SetFramework(e.cfg.Framework)
	return db, nil
}

// dbExists says which database file is missing and how to create it,
// rather than let opening it create an empty one.
func dbExists(e *env) error {
	path := e.cfg.Storage.Path
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil // opening it reports any other trouble
	}
	name := path
	if abs, err := filepath.Abs(path); err == nil {
		name = abs
	}
	if e.dbPath == "" {
		name += " (storage.path in " + e.cfg.Source + ")"
	}
	return fmt.Errorf("database %s does not exist; create it with `%s` (ctbot serve and ctbot console also create it)", name, migrateCommand(e))
}

// migrateCommand is the `ctbot migrate` of the same -config and -db.
func migrateCommand(e *env) string {
	migrate := "ctbot migrate"
	if e.configPath != "" {
		migrate += " -config " + shellQuote(e.configPath)
	}
	if e.dbPath != "" {
		migrate += " -db " + shellQuote(e.dbPath)
	}
	return migrate
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,/:+=@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// newCore builds the command core for a configuration and database.
func (a *App) newCore(e *env, db *storage.DB) *commands.Core { return a.gatedCore(e, db, nil) }

// gatedCore is newCore on Slack: with a gate, roles are given only to
// people of the workspace.
func (a *App) gatedCore(e *env, db *storage.DB, gate *bot.Gate) *commands.Core {
	var admits func(context.Context, string) error
	if gate != nil {
		admits = gate.AdmitsUser
	}
	figs := figures.New(e.cfg.Framework, db, a.Clock.Now)
	db.Watch(figs)
	return commands.New(commands.Options{
		Figures:   figs,
		Admits:    admits,
		Framework: e.cfg.Framework, Access: e.cfg.Access, Store: db, Now: a.Clock.Now, Log: e.log,
		Command: e.cfg.Slack.Command, LookaheadDays: e.cfg.Digest.LookaheadDays, QuietAfterDays: e.cfg.Digest.QuietAfterDays,
		DigestLanguage: e.cfg.Digest.Language,
	})
}

// noteFramework logs the configuration's results framework as a new
// version when it differs from the latest logged: a ctbot that writes to
// the database does so when it starts.
func noteFramework(ctx context.Context, e *env, core *commands.Core) error {
	v, logged, err := core.NoteFramework(ctx, e.cfg.Source)
	if err != nil {
		return err
	}
	if logged && len(v.Changes) > 0 {
		e.log.Info("the results framework of the configuration changed; /ct period lists the changes", "version", v.ID, "changes", len(v.Changes))
	}
	return nil
}

func noArgs(fs *flag.FlagSet, args []string) error {
	if len(args) > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", strings.Join(args, " "))
		fs.Usage()
		return errUsage
	}
	return nil
}

func runVersion(_ context.Context, a *App, _ *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "ctbot %s %s\n", ctbot.Build(), runtime.Version())
	return nil
}

func runCheckConfig(_ context.Context, a *App, e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if err := a.loadConfig(e); err != nil {
		return err
	}
	c := e.cfg
	fmt.Fprintf(a.Stdout, "%s is valid: %s, %s to %s (%s), %d countries, %d indicators, slack mode %s, digest %q.\n",
		c.Source, c.Programme.Name, c.Programme.Start, c.Programme.End, c.Programme.Timezone,
		len(c.Framework.Countries), len(c.Framework.Indicators), c.Slack.Mode, c.Digest.Schedule)
	return nil
}
