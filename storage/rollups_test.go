package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
)

// normalised drops what the two snapshots may legitimately differ in:
// indicator keys with nothing in them.
func normalised(s *ctbot.Snapshot) *ctbot.Snapshot {
	out := *s
	out.Indicators = map[ctbot.IndicatorKey]ctbot.IndicatorValue{}
	for k, v := range s.Indicators {
		if v != (ctbot.IndicatorValue{}) {
			out.Indicators[k] = v
		}
	}
	if len(out.Open) == 0 {
		out.Open = nil
	}
	return &out
}

func compareSnapshots(t *testing.T, db *DB, fw *ctbot.Framework, at time.Time) {
	t.Helper()
	ctx := context.Background()
	fast, err := db.Snapshot(ctx, fw, at)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := db.naiveSnapshot(ctx, fw, at)
	if err != nil {
		t.Fatal(err)
	}
	f, s := normalised(fast), normalised(slow)
	for _, field := range []string{"Kickoffs", "Open", "Workshops", "Trainings", "Indicators", "LastEntry"} {
		a := reflect.ValueOf(*f).FieldByName(field).Interface()
		b := reflect.ValueOf(*s).FieldByName(field).Interface()
		if !reflect.DeepEqual(a, b) {
			t.Errorf("as of %s, %s differ:\nrollups: %v\nscan:    %v", at.Format(time.RFC3339), field, describeAny(a), describeAny(b))
		}
	}
}

func describeAny(v any) string {
	switch v := v.(type) {
	case []*ctbot.Entry:
		var out []string
		for _, e := range v {
			out = append(out, fmt.Sprintf("#%d %s %s %s", e.ID, e.Kind, e.Country, e.Status))
		}
		return fmt.Sprint(out)
	case map[string]*ctbot.Entry:
		out := map[string]string{}
		for k, e := range v {
			out[k] = fmt.Sprintf("#%d %s", e.ID, e.Status)
		}
		return fmt.Sprint(out)
	}
	return fmt.Sprintf("%+v", v)
}

// TestRollupsMatchAFullScan records and retracts random entries over
// several days and checks, at many instants, that the snapshot built from
// rollups equals one built by scanning every entry.
func TestRollupsMatchAFullScan(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			ctx := context.Background()
			fw := config.Default().Framework
			clock := fakeclock.At("2026-05-01T06:00:00Z")
			db, err := Open(ctx, filepath.Join(t.TempDir(), "r.db"), clock.Now)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			rng := rand.New(rand.NewPCG(seed, 99))
			countries := []string{"KE", "GH", "NG", ""}
			var ids []int64
			var checkpoints []time.Time
			series := map[string][]int64{} // country -> workshop series
			for i := range 400 {
				c := countries[rng.IntN(3)]
				e := &ctbot.Entry{Country: c, Date: ctbot.DateOf(clock.Now()), UserID: "U1"}
				switch rng.IntN(6) {
				case 0:
					e.Kind, e.Trained, e.Women, e.New, e.Online, e.Title = ctbot.KindTraining, 5+rng.IntN(20), rng.IntN(5), rng.IntN(5), rng.IntN(2) == 0, "t"
				case 1:
					e.Kind, e.Title = ctbot.KindWorkshop, "w"
					e.Status = []ctbot.Status{ctbot.StatusPlanned, ctbot.StatusHeld, ctbot.StatusPostponed, ctbot.StatusCancelled}[rng.IntN(4)]
					if e.Status == ctbot.StatusHeld {
						e.Participants, e.Women = 10+rng.IntN(10), rng.IntN(10)
					}
					if ss := series[c]; len(ss) > 0 && rng.IntN(2) == 0 {
						e.Series = ss[rng.IntN(len(ss))]
					}
				case 2:
					e.Kind, e.Status = ctbot.KindKickoff, []ctbot.Status{ctbot.StatusPlanned, ctbot.StatusHeld, ctbot.StatusPostponed}[rng.IntN(3)]
				case 3:
					inds := []string{"unsr-recs", "investigators-trained", "women-policy"}
					e.Kind, e.Indicator, e.Op, e.Value = ctbot.KindIndicator, inds[rng.IntN(3)], ctbot.OpAdd, int64(rng.IntN(4))
					if rng.IntN(3) == 0 {
						e.Op = ctbot.OpSet
					}
					if e.Indicator == "women-policy" {
						e.Denom = e.Value + int64(rng.IntN(5))
					}
				case 4:
					e.Kind, e.Indicator, e.Op, e.Stage = ctbot.KindIndicator, "strategies", ctbot.OpStage, []string{"drafting", "validated", "adopted"}[rng.IntN(3)]
				default:
					e.Kind, e.Note = ctbot.KindLog, "n"
				}
				if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, e.ID)
				if e.Kind == ctbot.KindWorkshop && e.Series == e.ID {
					series[c] = append(series[c], e.ID)
				}
				if rng.IntN(8) == 0 { // retract something, often an earlier entry
					id := ids[rng.IntN(len(ids))]
					if _, err := db.Retract(ctx, id, "U2", "test", ctbot.WriteOptions{}); err != nil && !errorsIsRetracted(err) {
						t.Fatal(err)
					}
				}
				// Entries land over several days, at all hours.
				clock.Advance(time.Duration(10+rng.IntN(300)) * time.Minute)
				if i%40 == 0 {
					checkpoints = append(checkpoints, clock.Now())
				}
			}
			checkpoints = append(checkpoints, clock.Now(), clock.Now().Add(48*time.Hour))
			for _, at := range checkpoints {
				compareSnapshots(t, db, fw, at)
				compareSnapshots(t, db, fw, at.Add(-90*time.Minute))
			}
		})
	}
}

