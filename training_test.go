package ctbot_test

import (
	"testing"

	"github.com/cttechplus/ctbot"
)

// trainingOn is a training in state country from day first to day last
// ("" for a training of one day).
func trainingOn(country, first, last string, edit func(e *ctbot.Entry)) *ctbot.Entry {
	e := &ctbot.Entry{Kind: ctbot.KindTraining, Country: country, Date: ctbot.MustParseDate(first), Title: "OSINT basics", Trained: 20, New: 20}
	if last != "" {
		e.DateTo = ctbot.MustParseDate(last)
	}
	if edit != nil {
		edit(e)
	}
	return e
}

// TestLooksLikeTheSameTraining: the same state and course (by code, by
// title written another way, or a title that is the catalogue course's),
// or the same topic and level, on days that overlap or are up to 3 apart.
func TestLooksLikeTheSameTraining(t *testing.T) {
	fw := testFramework(t)
	fw.Courses = []*ctbot.Course{{Code: "osint-basic", Title: "Open-source intelligence (basic)", Topic: "osint", Level: "basic"}}
	byCode := func(e *ctbot.Entry) {
		e.Course, e.Title, e.Topic, e.Level = "osint-basic", "Open-source intelligence (basic)", "osint", "basic"
	}
	twoDays := trainingOn("KE", "2026-11-20", "2026-11-21", nil)
	for _, c := range []struct {
		name string
		a, b *ctbot.Entry
		want bool
	}{
		{"the same day and title", trainingOn("KE", "2026-11-20", "", nil), trainingOn("KE", "2026-11-20", "", nil), true},
		{"a two-day training entered by its start and by its end date",
			trainingOn("KE", "2026-11-20", "", nil), trainingOn("KE", "2026-11-21", "", nil), true},
		{"a two-day training and its last day", twoDays, trainingOn("KE", "2026-11-21", "", nil), true},
		{"its last day and the two-day training", trainingOn("KE", "2026-11-21", "", nil), twoDays, true},
		{"3 days after its last day", twoDays, trainingOn("KE", "2026-11-24", "", nil), true},
		{"4 days after its last day", twoDays, trainingOn("KE", "2026-11-25", "", nil), false},
		{"3 days before its first day", twoDays, trainingOn("KE", "2026-11-17", "", nil), true},
		{"4 days before, ending within 3 days", twoDays, trainingOn("KE", "2026-11-16", "2026-11-17", nil), true},
		{"another state", twoDays, trainingOn("GH", "2026-11-20", "", nil), false},
		{"the title written another way", trainingOn("KE", "2026-11-20", "", nil),
			trainingOn("KE", "2026-11-20", "", func(e *ctbot.Entry) { e.Title = "  osint   BASICS " }), true},
		{"another title", trainingOn("KE", "2026-11-20", "", nil), trainingOn("KE", "2026-11-20", "", func(e *ctbot.Entry) { e.Title = "Darknet" }), false},
		{"by code, then by the catalogue's title", trainingOn("GH", "2026-11-18", "", byCode),
			trainingOn("GH", "2026-11-18", "", func(e *ctbot.Entry) { e.Title = "Open-source intelligence (basic)" }), true},
		{"by title, then by code", trainingOn("GH", "2026-11-18", "", func(e *ctbot.Entry) { e.Title = "open-source intelligence (Basic)" }),
			trainingOn("GH", "2026-11-19", "", byCode), true},
		{"by code with a title of its own, then by code", trainingOn("GH", "2026-11-18", "", func(e *ctbot.Entry) { byCode(e); e.Title = "OSINT for the police" }),
			trainingOn("GH", "2026-11-18", "", byCode), true},
		{"the same topic and level", trainingOn("GH", "2026-11-18", "", byCode),
			trainingOn("GH", "2026-11-20", "", func(e *ctbot.Entry) { e.Title, e.Topic, e.Level = "Social media monitoring", "osint", "basic" }), true},
		{"the same topic at another level", trainingOn("GH", "2026-11-18", "", byCode),
			trainingOn("GH", "2026-11-20", "", func(e *ctbot.Entry) { e.Title, e.Topic, e.Level = "Social media monitoring", "osint", "advanced" }), false},
		{"neither naming a topic, other titles", trainingOn("GH", "2026-11-18", "", func(e *ctbot.Entry) { e.Title = "A" }),
			trainingOn("GH", "2026-11-18", "", func(e *ctbot.Entry) { e.Title = "B" }), false},
		{"a workshop", trainingOn("KE", "2026-11-20", "", nil), trainingOn("KE", "2026-11-20", "", func(e *ctbot.Entry) { e.Kind = ctbot.KindWorkshop }), false},
	} {
		if got := fw.LooksLike(c.a, c.b); got != c.want {
			t.Errorf("%s: LooksLike = %v, want %v", c.name, got, c.want)
		}
		if got := fw.LooksLike(c.b, c.a); got != c.want {
			t.Errorf("%s, the other way: LooksLike = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestNearWindowCoversTheDaysALookalikeMayBeOn: a training's days and 3
// either side, what a store reads to find one that looks like it.
func TestNearWindowCoversTheDaysALookalikeMayBeOn(t *testing.T) {
	from, to := trainingOn("KE", "2026-11-20", "2026-11-22", nil).NearWindow()
	if from != ctbot.MustParseDate("2026-11-17") || to != ctbot.MustParseDate("2026-11-25") {
		t.Errorf("window %s..%s, want 2026-11-17..2026-11-25", from, to)
	}
	if e := trainingOn("KE", "2026-11-20", "", nil); e.End() != e.Date {
		t.Errorf("a training of one day ends on %s", e.End())
	}
}

// TestWomenAmongNewPeople: reported by new_women, or all the women when
// everyone was new, or none when no one was; unknown otherwise. Totals
// sum them over the trainings that know, and count those that do not.
func TestWomenAmongNewPeople(t *testing.T) {
	reported := trainingOn("KE", "2026-11-20", "", func(e *ctbot.Entry) { e.Trained, e.New, e.Women, e.NewWomen = 25, 20, ctbot.Int(9), ctbot.Int(7) })
	allNew := trainingOn("KE", "2026-11-21", "", func(e *ctbot.Entry) { e.Trained, e.New, e.Women = 12, 12, ctbot.Int(5) })
	noneNew := trainingOn("KE", "2026-11-22", "", func(e *ctbot.Entry) { e.Trained, e.New = 8, 0 })
	unknown := trainingOn("KE", "2026-11-23", "", func(e *ctbot.Entry) { e.Trained, e.New, e.Women = 30, 18, ctbot.Int(10) })
	noWomen := trainingOn("KE", "2026-11-24", "", func(e *ctbot.Entry) { e.Trained, e.New = 10, 10 })
	for _, c := range []struct {
		e     *ctbot.Entry
		n     int
		known bool
	}{{reported, 7, true}, {allNew, 5, true}, {noneNew, 0, true}, {unknown, 0, false}, {noWomen, 0, false}} {
		if n, known := c.e.WomenAmongNew(); n != c.n || known != c.known {
			t.Errorf("trained %d, new %d, women %v, new_women %v: %d, %v; want %d, %v", c.e.Trained, c.e.New, c.e.Women, c.e.NewWomen, n, known, c.n, c.known)
		}
	}
	var sum ctbot.TrainingTotals
	for _, e := range []*ctbot.Entry{reported, allNew, noneNew, unknown, noWomen} {
		sum.Add(e, 1)
	}
	if sum.New != 60 || sum.NewWomen != 12 || sum.NewReported != 32 || sum.NewUnreported != 2 {
		t.Errorf("totals %+v: want 60 new, 12 women among the 32 of 3 trainings that know, 2 not", sum)
	}
	sum.Add(reported, -1)
	var merged ctbot.TrainingTotals
	merged.Merge(sum, 1)
	merged.Add(reported, 1)
	if merged.NewWomen != 12 || merged.NewReported != 32 || merged.NewUnreported != 2 {
		t.Errorf("taken away, merged and added again: %+v", merged)
	}
}
