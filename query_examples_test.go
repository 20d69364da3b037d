package ctbot_test

import (
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
)

// march is an instant in March 2026 (UTC), recordings are made at.
func march(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }

// training is a training recorded at an instant.
func training(id int64, country, date string, trained, newPeople int, women *int, topic string, at time.Time) *ctbot.Entry {
	return &ctbot.Entry{ID: id, Version: 1, Kind: ctbot.KindTraining, Country: country, Date: ctbot.MustParseDate(date),
		Trained: trained, New: newPeople, Women: women, Topic: topic, UserID: "U1", CreatedAt: at, KnownFrom: at}
}

func evaluate(t *testing.T, fw *ctbot.Framework, q ctbot.Query, es ...*ctbot.Entry) *ctbot.Result {
	t.Helper()
	return fw.Evaluate(q, slices.Values(es))
}

// TestQueryTrainingsHandWorked: a training of 25 with 9 women and one that
// did not report its women make 2 trainings, 37 trained, 9 women of the
// 25 attendances that report them, 1 training unreported; the state,
// topic and month keep what they name.
func TestQueryTrainingsHandWorked(t *testing.T) {
	fw := config.Default().Framework
	es := []*ctbot.Entry{
		training(1, "KE", "2026-03-10", 25, 20, ctbot.Int(9), "osint", march(10, 9)),
		training(2, "KE", "2026-03-20", 12, 12, nil, "darknet", march(20, 9)),
		training(3, "GH", "2026-03-15", 10, 10, ctbot.Int(4), "osint", march(15, 9)),
		training(4, "KE", "2026-04-02", 30, 30, ctbot.Int(10), "osint", march(31, 9)),
	}
	es[1].Online = true
	march := ctbot.Filter{From: ctbot.MustParseDate("2026-03-01"), To: ctbot.MustParseDate("2026-03-31")}
	kenya := march
	kenya.States = []string{"KE"}
	r := evaluate(t, fw, ctbot.Query{Filter: kenya, Figures: []ctbot.Figure{ctbot.Trainings}}, es...)
	want := ctbot.TrainingTotals{Count: 2, Online: 1, Trained: 37, New: 32, Women: 9, Reported: 25, Unreported: 1, NewUnreported: 2}
	if r.Total.Trainings != want || len(r.Groups) != 1 || !r.Applies(ctbot.Trainings) {
		t.Errorf("Kenya in March: %+v in %d groups, want %+v", r.Total.Trainings, len(r.Groups), want)
	}
	osint := march
	osint.Topics = []string{"osint"}
	r = evaluate(t, fw, ctbot.Query{Filter: osint, Figures: []ctbot.Figure{ctbot.Trainings, ctbot.Entries}}, es...)
	want = ctbot.TrainingTotals{Count: 2, Trained: 35, New: 30, Women: 13, Reported: 35, NewWomen: 4, NewReported: 10, NewUnreported: 1}
	if r.Total.Trainings != want || r.Total.Entries != 2 {
		t.Errorf("OSINT in March: %+v, %d entries; want %+v, 2", r.Total.Trainings, r.Total.Entries, want)
	}
	r = evaluate(t, fw, ctbot.Query{Figures: []ctbot.Figure{ctbot.Trainings}, GroupBy: ctbot.GroupBy{State: true, Period: ctbot.Month}}, es...)
	var got []string
	for _, g := range r.Groups {
		got = append(got, g.State+" "+g.Period.Name()+" "+strconv.Itoa(g.Trainings.Count)+" "+strconv.Itoa(g.Trainings.Trained))
	}
	if w := []string{"GH 2026-03 1 10", "KE 2026-03 2 37", "KE 2026-04 1 30"}; !reflect.DeepEqual(got, w) {
		t.Errorf("by state and month: %q, want %q", got, w)
	}
}

