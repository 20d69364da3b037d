package ctbot_test

import (
	"slices"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
)

// entries numbers es 1, 2, … in order, as recorded.
func entries(es ...ctbot.Entry) []*ctbot.Entry {
	out := make([]*ctbot.Entry, len(es))
	for i := range es {
		e := es[i]
		e.ID, e.Version = int64(i+1), 1
		out[i] = &e
	}
	return out
}

// women reports whether s says n of its people are women.
func women(s ctbot.Source, n int64) bool {
	w, ok := s.Women()
	return ok && w == n
}

func ids(ss []ctbot.Source) []int64 {
	var out []int64
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

// TestLogframeTargetsAndDates: each row states its final target and its
// date, the intermediate target in force (scaled to a state's own
// target), the target due in whole people (a programme's is the sum of
// its states'), and the date of its latest value.
func TestLogframeTargetsAndDates(t *testing.T) {
	fw := testFramework(t)
	recs := fw.Indicator("recs")
	recs.Milestones = []ctbot.Milestone{{Date: ctbot.MustParseDate("2025-12-31"), Value: 6}}
	recs.Targets = map[string]float64{"GH": 18}
	d := ctbot.MustParseDate
	es := entries(
		ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-08-10"), Trained: 20, New: 20},
		ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-08-20"), Trained: 5, New: 5},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "GH", Date: d("2026-08-15"), Op: ctbot.OpAdd, Value: 3},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "GH", Date: d("2026-08-01"), Op: ctbot.OpSet, Value: 4},
	)
	aug, _ := ctbot.ParsePeriod(ctbot.Month, "2026-08")
	lf := fw.Logframe(aug, es, time.Now(), "")
	trained, rs := lf.Rows[0], lf.Rows[4]
	// 31 Aug 2026 is 607 days into 729: 40 × 607/729 = 33.3 per state, 99.9 in all.
	if ke := trained.States[0]; ke.Due != 33 || ke.Final != (ctbot.Milestone{Date: d("2026-12-31"), Value: 40}) || ke.Date != d("2026-08-20") {
		t.Errorf("Kenya trained: due %v, final %+v, date %s", ke.Due, ke.Final, ke.Date)
	}
	if trained.Due != 99 || trained.Final.Value != 120 || trained.Date != d("2026-08-20") || trained.Intermediate.Date != (ctbot.Date{}) {
		t.Errorf("programme trained: due %v (the states' 3 × 33), final %+v, date %s, intermediate %+v", trained.Due, trained.Final, trained.Date, trained.Intermediate)
	}
	// The milestone has passed: it is still the intermediate target, 6
	// for a target of 10 and 2 + (6 − 2) × (18 − 2)/(10 − 2) = 10 for 18.
	if ke, gh := rs.States[0], rs.States[1]; ke.Intermediate != (ctbot.Milestone{Date: d("2025-12-31"), Value: 6}) || gh.Intermediate.Value != 10 || gh.Final.Value != 18 {
		t.Errorf("intermediate targets: Kenya %+v, Ghana %+v (final %+v)", ke.Intermediate, gh.Intermediate, gh.Final)
	}
	if gh := rs.States[1]; gh.Date != d("2026-08-15") || gh.Actual != 7 || gh.Due != float64(int(gh.Due)) {
		t.Errorf("Ghana recs: value %v on %s, due %v", gh.Actual, gh.Date, gh.Due)
	}
	if ke := rs.States[0]; !ke.Date.IsZero() {
		t.Errorf("Kenya has no recs value, yet a date %s", ke.Date)
	}
	share := fw.Indicator("women")
	if got := share.Rounded(31.25); got != 31.25 {
		t.Errorf("a share is rounded: %v", got)
	}
	if got := recs.Rounded(4.5); got != 5 {
		t.Errorf("4.5 recommendations rounded to %v", got)
	}
}

// TestLogframeSources: each figure names the entries it rests on: a
// ledger's latest set and the adds after it, the trainings feeding a
// value and its adjustments, a programme-wide value's entries, and each
// state's trainings and the latest entry of each workshop held.
func TestLogframeSources(t *testing.T) {
	fw := testFramework(t)
	d := ctbot.MustParseDate
	es := entries(
		ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-08-10"), Trained: 20, New: 20, Women: ctbot.Int(8), Evidence: "sheet"},
		ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-09-10"), Trained: 10, New: 10, Women: ctbot.Int(2)},
		ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-10-02"), Trained: 30, New: 30}, // after the period
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "trained", Country: "KE", Date: d("2026-09-12"), Op: ctbot.OpAdd, Value: -2, Note: "twice"},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: d("2026-07-01"), Op: ctbot.OpAdd, Value: 1},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: d("2026-08-01"), Op: ctbot.OpSet, Value: 5, VerifiedBy: "UCOORD"},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: d("2026-09-01"), Op: ctbot.OpAdd, Value: 1},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "intl", Date: d("2026-09-15"), Op: ctbot.OpSet, Value: 1},
		ctbot.Entry{Kind: ctbot.KindWorkshop, Country: "GH", Series: 9, Date: d("2026-07-20"), Status: ctbot.StatusPlanned},
		ctbot.Entry{Kind: ctbot.KindWorkshop, Country: "GH", Series: 9, Date: d("2026-07-21"), Status: ctbot.StatusHeld, Participants: 30, Women: ctbot.Int(12), Link: "https://example.org/list"},
		ctbot.Entry{Kind: ctbot.KindWorkshop, Country: "GH", Series: 11, Date: d("2026-09-01"), Status: ctbot.StatusHeld, Participants: 10},
		ctbot.Entry{Kind: ctbot.KindWorkshop, Country: "KE", Series: 12, Date: d("2026-09-03"), Status: ctbot.StatusCancelled},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "CI", Date: d("2026-09-04"), Op: ctbot.OpStage, Stage: "validated"},
	)
	es[8].Series, es[10].Series, es[11].Series = 9, 11, 12
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	lf := fw.Logframe(q3, es, time.Now(), "")
	ke := lf.Rows[0].States[0]
	if got := ids(ke.Trainings); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("trainings feeding Kenya's value: %v", got)
	}
	if got := ids(ke.Sources); !slices.Equal(got, []int64{4}) || ke.Sources[0].Op() != ctbot.OpAdd || ke.Sources[0].Value() != -2 {
		t.Errorf("Kenya's adjustments: %+v", ke.Sources)
	}
	if s := ke.Trainings[0]; s.Kind() != ctbot.KindTraining || s.People() != 20 || s.New() != 20 || !women(s, 8) || !s.HasEvidence() || s.Date() != d("2026-08-10") || s.Value() != 0 {
		t.Errorf("a training's source: %+v", s)
	}
	if ke.Attendances != (ctbot.People{Total: 30, Reported: 30, Women: 10}) || ke.Actual != 28 {
		t.Errorf("Kenya's attendances %+v, value %v", ke.Attendances, ke.Actual)
	}
	recs := lf.Rows[4].States[0]
	if got := ids(recs.Sources); !slices.Equal(got, []int64{6, 7}) || !recs.Sources[0].Verified() || recs.Sources[0].Op() != ctbot.OpSet {
		t.Errorf("the set of 1 Aug replaces the add before it; sources %+v", recs.Sources)
	}
	if s := lf.Rows[2].States[2].Sources; len(s) != 1 || s[0].Stage(fw.Indicator("strategies")) != "validated" || s[0].Op() != ctbot.OpStage || s[0].Value() != 0 {
		t.Errorf("a stage's source: %+v", s)
	}
	if got := ids(lf.Rows[3].Sources); !slices.Equal(got, []int64{8}) {
		t.Errorf("programme-wide sources %v", got)
	}
	gh := lf.Activities[1]
	if gh.Workshops != 2 || gh.Participants != (ctbot.People{Total: 40, Reported: 30, Women: 12}) || !slices.Equal(ids(gh.WorkshopSources), []int64{10, 11}) ||
		!gh.WorkshopSources[0].HasEvidence() || !women(gh.WorkshopSources[0], 12) || gh.WorkshopSources[1].People() != 10 {
		t.Errorf("Ghana's workshops: %+v", gh)
	}
	if k := lf.Activities[0]; k.Workshops != 0 || k.Trainings != 2 || k.New != 30 || !slices.Equal(ids(k.TrainingSources), []int64{1, 2}) {
		t.Errorf("Kenya's activities: %+v", k)
	}
	if lf.Total.Workshops != 2 || lf.Total.Trainings != 2 || lf.Total.Participants.Total != 40 || lf.Total.Attendances.Women != 10 {
		t.Errorf("all states' activities: %+v", lf.Total)
	}
	// A fold not told to keep them names no trainings, and dates alike;
	// one told to keep one names the first.
	fold := fw.NewLogframeFold(q3)
	ctbot.ValueOrder(es)
	for _, e := range es {
		fold.Add(e)
	}
	if bare := fold.Logframe(time.Now(), "").Rows[0].States[0]; bare.Trainings != nil || bare.Date != ke.Date || len(bare.Sources) != 1 || bare.Values != ke.Values {
		t.Errorf("without KeepSources: trainings %v, date %s (want %s), sources %v", bare.Trainings, bare.Date, ke.Date, bare.Sources)
	}
	one := fw.NewLogframeFold(q3).KeepSources(1)
	for _, e := range es {
		one.Add(e)
	}
	if got := one.Logframe(time.Now(), "").Activities[0]; !slices.Equal(ids(got.TrainingSources), []int64{1}) || got.Trainings != 2 {
		t.Errorf("KeepSources(1): %v of %d", ids(got.TrainingSources), got.Trainings)
	}
	if one := fw.Logframe(q3, es, time.Now(), "GH"); len(one.Activities) != 1 || one.Activities[0].Country.Code != "GH" || one.Total.Trainings != 2 {
		t.Errorf("Ghana's logframe: activities %+v, total %+v", one.Activities, one.Total)
	}
}

