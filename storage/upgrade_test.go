package storage_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// schemaOf is every table, index and trigger of a database with its SQL;
// it checks the database's integrity too.
func schemaOf(t *testing.T, path string) []string {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.QueryContext(context.Background(), `SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master
		WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var check string
	if err := conn.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
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

// TestUpgradeFromEveryRelease migrates a database built by each released
// ctbot (storage/testdata/releases): the schema becomes exactly that of a
// new database, a copy of the database as it was is kept, and the entries
// and figures are all there.
func TestUpgradeFromEveryRelease(t *testing.T) {
	ctx := context.Background()
	clock := fakeclock.At("2026-12-10T09:00:00Z")
	freshPath := filepath.Join(t.TempDir(), "fresh.db")
	fresh, err := storage.Open(ctx, freshPath, clock)
	if err != nil {
		t.Fatal(err)
	}
	fresh.Close()
	want := schemaOf(t, freshPath)
	latest := storage.LatestSchema()

	dumps, err := filepath.Glob("testdata/releases/*.sql.gz")
	if err != nil || len(dumps) < 17 {
		t.Fatalf("dumps: %v %v", dumps, err)
	}
	for _, dump := range dumps {
		name := strings.TrimSuffix(filepath.Base(dump), ".sql.gz")
		t.Run(name, func(t *testing.T) {
			from, _ := strconv.Atoi(name[:2])
			path := filepath.Join(t.TempDir(), "ctbot.db")
			storagetest.LoadDump(t, dump, path)
			db, err := storage.OpenNoMigrate(path, clock)
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

			if got := schemaOf(t, path); !slices.Equal(got, want) {
				t.Errorf("schema after the upgrade differs from a new database's:\n%s", diffLines(got, want))
			}
			db, err = storage.Open(ctx, path, clock)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
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
	c, err := storage.OpenNoMigrate(copyPath, nil)
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
func checkReleaseFigures(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	s := storagetest.Current(t, db)
	if got, want := s.Trainings["KE"], (ctbot.TrainingTotals{Count: 1, Online: 1, Trained: 25, New: 20, Women: 9, Reported: 25, NewUnreported: 1}); got != want {
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
