package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/cttechplus/ctbot/storage"
)

// runMigrate upgrades the database's schema, after a copy of it.
func runMigrate(ctx context.Context, a *App, e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if err := a.loadConfig(e); err != nil {
		return err
	}
	path := e.cfg.Storage.Path
	db, err := storage.Open(ctx, path, a.Clock)
	if err != nil {
		return err
	}
	defer db.Close()
	res := db.Migrated()
	if res.Copy != "" {
		fmt.Fprintf(a.Stdout, "%s: copied it first, as it was (schema version %d), to %s\n", path, res.From, res.Copy)
	}
	for _, name := range res.Reconciled {
		fmt.Fprintf(a.Stdout, "%s: brought %s, applied by an early ctbot in a form since changed, to the form of today\n", path, name)
	}
	if len(res.Applied) == 0 {
		fmt.Fprintf(a.Stdout, "%s is up to date (schema version %d).\n", path, res.To)
		return nil
	}
	fmt.Fprintf(a.Stdout, "%s: applied %s; schema version %d.\n", path, strings.Join(res.Applied, ", "), res.To)
	return nil
}

// runBackup copies the database as it is, whatever its schema: the copy
// to take before an upgrade is one of the database the old ctbot wrote.
func runBackup(ctx context.Context, a *App, e *env, fs *flag.FlagSet, args []string) error {
	if len(args) != 1 {
		fmt.Fprintln(fs.Output(), "backup needs exactly one argument: the file to write")
		fs.Usage()
		return errUsage
	}
	if err := a.loadConfig(e); err != nil {
		return err
	}
	if err := dbExists(e); err != nil {
		return err
	}
	db, err := storage.OpenNoMigrate(e.cfg.Storage.Path, a.Clock)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, args[0]); err != nil {
		return err
	}
	st, err := os.Stat(args[0])
	if err != nil {
		return err
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "backed up %s (schema version %d) to %s (%d bytes, integrity ok)\n", db.Path(), v, args[0], st.Size())
	return nil
}

// runRestore replaces the database with a copy and says what it did.
func runRestore(ctx context.Context, a *App, e *env, fs *flag.FlagSet, args []string) error {
	if len(args) != 1 {
		fmt.Fprintln(fs.Output(), "restore needs exactly one argument: the copy to restore, e.g. a file `ctbot backup` wrote")
		fs.Usage()
		return errUsage
	}
	if err := a.loadConfig(e); err != nil {
		return err
	}
	path := e.cfg.Storage.Path
	res, err := storage.Restore(ctx, path, args[0], a.Clock.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "restored %s from %s (schema version %d, entries up to #%d)\n", path, args[0], res.Version, res.Last)
	if res.Aside != "" {
		fmt.Fprintf(a.Stdout, "the database it replaced is at %s\n", res.Aside)
	}
	if res.Unread != nil {
		fmt.Fprintf(a.Stdout, "warning: %v; new entries are numbered past the mark of IDs given before, which %s keeps\n", res.Unread, path+".ids")
	}
	fmt.Fprintf(a.Stdout, "new entries will be numbered from #%d, past every entry ID given before\n", res.NextID)
	if latest := storage.LatestSchema(); res.Version < latest {
		fmt.Fprintf(a.Stdout, "its schema is older than this ctbot's (%d): `%s` upgrades it (ctbot serve also does), or run the ctbot that wrote it\n", latest, migrateCommand(e))
	}
	return nil
}
