package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/fakeclock"
	"github.com/cttechplus/ctbot/storage"
	"github.com/cttechplus/ctbot/storage/storagetest"
)

// recorder records entries one minute apart.
type recorder struct {
	t     *testing.T
	db    *storage.DB
	clock *fakeclock.Clock
}

func (r recorder) add(e ctbot.Entry) *ctbot.Entry {
	r.t.Helper()
	if e.UserID == "" {
		e.UserID = "U1"
	}
	if _, err := r.db.Record(context.Background(), &e, ctbot.WriteOptions{}); err != nil {
		r.t.Fatal(err)
	}
	r.clock.Advance(time.Minute)
	return &e
}

func d(s string) ctbot.Date { return ctbot.MustParseDate(s) }

func TestSnapshot(t *testing.T) {
	ctx := context.Background()
	fw := config.Default().Framework
	clock := fakeclock.At("2026-06-01T08:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	r := recorder{t, db, clock}

	// Kick-offs: Kenya planned then held; Ghana planned.
	ke := r.add(ctbot.Entry{Kind: ctbot.KindKickoff, Country: "KE", Status: ctbot.StatusPlanned, Date: d("2026-06-10")})
	r.add(ctbot.Entry{Kind: ctbot.KindKickoff, Country: "KE", Status: ctbot.StatusHeld, Date: d("2026-06-10"), Series: ke.Series})
	r.add(ctbot.Entry{Kind: ctbot.KindKickoff, Country: "GH", Status: ctbot.StatusPlanned, Date: d("2026-07-01")})
	// Workshops: Nigeria planned then held (one series), a second one planned; a held one retracted.
	w := r.add(ctbot.Entry{Kind: ctbot.KindWorkshop, Country: "NG", Status: ctbot.StatusPlanned, Date: d("2026-06-05"), Title: "A"})
	r.add(ctbot.Entry{Kind: ctbot.KindWorkshop, Country: "NG", Status: ctbot.StatusHeld, Date: d("2026-06-05"), Title: "A", Series: w.Series, Participants: 30, Women: ctbot.Int(12)})
	r.add(ctbot.Entry{Kind: ctbot.KindWorkshop, Country: "NG", Status: ctbot.StatusPlanned, Date: d("2026-08-01"), Title: "B"})
	gone := r.add(ctbot.Entry{Kind: ctbot.KindWorkshop, Country: "NG", Status: ctbot.StatusHeld, Date: d("2026-05-01"), Participants: 99})
	if _, err := db.Retract(ctx, gone.ID, "U1", "test", ctbot.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	// Trainings in Kenya: 25 trained (20 new), 10 trained (4 new, online).
	r.add(ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-05-20"), Title: "x", Trained: 25, Women: ctbot.Int(9), New: 20})
	r.add(ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-05-21"), Title: "y", Trained: 10, Women: ctbot.Int(5), New: 4, Online: true})
	// Indicators: unsr-recs Kenya +1, set 3, +1 -> 4; women-policy Ghana 2/10 then +1/5 -> 3/15.
	r.add(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "unsr-recs", Country: "KE", Op: ctbot.OpAdd, Value: 1})
	r.add(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "unsr-recs", Country: "KE", Op: ctbot.OpSet, Value: 3})
	r.add(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "unsr-recs", Country: "KE", Op: ctbot.OpAdd, Value: 1})
	r.add(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "women-policy", Country: "GH", Op: ctbot.OpSet, Value: 2, Denom: 10})
	r.add(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "women-policy", Country: "GH", Op: ctbot.OpAdd, Value: 1, Denom: 5})
	// Milestones: Philippines drafting then adopted.
	r.add(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "PH", Op: ctbot.OpStage, Stage: "drafting"})
	r.add(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "PH", Op: ctbot.OpStage, Stage: "adopted"})
	// A set on investigators-trained (fed by trainings) does not count, then
	// another training of 6 new, women not reported.
	r.add(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "investigators-trained", Country: "KE", Op: ctbot.OpSet, Value: 50})
	midway := clock.Now()
	r.add(ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-05-22"), Title: "z", Trained: 6, New: 6})

	s, err := db.Snapshot(ctx, fw, clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if k := s.Kickoffs["KE"]; k == nil || k.Status != ctbot.StatusHeld {
		t.Errorf("Kenya kick-off = %+v", k)
	}
	if k := s.Kickoffs["GH"]; k == nil || k.Status != ctbot.StatusPlanned {
		t.Errorf("Ghana kick-off = %+v", k)
	}
	if len(s.Open) != 2 || s.Open[0].Country != "GH" || s.Open[1].Title != "B" {
		t.Errorf("open events = %v", describe(s.Open))
	}
	if w := s.Workshops["NG"]; w != (ctbot.WorkshopTotals{Held: 1, Participants: 30, Women: 12, Reported: 30}) {
		t.Errorf("Nigeria workshops = %+v", w)
	}
	if tr := s.Trainings["KE"]; tr != (ctbot.TrainingTotals{Count: 3, Online: 1, Trained: 41, New: 30, Women: 14, Reported: 35, Unreported: 1}) {
		t.Errorf("Kenya trainings = %+v", tr)
	}
	want := map[ctbot.IndicatorKey]ctbot.IndicatorValue{
		// The values rest on the set and the add after it (the add before
		// is replaced), the latest stage, the three trainings.
		{Indicator: "unsr-recs", Country: "KE"}:             {Value: 4, Evidence: ctbot.EvidenceCount{Values: 2}},
		{Indicator: "women-policy", Country: "GH"}:          {Value: 3, Denom: 15, Evidence: ctbot.EvidenceCount{Values: 2}},
		{Indicator: "strategies", Country: "PH"}:            {Stage: "adopted", StageBefore: "drafting", Evidence: ctbot.EvidenceCount{Values: 1}},
		{Indicator: "investigators-trained", Country: "KE"}: {Value: 30, FromSource: 30, Evidence: ctbot.EvidenceCount{Values: 3}}, // the trainings' new, not the set
	}
	for k, v := range want {
		got := s.Indicators[k]
		got.Entries = 0
		if got != v {
			t.Errorf("%v = %+v, want %+v", k, got, v)
		}
	}
	if last := s.LastEntry["KE"]; !last.Equal(clock.Now().Add(-time.Minute)) {
		t.Errorf("Kenya last entry = %v", last)
	}
	if _, ok := s.LastEntry["IQ"]; ok {
		t.Errorf("Iraq has a last entry")
	}

	// As of an earlier instant, later entries do not count.
	s, err = db.Snapshot(ctx, fw, midway.Add(-time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if v := s.Indicators[ctbot.IndicatorKey{Indicator: "investigators-trained", Country: "KE"}]; v.Value != 24 {
		t.Errorf("as of before the last training: investigators-trained KE = %d, want 24", v.Value)
	}
	if tr := s.Trainings["KE"]; tr.Count != 2 {
		t.Errorf("as of before the last training: %d trainings", tr.Count)
	}
	s, _ = db.Snapshot(ctx, fw, time.Date(2026, 6, 1, 8, 0, 30, 0, time.UTC))
	if len(s.Kickoffs) != 1 || s.Kickoffs["KE"].Status != ctbot.StatusPlanned || len(s.Trainings) != 0 {
		t.Errorf("as of the first minute: kick-offs %v trainings %v", s.Kickoffs, s.Trainings)
	}
}

func TestTrainingsFeedIndicatorWithoutSet(t *testing.T) {
	fw := config.Default().Framework
	clock := fakeclock.At("2026-06-01T08:00:00Z")
	db := storagetest.MustOpenDB(t, clock)
	r := recorder{t, db, clock}
	r.add(ctbot.Entry{Kind: ctbot.KindTraining, Country: "GH", Date: d("2026-05-20"), Title: "x", Trained: 25, New: 20})
	r.add(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "investigators-trained", Country: "GH", Op: ctbot.OpAdd, Value: 3})
	s, err := db.Snapshot(context.Background(), fw, clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if v := s.Indicators[ctbot.IndicatorKey{Indicator: "investigators-trained", Country: "GH"}]; v.Value != 23 {
		t.Errorf("investigators-trained GH = %d, want 20 new + 3 added", v.Value)
	}
}

func describe(es []*ctbot.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Country+" "+string(e.Kind)+" "+e.Title+" "+string(e.Status))
	}
	return out
}
