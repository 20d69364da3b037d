package storage

import (
	"compress/gzip"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
)

// releasedMigrations are the SHA-256 sums of every released migration, as
// main released them: a released migration is never edited (a database
// that applied it would differ from one that applies it now). Add a new
// migration's sum here once it is merged.
var releasedMigrations = map[string]string{
	"0001_entries.sql":           "72a5adae282b0a4a9db1f0e1ffe239f663ac5d68a2be299382c9ef842044f2b7",
	"0002_slack_events.sql":      "1f4b23b46c3b937f5dcc34cb3f93c08df3eaa8d6e82218333eeb0f4e7cf10836",
	"0003_job_runs.sql":          "c74bfd6fd7ae4caf1a3cc3cafc65b72fef533789c648867a799434323794c4c6",
	"0004_rollups.sql":           "f9344af28d69f589235db43ec001aa92733bae88aa1f3367eb4c52855e449ed8",
	"0005_action_keys.sql":       "570e243b4033383b5cf5f3d9d7cfa5ff6b166c7ccad073ee58bce517fd344ca7",
	"0006_first_started.sql":     "0eb52c709737226b5ffa42603ca77ffe201437cbc1764d37025404ed70072e29",
	"0007_versions.sql":          "7a7e82658c7cb0d574a223206b8f187da8dc90dc179b5a788a423f3407bc07ab",
	"0008_evidence_periods.sql":  "2e8c30ed2bc48a8f179c8bf1f0b4bbff22ab15427829857b7792c0f4433f4810",
	"0009_redaction.sql":         "bbe63aa32a16683fb6d26faf9085e2a0c7d2671a4acf968a3406651952686355",
	"0010_compact.sql":           "56e0961e2bbdbe195e02ef5070a669c53325c65e73ff2d5e1dff5fda96f5ada6",
	"0011_live.sql":              "b70ceb38f46e081db4f04001243003bb925e5cc5521a3d19ab934543dce5ebde",
	"0012_training_index.sql":    "39a643403342862f2965f45c06a13f2d2f9416fe358b2689f3736411c0b3dcac",
	"0013_courses_readiness.sql": "1bf96247ac10bd5f62831bc9e40f7dafaa30fdf857addeb5cabc5acf8364a51b",
	"0014_roles.sql":             "d69b9a31c4a83075f939396e055aed8460b364cf5b9e6f22ef2ffd3b83799d83",
	"0015_event_snoozes.sql":     "43113af95ba6aa5a1e07bd5cc6b2d0d3d68f8156343252dc2c65aa1872026dde",
	"0016_settings.sql":          "a52d05c275faa0087b642e544121ea219fc9ba438b63e4f84b919222c1362eb7",
	"0017_commit_order.sql":      "e90b8fc50ccb6e288de38c40ab7336cbaa10f3778367d5d6be37f5835b9b8a4c",
}

// TestReleasedMigrationsNeverChange fails when the text of a released
// migration changes, or a migration has no recorded sum.
func TestReleasedMigrationsNeverChange(t *testing.T) {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		want, ok := releasedMigrations[m.name]
		switch {
		case !ok:
			t.Errorf("%s has no sum in releasedMigrations: add %q once it is released", m.name, m.sum)
		case want != m.sum:
			t.Errorf("%s was edited after its release (SHA-256 %s, released %s): add a new migration instead", m.name, m.sum, want)
		}
	}
	for name := range releasedMigrations {
		if !slices.ContainsFunc(ms, func(m migration) bool { return m.name == name }) {
			t.Errorf("%s was released but is gone: a released migration is never removed or renamed", name)
		}
	}
}