// TestQueryWorkshopPlannedThenHeld: a workshop planned, then held, counts
// as held once known held, by its latest entry's date, verification and
// recording; before, it is planned and counts nothing.
func TestQueryWorkshopPlannedThenHeld(t *testing.T) {
	fw := config.Default().Framework
	planned := &ctbot.Entry{ID: 1, Series: 1, Version: 1, Kind: ctbot.KindWorkshop, Country: "KE", Status: ctbot.StatusPlanned,
		Date: ctbot.MustParseDate("2026-03-12"), UserID: "U1", CreatedAt: march(1, 9), KnownFrom: march(1, 9), VerifiedBy: "UCOORD"}
	held := &ctbot.Entry{ID: 2, Series: 1, Version: 1, Kind: ctbot.KindWorkshop, Country: "KE", Status: ctbot.StatusHeld,
		Date: ctbot.MustParseDate("2026-03-14"), Participants: 20, Women: ctbot.Int(8), UserID: "U2", CreatedAt: march(15, 9),
		KnownFrom: march(15, 9)}
	versions := []*ctbot.Entry{planned, held}
	q := ctbot.Query{Figures: []ctbot.Figure{ctbot.Workshops}}
	if r := evaluate(t, fw, q, ctbot.KnownAt(versions, march(10, 0))...); r.Total.Workshops != (ctbot.WorkshopTotals{}) || !r.Applies(ctbot.Workshops) {
		t.Errorf("known on 10 March: %+v, want none held", r.Total.Workshops)
	}
	inForce := ctbot.KnownAt(versions, march(16, 0))
	heldOnce := ctbot.WorkshopTotals{Held: 1, Participants: 20, Women: 8, Reported: 20}
	for _, c := range []struct {
		name string
		f    ctbot.Filter
		want ctbot.WorkshopTotals
	}{
		{"all", ctbot.Filter{}, heldOnce},
		{"dated from 13 March", ctbot.Filter{From: ctbot.MustParseDate("2026-03-13")}, heldOnce},
		{"dated up to 13 March", ctbot.Filter{To: ctbot.MustParseDate("2026-03-13")}, ctbot.WorkshopTotals{}},
		{"verified", ctbot.Filter{Verified: ctbot.Yes}, ctbot.WorkshopTotals{}},
		{"not verified", ctbot.Filter{Verified: ctbot.No}, heldOnce},
		{"recorded by U1", ctbot.Filter{By: []string{"U1"}}, ctbot.WorkshopTotals{}},
		{"recorded after 14 March", ctbot.Filter{Since: march(14, 0)}, heldOnce},
	} {
		q.Filter = c.f
		if r := evaluate(t, fw, q, inForce...); r.Total.Workshops != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, r.Total.Workshops, c.want)
		}
	}
}

// TestQueryIndicatorSetThenAdded: an add, then a set of 10 and an add of
// 3 replay to 2, 10 and 13 as of their dates; an indicator fed by
// trainings counts their new people and its adjustments.
func TestQueryIndicatorSetThenAdded(t *testing.T) {
	fw := config.Default().Framework
	value := func(id int64, ind string, op ctbot.Op, v int64, date string) *ctbot.Entry {
		return &ctbot.Entry{ID: id, Version: 1, Kind: ctbot.KindIndicator, Country: "KE", Indicator: ind, Op: op, Value: v,
			Date: ctbot.MustParseDate(date), UserID: "U1", CreatedAt: march(20, 9)}
	}
	es := []*ctbot.Entry{
		value(1, "unsr-recs", ctbot.OpSet, 10, "2026-03-01"),
		value(2, "unsr-recs", ctbot.OpAdd, 3, "2026-03-10"),
		value(3, "unsr-recs", ctbot.OpAdd, 2, "2026-02-20"),
		value(4, "investigators-trained", ctbot.OpAdd, 5, "2026-03-12"),
		training(5, "KE", "2026-03-10", 25, 20, ctbot.Int(9), "osint", march(10, 9)),
	}
	ke := func(ind string) ctbot.IndicatorKey { return ctbot.IndicatorKey{Indicator: ind, Country: "KE"} }
	for asOf, want := range map[string]int64{"2026-02-25": 2, "2026-03-05": 10, "2026-03-31": 13} {
		q := ctbot.Query{Filter: ctbot.Filter{Indicators: []string{"unsr-recs"}, To: ctbot.MustParseDate(asOf)},
			Figures: []ctbot.Figure{ctbot.Values}}
		r := evaluate(t, fw, q, es...)
		if v := r.Total.Values[ke("unsr-recs")]; v.Value != want || len(r.Total.Values) != 1 {
			t.Errorf("unsr-recs as of %s: %+v, want %d alone", asOf, r.Total.Values, want)
		}
	}
	q := ctbot.Query{Filter: ctbot.Filter{Kinds: []ctbot.Kind{ctbot.KindIndicator}, Indicators: []string{"investigators-trained"}},
		Figures: []ctbot.Figure{ctbot.Values}}
	r := evaluate(t, fw, q, es...)
	if v := r.Total.Values[ke("investigators-trained")]; v.Value != 25 || v.FromSource != 20 || v.Adjusted != 5 {
		t.Errorf("investigators trained: %+v, want 20 trained new and 5 adjusted", v)
	}
	if r, _ := fw.NewTally(q).Range(); !reflect.DeepEqual(r.Kinds, []ctbot.Kind{ctbot.KindTraining, ctbot.KindIndicator}) {
		t.Errorf("a value fed by trainings reads %v, want its trainings too", r.Kinds)
	}
}