func errorsIsRetracted(err error) bool {
	return err != nil && (fmt.Sprint(err) != "" && (contains(err.Error(), "already retracted")))
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestRollupsBackfilledByTheMigration builds a database at schema version 3
// with entries and retractions, then migrates it: the backfilled rollups
// must give the same snapshot as a full scan.
func TestRollupsBackfilledByTheMigration(t *testing.T) {
	ctx := context.Background()
	fw := config.Default().Framework
	clock := fakeclock.At("2026-05-01T06:00:00Z")
	path := filepath.Join(t.TempDir(), "v3.db")
	db, err := open(path, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	v3, err := migrationsUpTo(3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.migrate(ctx, v3); err != nil {
		t.Fatal(err)
	}
	// Version-3 rows, written as that schema knew them.
	stmts := []string{
		`INSERT INTO entries (kind, country, date, status, title, series, trained, women, new_count, online, user_id, created_at) VALUES
			('training', 'KE', '2026-04-30', '', 'a', 0, 20, 5, 15, 1, 'U1', '2026-04-30T10:00:00.000000Z'),
			('training', 'KE', '2026-05-01', '', 'b', 0, 10, 2, 10, 0, 'U1', '2026-05-01T07:00:00.000000Z')`,
		`INSERT INTO entries (kind, country, date, status, title, series, participants, women, user_id, created_at) VALUES
			('workshop', 'NG', '2026-05-03', 'planned', 'w', 3, 0, 0, 'U1', '2026-04-29T10:00:00.000000Z'),
			('workshop', 'NG', '2026-05-03', 'held', 'w', 3, 30, 12, 'U1', '2026-05-01T08:00:00.000000Z'),
			('workshop', 'NG', '2026-05-09', 'held', 'x', 5, 18, 9, 'U1', '2026-05-01T09:00:00.000000Z')`,
		`INSERT INTO entries (kind, country, date, indicator, op, value, denom, user_id, created_at) VALUES
			('indicator', 'GH', '2026-05-01', 'women-policy', 'set', 2, 10, 'U1', '2026-04-28T10:00:00.000000Z'),
			('indicator', 'GH', '2026-05-01', 'women-policy', 'add', 1, 5, 'U1', '2026-05-01T10:00:00.000000Z'),
			('indicator', 'KE', '2026-05-01', 'investigators-trained', 'add', 4, 0, 'U1', '2026-04-29T10:00:00.000000Z')`,
		`UPDATE entries SET retracted = 1 WHERE id = 2`,
	}
	for _, q := range stmts {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if applied, err := db.Migrate(ctx); err != nil || len(applied) == 0 {
		t.Fatalf("migrate: %v %v", applied, err)
	}
	defer db.Close()
	for _, at := range []string{"2026-04-29T12:00:00Z", "2026-05-01T07:30:00Z", "2026-05-01T12:00:00Z", "2026-06-01T00:00:00Z"} {
		compareSnapshots(t, db, fw, mustParse(at))
	}
	s, _ := db.Snapshot(ctx, fw, mustParse("2026-06-01T00:00:00Z"))
	if w := s.Workshops["NG"]; w.Held != 2 || w.Participants != 48 {
		t.Errorf("Nigeria workshops after backfill = %+v", w)
	}
	if v := s.Indicators[ctbot.IndicatorKey{Indicator: "investigators-trained", Country: "KE"}]; v.Value != 4+15 {
		t.Errorf("investigators-trained KE = %d, want 19 (4 added, 15 new; the retracted training does not count)", v.Value)
	}
}

func mustParse(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
