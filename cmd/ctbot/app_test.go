package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
)

// run runs ctbot in-process with the given standard input.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &App{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		Getenv: func(string) string { return "" }, Clock: fakeclock.At("2026-11-27T09:00:00Z")}
	code = app.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestConsolePipedSession(t *testing.T) {
	db := filepath.Join(t.TempDir(), "console.db")
	session := strings.Join([]string{
		"/ct log kenya Met the cybercrime unit",
		`training kenya 2026-11-20 "OSINT basics" trained=25 women=9 new=20 online`,
		"",
		"# comments are skipped",
		"status kenya",
		"training kenyaa 2026-11-20 \"x\" trained=3",
		"undo",
		"undo 2",
		"history",
	}, "\n")
	code, out, errOut := run(t, session, "console", "-db", db, "-user", "U0CONSOLE")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	for _, want := range []string{
		"> /ct log kenya Met the cybercrime unit\n✅ Recorded #1: Kenya — update: “Met the cybercrime unit”",
		"> /ct training kenya",
		"Recorded #2",
		"Kenya — status on Fri 27 Nov 2026",
		"🟠 Investigators trained — 20 of 40",
		"⚠️ I don't know the country “kenyaa”. Did you mean `Kenya`? Nothing was recorded.",
		"Your latest entry is #2",
		"🗑️ Retracted #2",
		"@U0CONSOLE",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "comments are skipped") {
		t.Errorf("comment line was run")
	}
	// The database persists between sessions.
	_, out, _ = run(t, "history\n", "console", "-db", db)
	if !strings.Contains(out, "#1") || !strings.Contains(out, "#2") {
		t.Errorf("second session does not see the entries:\n%s", out)
	}
}

func TestCheckConfig(t *testing.T) {
	code, out, _ := run(t, "", "check-config")
	if code != 0 || !strings.Contains(out, "is valid: CT TECH+") || !strings.Contains(out, "9 countries, 6 indicators") {
		t.Errorf("built-in config: exit %d, %s", code, out)
	}
	bad := strings.Replace(string(ctbot.DefaultConfig), `measure = "percent"`, `measure = "ratio"`, 1)
	bad = strings.Replace(bad, "name = \"Kenya\"\naliases = []\nfocal_points = []", "name = \"Kenya\"\naliases = []\nfocal_points = [\"U0KE1\", \"U0KE1\"]", 1)
	path := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "", "check-config", "-config", path)
	// Countries and indicators are named by their codes, not their index.
	for _, want := range []string{"bad.toml: 2 problems", ": country KE.focal_points: \"U0KE1\" is listed twice",
		": indicator women-policy.measure: \"ratio\" is not a measure"} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("bad config: exit %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
	// Other commands refuse to start on it too.
	if code, _, _ := run(t, "status\n", "console", "-config", path, "-db", filepath.Join(t.TempDir(), "x.db")); code != 1 {
		t.Errorf("console started on a bad config: exit %d", code)
	}
}

func TestMigrateAndVersionAndUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	code, out, _ := run(t, "", "migrate", "-db", db)
	if code != 0 || !strings.Contains(out, "applied 0001_entries.sql") {
		t.Errorf("migrate: exit %d, %s", code, out)
	}
	code, out, _ = run(t, "", "migrate", "-db", db)
	if code != 0 || !strings.Contains(out, "is up to date") {
		t.Errorf("second migrate: exit %d, %s", code, out)
	}
	if code, out, _ := run(t, "", "version"); code != 0 || !strings.HasPrefix(out, "ctbot ") {
		t.Errorf("version: %d %s", code, out)
	}
	if code, _, errOut := run(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown: %d %s", code, errOut)
	}
	if code, out, _ := run(t, "", "-h"); code != 0 || !strings.Contains(out, "console") || !strings.Contains(out, "check-config") {
		t.Errorf("-h: %d %s", code, out)
	}
	if code, _, errOut := run(t, "", "console", "-h"); code != 0 || !strings.Contains(errOut, "-user") || !strings.Contains(errOut, "-config") {
		t.Errorf("console -h: %d %s", code, errOut)
	}
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	run(t, "log kenya to be backed up\n", "console", "-db", db)
	out := filepath.Join(dir, "copy.db")
	code, stdout, stderr := run(t, "", "backup", "-db", db, out)
	if code != 0 || !strings.Contains(stdout, "integrity ok") {
		t.Fatalf("backup: %d %s %s", code, stdout, stderr)
	}
	_, hist, _ := run(t, "history\n", "console", "-db", out)
	if !strings.Contains(hist, "to be backed up") {
		t.Errorf("the copy lacks the entry:\n%s", hist)
	}
	if code, _, stderr := run(t, "", "backup", "-db", db, out); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("backup over a file: %d %s", code, stderr)
	}
	if code, _, _ := run(t, "", "backup", "-db", db); code != 2 {
		t.Errorf("backup without a file: %d", code)
	}
}