// TestQueryAssessmentsAsOf: a state's latest assessment as of a date is
// the latest dated up to it, a workshop's benchmark or a readiness entry.
func TestQueryAssessmentsAsOf(t *testing.T) {
	fw := config.Default().Framework
	first := &ctbot.Entry{ID: 1, Version: 1, Kind: ctbot.KindReadiness, Country: "KE", Date: ctbot.MustParseDate("2026-03-01"),
		Scores: map[string]int{"policy": 1}, CreatedAt: march(1, 9)}
	bench := &ctbot.Entry{ID: 2, Series: 2, Version: 1, Kind: ctbot.KindWorkshop, Country: "KE", Status: ctbot.StatusHeld,
		Date: ctbot.MustParseDate("2026-03-20"), Scores: map[string]int{"policy": 2}, CreatedAt: march(21, 9)}
	q := ctbot.Query{Figures: []ctbot.Figure{ctbot.Assessments}, GroupBy: ctbot.GroupBy{State: true}}
	r := evaluate(t, fw, q, first, bench)
	if p := r.Total.Assessments["KE"]; p.Latest != bench || p.Previous != first || len(r.Groups) != 1 || r.Groups[0].State != "KE" {
		t.Errorf("as of now: %+v in %+v, want the benchmark after the first", p, r.Groups)
	}
	q.Filter.To = ctbot.MustParseDate("2026-03-10")
	if p := evaluate(t, fw, q, first, bench).Total.Assessments["KE"]; p.Latest != first || p.Previous != nil {
		t.Errorf("as of 10 March: %+v, want the first alone", p)
	}
	q.Filter.Kinds = []ctbot.Kind{ctbot.KindReadiness}
	q.Filter.To = ctbot.Date{}
	if p := evaluate(t, fw, q, first, bench).Total.Assessments["KE"]; p.Latest != first {
		t.Errorf("readiness entries only: %+v, want the first", p)
	}
}

// TestQueryNotApplicable: a figure a qualifier means nothing for is
// reported not applicable, naming the qualifier, and counts nothing.
func TestQueryNotApplicable(t *testing.T) {
	fw := config.Default().Framework
	es := []*ctbot.Entry{
		training(1, "KE", "2026-03-10", 25, 20, ctbot.Int(9), "osint", march(10, 9)),
		{ID: 2, Series: 2, Kind: ctbot.KindWorkshop, Country: "KE", Status: ctbot.StatusHeld, Date: ctbot.MustParseDate("2026-03-11"),
			Participants: 12, CreatedAt: march(11, 9)},
	}
	for _, c := range []struct {
		name string
		q    ctbot.Query
		fig  ctbot.Figure
		want ctbot.Unapplied
	}{
		{"women of indicator entries", ctbot.Query{Filter: ctbot.Filter{Kinds: []ctbot.Kind{ctbot.KindIndicator}}},
			ctbot.Trainings, ctbot.Unapplied{Filter: []string{"Kinds"}}},
		{"workshops on a topic", ctbot.Query{Filter: ctbot.Filter{Topics: []string{"osint"}, States: []string{"KE"}}},
			ctbot.Workshops, ctbot.Unapplied{Filter: []string{"Topics"}}},
		{"workshops by level", ctbot.Query{GroupBy: ctbot.GroupBy{State: true, Level: true}},
			ctbot.Workshops, ctbot.Unapplied{GroupBy: []string{"Level"}}},
		{"a value from a date, by month", ctbot.Query{Filter: ctbot.Filter{From: ctbot.MustParseDate("2026-03-01")},
			GroupBy: ctbot.GroupBy{Period: ctbot.Month}}, ctbot.Values, ctbot.Unapplied{Filter: []string{"From"}, GroupBy: []string{"Period"}}},
		{"trainings by week", ctbot.Query{GroupBy: ctbot.GroupBy{Period: "week"}},
			ctbot.Trainings, ctbot.Unapplied{GroupBy: []string{"Period"}}},
	} {
		c.q.Figures = []ctbot.Figure{c.fig}
		r := evaluate(t, fw, c.q, es...)
		if got, ok := r.Unapplied[c.fig]; !ok || !reflect.DeepEqual(got, c.want) || r.Applies(c.fig) || len(r.Groups) != 0 {
			t.Errorf("%s: %v not applicable: %+v (%v), groups %+v; want %+v", c.name, c.fig, got, ok, r.Groups, c.want)
		}
		if r, reads := fw.NewTally(c.q).Range(); reads || fw.NewTally(c.q).Series() {
			t.Errorf("%s: reads %v (series %v), want nothing", c.name, r.Kinds, fw.NewTally(c.q).Series())
		}
	}
}

// TestQueryGroupsByValueOrRecordingPeriod: a training dated in February
// and recorded in March is February's by value date and March's by
// recording (in the programme's zone: Brussels is an hour ahead of UTC).
func TestQueryGroupsByValueOrRecordingPeriod(t *testing.T) {
	fw := config.Default().Framework
	e := training(1, "KE", "2026-02-27", 10, 10, nil, "", time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC))
	for recorded, want := range map[bool]string{false: "2026-02", true: "2026-03"} {
		q := ctbot.Query{Figures: []ctbot.Figure{ctbot.Trainings}, GroupBy: ctbot.GroupBy{Period: ctbot.Month, Recorded: recorded}}
		if r := evaluate(t, fw, q, e); len(r.Groups) != 1 || r.Groups[0].Period.Name() != want {
			t.Errorf("recorded %v: groups %+v, want %s", recorded, r.Groups, want)
		}
	}
}
