package ctbot_test

import (
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
)

func TestLogframeOfAPeriod(t *testing.T) {
	fw := testFramework(t)
	d := ctbot.MustParseDate
	id := int64(0)
	entry := func(e ctbot.Entry) *ctbot.Entry {
		id++
		e.ID, e.Version = id, 1
		return &e
	}
	es := []*ctbot.Entry{
		entry(ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-08-10"), Trained: 20, New: 20, Women: ctbot.Int(8),
			Evidence: "attendance sheet", VerifiedBy: "UCOORD"}),
		entry(ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-09-10"), Trained: 10, New: 10, Women: ctbot.Int(2)}),
		// After the period's end: not in its figures.
		entry(ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-10-02"), Trained: 30, New: 30, Women: ctbot.Int(9)}),
		entry(ctbot.Entry{Kind: ctbot.KindTraining, Country: "GH", Date: d("2026-09-01"), Trained: 10, New: 5}),
		entry(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: d("2026-07-01"), Op: ctbot.OpAdd, Value: 1}),
		entry(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: d("2026-08-01"), Op: ctbot.OpSet, Value: 5,
			Link: "https://example.org/law"}),
		entry(ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: d("2026-09-01"), Op: ctbot.OpAdd, Value: 1}),
	}
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	lf := fw.Logframe(q3, es, time.Now(), "")
	trained, recs := lf.Rows[0], lf.Rows[4]
	// 30 Sep 2026 is 637 days into 729: 40 × 637/729 = 34.95 per state.
	if ke := trained.States[0]; ke.Actual != 30 || ke.Women == nil || *ke.Women != 10 || ke.Values != 2 || ke.WithEvidence != 1 || ke.Verified != 1 {
		t.Errorf("Kenya trained: %v, women %v, evidence %+v", ke.Actual, ke.Women, ke.Evidence)
	}
	if want := 40 * 637.0 / 729; !near(trained.States[0].Expected, want) {
		t.Errorf("target due %v, want %v", trained.States[0].Expected, want)
	}
	if gh := trained.States[1]; gh.Actual != 5 || gh.Women != nil {
		t.Errorf("Ghana: %v, women %v (not all new: unknown)", gh.Actual, gh.Women)
	}
	if trained.Values != 3 || trained.Progress.Actual != 35 {
		t.Errorf("programme: %+v, actual %v", trained.Evidence, trained.Progress.Actual)
	}
	// The set of 1 Aug replaces the add before it; the add after it counts.
	if ke := recs.States[0]; ke.Actual != 6 || ke.Values != 2 || ke.WithEvidence != 1 {
		t.Errorf("Kenya recs: %v, %+v", ke.Actual, ke.Evidence)
	}
	if one := fw.Logframe(q3, es, time.Now(), "GH"); len(one.Rows[0].States) != 1 || one.Rows[0].Values != 3 {
		t.Errorf("Ghana only: %d rows, programme evidence %+v", len(one.Rows[0].States), one.Rows[0].Evidence)
	}
}
