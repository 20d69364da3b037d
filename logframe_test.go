package ctbot_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
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

// TestLogframeFoldAgreesWithFold: a logframe folded from a random history,
// shuffled and then given in value order, rates every indicator and state
// as Fold (the plain statement of the rules) does, and counts the same
// evidence; women are known exactly where every training says so.
func TestLogframeFoldAgreesWithFold(t *testing.T) {
	fw := testFramework(t)
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	heldAny := 0
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 3))
		var es []*ctbot.Entry
		for i := range 200 + rng.IntN(200) {
			e := &ctbot.Entry{ID: int64(i + 1), Version: 1, Country: []string{"KE", "GH", "CI"}[rng.IntN(3)],
				Date: ctbot.MustParseDate("2026-01-01").AddDays(rng.IntN(365))}
			if rng.IntN(4) == 0 {
				e.Evidence = "sheet"
			}
			if rng.IntN(6) == 0 {
				e.VerifiedBy, e.VerifiedAt = "UCOORD", time.Now()
			}
			if rng.IntN(5) == 0 {
				e.Link = fmt.Sprintf("https://example.org/%d", i)
			}
			if rng.IntN(8) == 0 {
				e.Kind, e.Series, e.Participants = ctbot.KindWorkshop, int64(1000+rng.IntN(12)), 5+rng.IntN(30)
				e.Status = []ctbot.Status{ctbot.StatusPlanned, ctbot.StatusHeld, ctbot.StatusHeld, ctbot.StatusCancelled}[rng.IntN(4)]
				if rng.IntN(3) > 0 {
					e.Women = ctbot.Int(rng.IntN(e.Participants + 1))
				}
			} else if rng.IntN(3) == 0 {
				e.Kind, e.Trained = ctbot.KindTraining, 1+rng.IntN(20)
				e.New = e.Trained - rng.IntN(2)*rng.IntN(e.Trained)
				if rng.IntN(10) > 0 {
					e.Women = ctbot.Int(rng.IntN(e.Trained + 1))
				}
				if e.Women != nil && e.Trained%3 == 0 {
					e.NewWomen = ctbot.Int(min(*e.Women, e.New))
				}
			} else {
				ind := fw.Indicators[rng.IntN(len(fw.Indicators))]
				e.Kind, e.Indicator = ctbot.KindIndicator, ind.Code
				if ind.Scope == ctbot.ScopeProgramme && rng.IntN(2) == 0 {
					e.Country = ""
				}
				switch {
				case ind.Measure == ctbot.MeasureMilestone:
					e.Op, e.Stage = ctbot.OpStage, ind.Stages[rng.IntN(len(ind.Stages))]
				case rng.IntN(3) == 0:
					e.Op, e.Value, e.Denom = ctbot.OpSet, int64(rng.IntN(10)), int64(10+rng.IntN(10))
				default:
					e.Op, e.Value, e.Denom = ctbot.OpAdd, int64(rng.IntN(5)-1), int64(rng.IntN(3))
				}
			}
			es = append(es, e)
		}
		rng.Shuffle(len(es), func(i, j int) { es[i], es[j] = es[j], es[i] })
		snap := fw.Fold(es, q3.End)
		lf := fw.Logframe(q3, es, time.Now(), "")
		var upToEnd []*ctbot.Entry // the logframe reads no entry dated after the period
		for _, e := range es {
			if !e.Date.After(q3.End) {
				upToEnd = append(upToEnd, e)
			}
		}
		held := fw.Fold(upToEnd, q3.End).Workshops
		heldAny += lf.Total.Workshops
		for _, a := range lf.Activities {
			w, tr := held[a.Country.Code], snap.Trainings[a.Country.Code]
			if a.Workshops != w.Held || a.Participants != (ctbot.People{Total: int64(w.Participants), Reported: int64(w.Reported), Women: int64(w.Women)}) ||
				len(a.WorkshopSources) != w.Held || a.Trainings != tr.Count || len(a.TrainingSources) != tr.Count || a.Attendances.Women != int64(tr.Women) {
				t.Errorf("seed %d, %s: activities %+v, want workshops %+v, trainings %+v", seed, a.Country.Code, a, w, tr)
			}
		}
		for i, ind := range fw.Indicators {
			row := lf.Rows[i]
			if want := fw.IndicatorProgress(ind, snap, q3.End); !reflect.DeepEqual(row.Progress, want) {
				t.Fatalf("seed %d, %s:\n got %+v\nwant %+v", seed, ind.Code, row.Progress, want)
			}
			for _, s := range row.States {
				k := ctbot.IndicatorKey{Indicator: ind.Code, Country: s.Country.Code}
				if want := snap.Indicators[k].Evidence; s.EvidenceCount != want && snap.Indicators[k].HasData() {
					t.Errorf("seed %d, %v: evidence %+v, want %+v", seed, k, s.EvidenceCount, want)
				}
				if want := womenOfNew(es, s.Country.Code, q3.End); ind.Source == ctbot.SourceTrainings && s.Adjusted == 0 && s.Actual >= ctbot.MinShareBase &&
					!reflect.DeepEqual(s.Women, want) {
					t.Errorf("seed %d, %v: women %v, want %v", seed, k, s.Women, want)
				}
				if n := len(s.Sources) + len(s.Trainings); n != s.Values {
					t.Errorf("seed %d, %v: %d sources for %d values", seed, k, n, s.Values)
				}
				for _, src := range append(append([]ctbot.Source(nil), s.Sources...), s.Trainings...) {
					if src.Date().After(q3.End) || src.Date().After(s.Date) {
						t.Errorf("seed %d, %v: source %+v after the period's end or the value's date %s", seed, k, src, s.Date)
					}
				}
				for _, l := range s.Linked {
					if l.Link == "" || l.Date.After(q3.End) {
						t.Errorf("seed %d, %v: linked %+v", seed, k, l)
					}
				}
			}
		}
	}
	if heldAny == 0 {
		t.Error("no history held a workshop")
	}
}

// womenOfNew is how many of the new people of a state's trainings up to
// day through are women, when every training says so (nil otherwise): by
// new_women, or all its women when everyone was new, or none when no one
// was.
func womenOfNew(es []*ctbot.Entry, country string, through ctbot.Date) *int64 {
	var n int64
	for _, e := range es {
		if e.Kind != ctbot.KindTraining || e.Country != country || e.Date.After(through) {
			continue
		}
		switch {
		case e.NewWomen != nil:
			n += int64(*e.NewWomen)
		case e.New == 0:
		case e.Women == nil || e.New != e.Trained:
			return nil
		default:
			n += int64(*e.Women)
		}
	}
	return &n
}
