package storage_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// TestLiveFiguresEqualTheDatabase is the oracle of the figures kept in
// memory: after each of 1,200 random changes (recordings, backfills,
// amendments, retractions, verifications), made through two handles on one
// file as two processes would, the figures of now equal what the database
// says (one handle checked after every change, the other after every
// fourth). The conformance suite checks the same figures against the
// rules (ctbot.Fold) as they change.
func TestLiveFiguresEqualTheDatabase(t *testing.T) {
	fw := config.Default().Framework
	for seed := range uint64(2) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			ctx := context.Background()
			clock := fakeclock.At("2026-03-01T08:00:00Z")
			path := filepath.Join(t.TempDir(), "live.db")
			a, err := storage.Open(ctx, path, clock)
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			b, err := storage.Open(ctx, path, clock)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			rng := rand.New(rand.NewPCG(seed, 11))
			var ids []int64
			for i := range 600 {
				db := a
				if rng.IntN(5) == 0 {
					db = b // the other process
				}
				ids = randomChange(t, rng, db, clock, ids)
				clock.Advance(time.Duration(1+rng.IntN(90)) * time.Minute)
				check := []*storage.DB{a}
				if i%4 == 0 {
					check = append(check, b)
				}
				for _, db := range check {
					got, err := db.Snapshot(ctx, fw, clock.Now())
					if err != nil {
						t.Fatal(err)
					}
					want, err := db.SnapshotSQL(ctx, fw, clock.Now())
					if err != nil {
						t.Fatal(err)
					}
					storagetest.Compare(t, clock.Now(), got, want)
					if t.Failed() {
						t.Fatalf("after change %d", i)
					}
				}
			}
		})
	}
}

// randomChange records, amends or retracts an entry at random.
func randomChange(t *testing.T, rng *rand.Rand, db *storage.DB, clock *fakeclock.Clock, ids []int64) []int64 {
	t.Helper()
	ctx := context.Background()
	countries := []string{"KE", "GH", "NG"}
	today := ctbot.DateOf(clock.Now())
	if len(ids) > 0 && rng.IntN(4) == 0 {
		id := ids[rng.IntN(len(ids))]
		cur, err := db.Entry(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if cur.Retracted {
			return ids
		}
		if rng.IntN(2) == 0 {
			if _, err := db.Retract(ctx, id, "U2", "test", ctbot.WriteOptions{}); err != nil && !errors.Is(err, ctbot.ErrAlreadyRetracted) {
				t.Fatal(err)
			}
			return ids
		}
		after := *cur
		after.Country = countries[rng.IntN(len(countries))]
		after.Date = cur.Date.AddDays(rng.IntN(9) - 4)
		switch cur.Kind {
		case ctbot.KindTraining:
			after.Trained, after.New = 5+rng.IntN(20), rng.IntN(5)
		case ctbot.KindIndicator:
			if cur.Op != ctbot.OpStage {
				after.Value = int64(rng.IntN(5))
			}
			if cur.Indicator == "intl-investigation" {
				after.Country = ""
			}
		case ctbot.KindWorkshop, ctbot.KindKickoff:
			after.Status = ctbot.Statuses[rng.IntN(4)]
		}
		if rng.IntN(3) == 0 {
			after.Evidence = "sheet"
		}
		if _, err := db.Amend(ctx, id, &after, "U2", "", ctbot.WriteOptions{}); err != nil && !errors.Is(err, ctbot.ErrNothingChanged) {
			t.Fatal(err)
		}
		return ids
	}
	c := countries[rng.IntN(len(countries))]
	e := &ctbot.Entry{Country: c, Date: today.AddDays(-rng.IntN(30)), UserID: "U1", Source: fmt.Sprint(rng.Int())}
	switch rng.IntN(6) {
	case 0:
		e.Kind, e.Title, e.Trained, e.New = ctbot.KindTraining, "t", 5+rng.IntN(20), rng.IntN(5)
		if rng.IntN(2) == 0 {
			e.Women = ctbot.Int(rng.IntN(5))
		}
	case 1:
		e.Kind, e.Title, e.Status, e.Participants = ctbot.KindWorkshop, "w", ctbot.Statuses[rng.IntN(4)], 10
		if len(ids) > 0 && rng.IntN(2) == 0 {
			if prev, err := db.Entry(ctx, ids[rng.IntN(len(ids))]); err == nil && prev.Kind == ctbot.KindWorkshop {
				e.Series, e.Country = prev.Series, prev.Country
			}
		}
	case 2:
		e.Kind, e.Status = ctbot.KindKickoff, ctbot.Statuses[rng.IntN(3)]
	case 3:
		e.Kind, e.Indicator, e.Op, e.Value = ctbot.KindIndicator, []string{"unsr-recs", "investigators-trained", "women-policy"}[rng.IntN(3)],
			[]ctbot.Op{ctbot.OpAdd, ctbot.OpSet}[rng.IntN(2)], int64(rng.IntN(4))
		if e.Indicator == "women-policy" {
			e.Denom = e.Value + 2
		}
		if e.Indicator == "investigators-trained" {
			e.Op = ctbot.OpAdd
		}
	case 4:
		e.Kind, e.Indicator, e.Op, e.Stage = ctbot.KindIndicator, "strategies", ctbot.OpStage, []string{"drafting", "validated", "adopted"}[rng.IntN(3)]
	default:
		e.Kind, e.Note = ctbot.KindLog, "n"
	}
	if rng.IntN(4) == 0 {
		e.Evidence, e.VerifiedBy = "minutes", "UCOORD"
	}
	if _, err := db.Record(ctx, e, ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return append(ids, e.ID)
}