// TestLogframeNotes: a period's notes name the entries dated in it that
// took a stage back, or a count at its target below it, and the sets and
// adds of one day by different people, in the order they apply.
func TestLogframeNotes(t *testing.T) {
	fw := testFramework(t)
	d := ctbot.MustParseDate
	es := entries(
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "KE", Date: d("2026-07-01"), Op: ctbot.OpStage, Stage: "adopted"},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "KE", Date: d("2026-08-01"), Op: ctbot.OpStage, Stage: "drafting", Note: "repealed"},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: d("2026-07-05"), Op: ctbot.OpSet, Value: 10},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "KE", Date: d("2026-08-02"), Op: ctbot.OpAdd, Value: -1, Note: "counted twice"},
		// One day, two people: a set, then an add; and an add, then a set.
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "GH", Date: d("2026-07-10"), Op: ctbot.OpSet, Value: 4, UserID: "UA"},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "GH", Date: d("2026-07-10"), Op: ctbot.OpAdd, Value: 1, UserID: "UB"},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "GH", Date: d("2026-08-10"), Op: ctbot.OpAdd, Value: 1, UserID: "UA"},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "GH", Date: d("2026-08-10"), Op: ctbot.OpSet, Value: 6, UserID: "UB"},
		// One person's set and add of a day: no note.
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "CI", Date: d("2026-07-10"), Op: ctbot.OpSet, Value: 4, UserID: "UA"},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "CI", Date: d("2026-07-10"), Op: ctbot.OpAdd, Value: 1, UserID: "UA"},
		// Before the period: its own notes, not Q3's.
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "CI", Date: d("2026-06-01"), Op: ctbot.OpSet, Value: 10},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "recs", Country: "CI", Date: d("2026-06-02"), Op: ctbot.OpSet, Value: 3, Note: "corrected"},
		// Trainings reach the target; an adjustment takes it below.
		ctbot.Entry{Kind: ctbot.KindTraining, Country: "GH", Date: d("2026-07-01"), Trained: 45, New: 45},
		ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: "trained", Country: "GH", Date: d("2026-09-01"), Op: ctbot.OpAdd, Value: -10, Note: "not investigators"},
	)
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	lf := fw.Logframe(q3, es, time.Now(), "")
	type brief struct {
		kind      ctbot.NoteKind
		country   string
		id, first int64
		from, to  string
		fromV     int64
		toV       int64
	}
	var got []brief
	for _, n := range lf.Notes {
		got = append(got, brief{n.Kind, n.Country, n.ID, n.First, n.From, n.To, n.FromValue, n.ToValue})
	}
	want := []brief{
		{kind: ctbot.NoteSameDay, country: "GH", id: 6, first: 5},
		{kind: ctbot.NoteStageBack, country: "KE", id: 2, from: "adopted", to: "drafting"},
		{kind: ctbot.NoteReduced, country: "KE", id: 4, fromV: 10, toV: 9},
		{kind: ctbot.NoteSameDay, country: "GH", id: 8, first: 7},
		{kind: ctbot.NoteReduced, country: "GH", id: 14, fromV: 45, toV: 35},
	}
	if !slices.Equal(got, want) {
		t.Errorf("notes\n got %+v\nwant %+v", got, want)
	}
	if n := lf.Notes[3]; n.Op != ctbot.OpSet || n.FirstOp != ctbot.OpAdd || n.Date != d("2026-08-10") || n.Indicator.Code != "recs" {
		t.Errorf("an add then a set: %+v", n)
	}
	if n := lf.Notes[2]; n.Target != 10 {
		t.Errorf("reduced below target %v", n.Target)
	}
	q2, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q2")
	if notes := fw.Logframe(q2, es, time.Now(), "").Notes; len(notes) != 1 || notes[0].ID != 12 || notes[0].Kind != ctbot.NoteReduced {
		t.Errorf("Q2's notes: %+v", notes)
	}
	if notes := fw.Logframe(q3, es, time.Now(), "KE").Notes; len(notes) != 2 || notes[0].Country != "KE" || notes[1].Country != "KE" {
		t.Errorf("Kenya's notes: %+v", notes)
	}
}