// schemaOf is every table, index and trigger of a database with its SQL.
func schemaOf(t *testing.T, q querier) []string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), `SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master
		WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// loadDump writes the gzipped SQL dump at src into a new database file.
func loadDump(t *testing.T, src, path string) {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	dump, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(string(dump)); err != nil {
		t.Fatalf("loading %s: %v", src, err)
	}
}

// TestUpgradeFromEveryRelease migrates a database built by each released
// ctbot (storage/testdata/releases): the schema becomes exactly that of a
// new database, a copy of the database as it was is kept, and the entries
// and figures are all there.
func TestUpgradeFromEveryRelease(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-12-10T09:00:00Z")
	fresh, err := Open(ctx, filepath.Join(t.TempDir(), "fresh.db"), clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	want := schemaOf(t, fresh.reads())
	fresh.Close()
	latest := LatestSchema()

	dumps, err := filepath.Glob("testdata/releases/*.sql.gz")
	if err != nil || len(dumps) < 17 {
		t.Fatalf("dumps: %v %v", dumps, err)
	}
	for _, dump := range dumps {
		name := strings.TrimSuffix(filepath.Base(dump), ".sql.gz")
		t.Run(name, func(t *testing.T) {
			from, _ := strconv.Atoi(name[:2])
			path := filepath.Join(t.TempDir(), "ctbot.db")
			loadDump(t, dump, path)
			db, err := open(path, clock.Now)
			if err != nil {
				t.Fatal(err)
			}
			res, err := db.Migrate(ctx)
			db.Close()
			if err != nil {
				t.Fatalf("migrate: %v", err)
			}
			if res.From != from || res.To != latest || len(res.Applied) != latest-from {
				t.Errorf("migrated %d → %d applying %v; want %d → %d", res.From, res.To, res.Applied, from, latest)
			}
			early := strings.Contains(name, "b1d57dc") || strings.Contains(name, "d30be10") || strings.Contains(name, "5a4f889") || strings.Contains(name, "5e3a85d")
			if got := slices.Contains(res.Reconciled, "0001_entries.sql"); got != early {
				t.Errorf("reconciled %v; 0001 in the form of b1d57dc: %v", res.Reconciled, early)
			}
			checkCopy(t, res.Copy, path, from)

			db, err = Open(ctx, path, clock.Now)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if got := schemaOf(t, db.reads()); !slices.Equal(got, want) {
				t.Errorf("schema after the upgrade differs from a new database's:\n%s", diffLines(got, want))
			}
			var check string
			if err := db.reads().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
				t.Errorf("integrity_check = %q, %v", check, err)
			}
			checkReleaseFigures(t, db)
		})
	}
}

// checkCopy checks the copy migrate took: private, and the database as it
// was before.
func checkCopy(t *testing.T, copyPath, path string, from int) {
	t.Helper()
	if !strings.HasPrefix(copyPath, path+".pre-"+strconv.Itoa(from)+"-") || !strings.HasSuffix(copyPath, ".bak") {
		t.Fatalf("copy %q, want %s.pre-%d-TIME.bak", copyPath, path, from)
	}
	st, err := os.Stat(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("copy mode %v, want 0600", st.Mode().Perm())
	}
	c, err := open(copyPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if v, err := c.SchemaVersion(context.Background()); err != nil || v != from {
		t.Errorf("the copy is at schema %d (%v), want %d", v, err, from)
	}
}

// checkReleaseFigures checks what the console script of the release dumps
// recorded (see testdata/releases/README.md), and that a new entry follows.
func checkReleaseFigures(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	s, err := db.Current(ctx, config.Default().Framework)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Trainings["KE"], (ctbot.TrainingTotals{Count: 1, Online: 1, Trained: 25, New: 20, Women: 9, Reported: 25}); got != want {
		t.Errorf("KE trainings %+v, want %+v", got, want)
	}
	if got := s.Trainings["GH"]; got.Count != 1 || got.Trained != 12 || got.Women != 4 {
		t.Errorf("GH trainings %+v", got)
	}
	if got := s.Trainings["NG"]; got.Count != 0 {
		t.Errorf("NG trainings %+v: the retracted one counts", got)
	}
	if got := s.Workshops["NG"]; got.Held != 1 || got.Participants != 32 || got.Women != 11 {
		t.Errorf("NG workshops %+v", got)
	}
	if k := s.Kickoffs["KE"]; k == nil || k.Status != ctbot.StatusHeld {
		t.Errorf("KE kick-off %+v", k)
	}
	if v := s.Indicators[ctbot.IndicatorKey{Indicator: "women-policy", Country: "GH"}]; v.Value != 4 || v.Denom != 15 {
		t.Errorf("women-policy GH %+v", v)
	}
	n, err := db.CountHistory(ctx, ctbot.EntryFilter{})
	if err != nil || n != 10 {
		t.Errorf("%d entries (%v), want 10", n, err)
	}
	e := &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Note: "after the upgrade", UserID: "U1"}
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil || e.ID != 11 {
		t.Errorf("a new entry: #%d, %v; want #11", e.ID, err)
	}
}

// diffLines lists the lines only in got (+) or only in want (-).
func diffLines(got, want []string) string {
	var b strings.Builder
	for _, g := range got {
		if !slices.Contains(want, g) {
			b.WriteString("+ " + g + "\n")
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			b.WriteString("- " + w + "\n")
		}
	}
	return b.String()
}