// TestReadingCommandsRefuseAMissingDatabase runs every command that reads
// the database on a file that does not exist: each says which file and how
// to create it, and creates nothing.
func TestReadingCommandsRefuseAMissingDatabase(t *testing.T) {
	tests := []struct {
		name string
		args func(db, dir string) []string
	}{
		{"backup", func(db, dir string) []string { return []string{"backup", "-db", db, filepath.Join(dir, "copy.db")} }},
		{"digest", func(db, _ string) []string { return []string{"digest", "-db", db} }},
		{"digest", func(db, _ string) []string { return []string{"digest", "-db", db, "-post"} }},
		{"report", func(db, _ string) []string { return []string{"report", "-db", db, "-period", "2026-Q3"} }},
		{"report", func(db, dir string) []string {
			return []string{"report", "-db", db, "-format", "csv", "-o", filepath.Join(dir, "q3.csv")}
		}},
		{"export", func(db, dir string) []string {
			return []string{"export", "-db", db, "-o", filepath.Join(dir, "all.xlsx")}
		}},
		{"jobs", func(db, _ string) []string { return []string{"jobs", "-db", db} }},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.name] = true
		dir := t.TempDir()
		db := filepath.Join(dir, "nope.db")
		args := tt.args(db, dir)
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			code, out, errOut := run(t, "", args...)
			want := "ctbot " + tt.name + ": database " + db + " does not exist; create it with `ctbot migrate -db " + db + "`"
			if code != 1 || out != "" || !strings.Contains(errOut, want) || !strings.Contains(errOut, "serve and ctbot console also create it") {
				t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and %q", args, code, out, errOut, want)
			}
			if files, _ := os.ReadDir(dir); len(files) > 0 {
				t.Errorf("%v created %s", args, files[0].Name())
			}
		})
	}
	// Every command that reads the database is above; only these create it.
	var app App
	for _, sc := range app.subcommands() {
		switch {
		case sc.db == dbRead && !covered[sc.name]:
			t.Errorf("%s reads the database but is not tested on a missing one", sc.name)
		case sc.db == dbCreate && sc.name != "migrate" && sc.name != "serve" && sc.name != "console":
			t.Errorf("%s may create a database; only migrate, serve and console may", sc.name)
		}
	}
}

// TestMissingDatabaseOfTheConfig names storage.path, its configuration
// file and the -config the command to create it needs.
func TestMissingDatabaseOfTheConfig(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ctbot.db")
	cfg := filepath.Join(dir, "c.toml")
	src := strings.Replace(string(ctbot.DefaultConfig), `path = "ctbot.db"`, `path = "`+db+`"`, 1)
	if err := os.WriteFile(cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "", "jobs", "-config", cfg)
	want := "ctbot jobs: database " + db + " (storage.path in " + cfg + ") does not exist; create it with `ctbot migrate -config " + cfg + "`"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want %q", code, errOut, want)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("jobs created %s", db)
	}
	// Created as the message says, the database opens.
	if code, _, errOut := run(t, "", "migrate", "-config", cfg); code != 0 {
		t.Fatalf("migrate: %s", errOut)
	}
	if code, out, errOut := run(t, "", "jobs", "-config", cfg); code != 0 || !strings.Contains(out, "none yet") {
		t.Errorf("jobs after migrate: exit %d, %s %s", code, out, errOut)
	}
}

// TestHelpListsEveryFlag checks each command's -h: its usage line names
// every flag it takes, and only commands that use the database take -db.
func TestHelpListsEveryFlag(t *testing.T) {
	var app App
	for _, sc := range app.subcommands() {
		code, out, errOut := run(t, "", sc.name, "-h")
		if code != 0 || out != "" {
			t.Errorf("%s -h: exit %d, stdout %q", sc.name, code, out)
		}
		usage, _, _ := strings.Cut(errOut, "\n")
		if !strings.HasPrefix(usage, "Usage: ctbot "+sc.name) {
			t.Errorf("%s -h starts %q", sc.name, usage)
		}
		var flags []string
		for _, line := range strings.Split(errOut, "\n") {
			if name, ok := strings.CutPrefix(line, "  -"); ok {
				name, _, _ = strings.Cut(name, " ")
				flags = append(flags, name)
				if !regexp.MustCompile(`[[ ]-` + name + `[] ]`).MatchString(usage + " ") {
					t.Errorf("%s: usage line %q lacks -%s", sc.name, usage, name)
				}
			}
		}
		if slices.Contains(flags, "db") != (sc.db != dbNone) {
			t.Errorf("%s: flags %v; -db is for the commands that use the database", sc.name, flags)
		}
	}
	_, _, errOut := run(t, "", "serve", "-h")
	if !strings.Contains(errOut, "Usage: ctbot serve [-config FILE] [-db PATH] [-listen ADDR]\n") || !strings.Contains(errOut, "  -listen string\n") {
		t.Errorf("serve -h:\n%s", errOut)
	}
}

// TestVersionTakesNoFlags: version refuses -db as any command refuses a
// flag it does not know, and prints nothing on standard output then.
func TestVersionTakesNoFlags(t *testing.T) {
	_, _, errOut := run(t, "", "version", "-h")
	if strings.Contains(errOut, "-db") || strings.Contains(errOut, "-config") || strings.Contains(errOut, "Flags:") {
		t.Errorf("version -h advertises flags:\n%s", errOut)
	}
	for _, args := range [][]string{{"version", "-db", "x.db"}, {"jobs", "-frobnicate", "x"}} {
		code, out, errOut := run(t, "", args...)
		want := "flag provided but not defined: " + args[1] + "\nUsage: ctbot " + args[0]
		if code != 2 || out != "" || !strings.HasPrefix(errOut, want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", args, code, out, errOut, want)
		}
	}
	if _, err := os.Stat("x.db"); !os.IsNotExist(err) {
		t.Errorf("version -db x.db created x.db")
	}
}