func TestReducesAndOrderMatter(t *testing.T) {
	fw := testFramework(t)
	recs, share := fw.Indicator("recs"), fw.Indicator("women")
	for _, tt := range []struct {
		from, to int64
		want     bool
	}{{10, 9, true}, {12, 10, false}, {9, 8, false}, {11, 2, true}, {9, 12, false}} {
		if got := recs.Reduces("KE", tt.from, tt.to); got != tt.want {
			t.Errorf("Reduces(%d → %d) = %v", tt.from, tt.to, got)
		}
	}
	if share.Reduces("KE", 30, 10) {
		t.Error("a share is not an achieved count")
	}
	d := ctbot.MustParseDate("2026-07-10")
	set := &ctbot.Entry{Op: ctbot.OpSet, Date: d, UserID: "UA"}
	for _, tt := range []struct {
		other ctbot.Entry
		want  bool
	}{
		{ctbot.Entry{Op: ctbot.OpAdd, Date: d, UserID: "UB"}, true},
		{ctbot.Entry{Op: ctbot.OpAdd, Date: d, UserID: "UA"}, false},
		{ctbot.Entry{Op: ctbot.OpSet, Date: d, UserID: "UB"}, false},
		{ctbot.Entry{Op: ctbot.OpAdd, Date: d.AddDays(1), UserID: "UB"}, false},
		{ctbot.Entry{Op: ctbot.OpStage, Date: d, UserID: "UB"}, false},
	} {
		if got := ctbot.OrderMatters(set, &tt.other); got != tt.want {
			t.Errorf("OrderMatters(set, %+v) = %v", tt.other, got)
		}
	}
	// A backdated entry between others: the value just before and after it.
	es := entries(
		ctbot.Entry{Indicator: "recs", Date: ctbot.MustParseDate("2026-07-01"), Op: ctbot.OpSet, Value: 10},
		ctbot.Entry{Indicator: "recs", Date: ctbot.MustParseDate("2026-09-01"), Op: ctbot.OpAdd, Value: 5},
		ctbot.Entry{Indicator: "recs", Date: ctbot.MustParseDate("2026-08-01"), Op: ctbot.OpAdd, Value: -3},
	)
	if before, after := ctbot.ReplayAround(recs, es, es[2]); before.Value != 10 || after.Value != 7 {
		t.Errorf("around the backdated -3: %d → %d", before.Value, after.Value)
	}
}
