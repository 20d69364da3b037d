package ctbot_test

import (
	"errors"
	"testing"

	"github.com/cttechplus/ctbot"
)

// Each rule of ctbot.Framework.Check, by an entry that breaks it alone:
// the refusal is an *ctbot.Error naming the message and the field.
func TestCheckRefusesWhatBreaksARule(t *testing.T) {
	fw := testFramework(t)
	fw.Courses = []*ctbot.Course{{Code: "osint-basic", Title: "OSINT basics", Topic: "osint", Level: "basic"}}
	today := ctbot.MustParseDate("2026-06-15")
	day := func(s string) ctbot.Date {
		if s == "" {
			return ctbot.Date{}
		}
		return ctbot.MustParseDate(s)
	}
	training := func(edit func(e *ctbot.Entry)) *ctbot.Entry {
		e := &ctbot.Entry{Kind: ctbot.KindTraining, Country: "KE", Date: day("2026-06-10"), Title: "OSINT", Trained: 20, New: 15, Women: ctbot.Int(8)}
		edit(e)
		return e
	}
	event := func(kind ctbot.Kind, s ctbot.Status, date string, edit func(e *ctbot.Entry)) *ctbot.Entry {
		e := &ctbot.Entry{Kind: kind, Country: "GH", Status: s, Date: day(date)}
		if edit != nil {
			edit(e)
		}
		return e
	}
	value := func(ind, country string, op ctbot.Op, v, den int64, stage string) *ctbot.Entry {
		return &ctbot.Entry{Kind: ctbot.KindIndicator, Indicator: ind, Country: country, Date: today, Op: op, Value: v, Denom: den, Stage: stage}
	}
	scores := func(policy, legal, institutional int) map[string]int {
		return map[string]int{"policy": policy, "legal": legal, "institutional": institutional}
	}
	tests := []struct {
		name    string
		e       *ctbot.Entry
		field   string
		message string
	}{
		// where
		{"a country not of the framework", training(func(e *ctbot.Entry) { e.Country = "ZZ" }), "country", "err.unknown_country"},
		{"a training of the programme", training(func(e *ctbot.Entry) { e.Country = "" }), "country", "err.country_missing"},
		{"an indicator not of the framework", value("nope", "KE", ctbot.OpSet, 1, 0, ""), "indicator", "err.unknown_indicator"},
		{"a per-country indicator for the programme", value("recs", "", ctbot.OpSet, 1, 0, ""), "country", "err.indicator_per_country"},
		{"a programme indicator for a state", value("intl", "KE", ctbot.OpSet, 1, 0, ""), "country", "err.indicator_programme"},
		// dates
		{"no date", training(func(e *ctbot.Entry) { e.Date = ctbot.Date{} }), "date", "err.date_missing"},
		{"before the programme", training(func(e *ctbot.Entry) { e.Date = day("2024-12-31") }), "date", "err.date_outside"},
		{"after the programme", event(ctbot.KindWorkshop, ctbot.StatusPlanned, "2027-01-01", nil), "date", "err.date_outside"},
		{"a training ahead", training(func(e *ctbot.Entry) { e.Date = day("2026-06-16") }), "date", "err.training_future"},
		{"an update ahead", &ctbot.Entry{Kind: ctbot.KindLog, Date: day("2026-06-16"), Note: "n"}, "date", "err.on_future"},
		{"a value ahead", func() *ctbot.Entry {
			e := value("recs", "KE", ctbot.OpSet, 1, 0, "")
			e.Date = day("2026-07-01")
			return e
		}(), "date", "err.on_future"},
		{"a held workshop ahead", event(ctbot.KindWorkshop, ctbot.StatusHeld, "2026-06-16", nil), "date", "err.held_future"},
		{"a held kick-off without a date", event(ctbot.KindKickoff, ctbot.StatusHeld, "", nil), "date", "err.date_missing"},
		{"a planned kick-off past", event(ctbot.KindKickoff, ctbot.StatusPlanned, "2026-06-14", nil), "date", "err.open_past"},
		{"a postponed workshop past", event(ctbot.KindWorkshop, ctbot.StatusPostponed, "2026-06-14", nil), "date", "err.open_past"},
		// updates and events
		{"an update without text", &ctbot.Entry{Kind: ctbot.KindLog, Country: "KE", Date: today}, "note", "err.note_missing"},
		{"an event in no status", event(ctbot.KindWorkshop, "done", "2026-06-10", nil), "status", "err.not_status"},
		{"an event without its status", event(ctbot.KindKickoff, "", "2026-06-10", nil), "status", "err.status_missing"},
		{"women over participants", event(ctbot.KindWorkshop, ctbot.StatusHeld, "2026-06-10", func(e *ctbot.Entry) { e.Participants, e.Women = 10, ctbot.Int(11) }), "women", "err.women_over"},
		{"scores of a planned workshop", event(ctbot.KindWorkshop, ctbot.StatusPlanned, "2026-06-20", func(e *ctbot.Entry) { e.Scores = scores(1, 1, 1) }), "scores", "err.scores_not_held"},
		{"a score off the scale", event(ctbot.KindWorkshop, ctbot.StatusHeld, "2026-06-10", func(e *ctbot.Entry) { e.Scores = scores(1, 5, 1) }), "legal", "err.score_over"},
		// trainings
		{"a training without a course", training(func(e *ctbot.Entry) { e.Title = "" }), "title", "err.course_missing"},
		{"nobody trained", training(func(e *ctbot.Entry) { e.Trained, e.New, e.Women = 0, 0, nil }), "trained", "err.trained_missing"},
		{"women over trained", training(func(e *ctbot.Entry) { e.Women = ctbot.Int(21) }), "women", "err.women_over"},
		{"new over trained", training(func(e *ctbot.Entry) { e.New = 21 }), "new", "err.new_over"},
		{"a course not of the catalogue", training(func(e *ctbot.Entry) { e.Course = "nope" }), "course", "err.unknown_course"},
		{"a course on another topic", training(func(e *ctbot.Entry) { e.Course, e.Topic, e.Level = "osint-basic", "darknet", "basic" }), "topic", "err.course_fixes"},
		{"a course at another level", training(func(e *ctbot.Entry) { e.Course, e.Topic, e.Level = "osint-basic", "osint", "advanced" }), "level", "err.course_fixes"},
		{"a topic not of the framework", training(func(e *ctbot.Entry) { e.Topic = "cooking" }), "topic", "err.unknown_topic"},
		{"a level not of the scale", training(func(e *ctbot.Entry) { e.Topic, e.Level = "osint", "expert" }), "level", "err.unknown_level"},
		{"a level without its topic", training(func(e *ctbot.Entry) { e.Level = "basic" }), "level", "err.level_without_topic"},
		{"women among new over new", training(func(e *ctbot.Entry) { e.NewWomen = ctbot.Int(16) }), "new_women", "err.new_women_over"},
		{"women among new over women", training(func(e *ctbot.Entry) { e.NewWomen = ctbot.Int(9) }), "new_women", "err.new_women_over"},
		{"women among new of a workshop", event(ctbot.KindWorkshop, ctbot.StatusHeld, "2026-06-10", func(e *ctbot.Entry) { e.NewWomen = ctbot.Int(0) }),
			"new_women", "err.amend_field"},
		// a training's days
		{"a last day before the first", training(func(e *ctbot.Entry) { e.DateTo = day("2026-06-09") }), "date_to", "err.date_range_reversed"},
		{"a last day that is the first", training(func(e *ctbot.Entry) { e.DateTo = e.Date }), "date_to", "err.date_range_reversed"},
		{"a last day ahead", training(func(e *ctbot.Entry) { e.DateTo = day("2026-06-16") }), "date_to", "err.training_future"},
		{"a last day after the programme", training(func(e *ctbot.Entry) { e.DateTo = day("2027-01-01") }), "date_to", "err.date_outside"},
		{"a last day of a workshop", event(ctbot.KindWorkshop, ctbot.StatusHeld, "2026-06-10", func(e *ctbot.Entry) { e.DateTo = day("2026-06-11") }),
			"date_to", "err.amend_field"},
		// indicator values
		{"a stage the indicator has not", value("strategies", "KE", ctbot.OpStage, 0, 0, "signed"), "value", "err.not_stage"},
		{"a milestone set as a count", value("strategies", "KE", ctbot.OpSet, 2, 0, ""), "value", "err.not_stage"},
		{"a ratio over zero", value("women", "KE", ctbot.OpSet, 3, 0, ""), "value", "err.denominator_zero"},
		{"a ratio over one", value("women", "KE", ctbot.OpSet, 16, 15, ""), "value", "err.numerator_over"},
		{"a count with a denominator", value("recs", "KE", ctbot.OpSet, 3, 4, ""), "value", "err.not_count"},
		{"a count below zero", value("recs", "KE", ctbot.OpSet, -1, 0, ""), "value", "err.negative"},
		{"a value fed by trainings set", value("trained", "KE", ctbot.OpSet, 5, 0, ""), "value", "err.fed_set"},
		{"an adjustment without a note", value("trained", "KE", ctbot.OpAdd, -2, 0, ""), "note", "err.fed_note"},
		// assessments
		{"an assessment without scores", &ctbot.Entry{Kind: ctbot.KindReadiness, Country: "KE", Date: today}, "scores", "err.scores_missing"},
		{"an assessment of some pillars", &ctbot.Entry{Kind: ctbot.KindReadiness, Country: "KE", Date: today, Scores: map[string]int{"policy": 1}},
			"legal", "err.scores_partial"},
		{"a pillar not of the benchmark", &ctbot.Entry{Kind: ctbot.KindReadiness, Country: "KE", Date: today,
			Scores: map[string]int{"policy": 1, "legal": 1, "institutional": 1, "moral": 2}}, "moral", "err.not_pillar"},
		// text
		{"a control character in a title", training(func(e *ctbot.Entry) { e.Title = "OSINT\x1b[2J" }), "title", "err.text_char"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := fw.Check(tt.e, today, false)
			var e *ctbot.Error
			if !errors.As(err, &e) || e.Message != tt.message || e.Field != tt.field {
				t.Fatalf("got %v, want %s on %s", err, tt.message, tt.field)
			}
		})
	}
}

// What keeps the rules is taken: every kind, at its edges.
func TestCheckTakesWhatKeepsTheRules(t *testing.T) {
	fw := testFramework(t)
	fw.Courses = []*ctbot.Course{{Code: "osint-basic", Title: "OSINT basics", Topic: "osint", Level: "basic"}}
	today := ctbot.MustParseDate("2026-06-15")
	for name, e := range map[string]*ctbot.Entry{
		"an update of the programme today": {Kind: ctbot.KindLog, Date: today, Note: "n"},
		"a training today, all women, all new": {Kind: ctbot.KindTraining, Country: "CI", Date: today, Title: "OSINT basics", Trained: 9, New: 9, Women: ctbot.Int(9),
			Course: "osint-basic", Topic: "osint", Level: "basic"},
		"a training on the programme's first day": {Kind: ctbot.KindTraining, Country: "KE", Date: fw.Start, Title: "T", Trained: 1, New: 0, Topic: "osint"},
		"a training of three days ending today, its new women known": {Kind: ctbot.KindTraining, Country: "KE", Date: today.AddDays(-2), DateTo: today,
			Title: "T", Trained: 20, New: 15, Women: ctbot.Int(8), NewWomen: ctbot.Int(8)},
		"women among new, women of the attendances not reported": {Kind: ctbot.KindTraining, Country: "KE", Date: today, Title: "T", Trained: 20, New: 15,
			NewWomen: ctbot.Int(15)},
		"a kick-off planned without a date": {Kind: ctbot.KindKickoff, Country: "KE", Status: ctbot.StatusPlanned},
		"a workshop held today, scored":     {Kind: ctbot.KindWorkshop, Country: "KE", Status: ctbot.StatusHeld, Date: today, Participants: 3, Women: ctbot.Int(3), Scores: map[string]int{"policy": 0, "legal": 4, "institutional": 2}},
		"a workshop planned today":          {Kind: ctbot.KindWorkshop, Country: "KE", Status: ctbot.StatusPlanned, Date: today},
		"a workshop cancelled, past":        {Kind: ctbot.KindWorkshop, Country: "KE", Status: ctbot.StatusCancelled, Date: today.AddDays(-30)},
		"a stage":                           {Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "GH", Date: today, Op: ctbot.OpStage, Stage: "adopted"},
		"a whole ratio":                     {Kind: ctbot.KindIndicator, Indicator: "women", Country: "GH", Date: today, Op: ctbot.OpAdd, Value: 15, Denom: 15},
		"an adjustment down, with a note":   {Kind: ctbot.KindIndicator, Indicator: "trained", Country: "GH", Date: today, Op: ctbot.OpAdd, Value: -3, Note: "counted twice"},
		"a programme count":                 {Kind: ctbot.KindIndicator, Indicator: "intl", Date: today, Op: ctbot.OpSet, Value: 1},
		"an assessment":                     {Kind: ctbot.KindReadiness, Country: "KE", Date: today, Scores: map[string]int{"policy": 1, "legal": 2, "institutional": 3}},
	} {
		if err := fw.Check(e, today, false); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// An amendment may correct a plan whose day has passed; a plan recorded
// now may not be for a day past.
func TestCheckLetsAnAmendmentCorrectAPastPlan(t *testing.T) {
	fw := testFramework(t)
	today := ctbot.MustParseDate("2026-06-15")
	plan := &ctbot.Entry{Kind: ctbot.KindWorkshop, Country: "KE", Status: ctbot.StatusPlanned, Date: today.AddDays(-3), Title: "LEA"}
	if err := fw.Check(plan, today, true); err != nil {
		t.Errorf("amended: %v", err)
	}
	if err := fw.Check(plan, today, false); ctbot.CodeOf(err) != ctbot.EInvalid {
		t.Errorf("recorded: %v", err)
	}
	held := *plan
	held.Status, held.Date = ctbot.StatusHeld, today.AddDays(1)
	if err := fw.Check(&held, today, true); ctbot.CodeOf(err) != ctbot.EInvalid {
		t.Errorf("amended to held ahead: %v", err)
	}
}

// A kick-off held is final: nothing continues its series.
func TestCheckUpdateKeepsAHeldKickoffFinal(t *testing.T) {
	held := &ctbot.Entry{ID: 7, Kind: ctbot.KindKickoff, Country: "KE", Status: ctbot.StatusHeld, Date: ctbot.MustParseDate("2026-03-02")}
	planned := &ctbot.Entry{ID: 6, Kind: ctbot.KindKickoff, Country: "KE", Status: ctbot.StatusPlanned}
	next := &ctbot.Entry{Kind: ctbot.KindKickoff, Country: "KE", Status: ctbot.StatusPostponed, Date: ctbot.MustParseDate("2026-04-01")}
	var e *ctbot.Error
	if err := next.CheckUpdate(held); !errors.As(err, &e) || e.Code != ctbot.ERefused || e.Message != "err.kickoff_held" || e.Field != "status" {
		t.Errorf("after a held kick-off: %v", err)
	}
	if err := next.CheckUpdate(planned); err != nil {
		t.Errorf("after a planned kick-off: %v", err)
	}
}

// Error matches by code where the target has no message (ErrNotFound),
// and CodeOf finds the code through wrapping.
func TestErrorCodes(t *testing.T) {
	notFound := &ctbot.Error{Code: ctbot.ENotFound, Message: "err.no_entry", Args: []any{"ID", "4"}}
	wrapped := errors.Join(errors.New("storage: entry #4"), notFound)
	if !errors.Is(wrapped, ctbot.ErrNotFound) || ctbot.CodeOf(wrapped) != ctbot.ENotFound {
		t.Errorf("a wrapped not-found: Is %v, CodeOf %q", errors.Is(wrapped, ctbot.ErrNotFound), ctbot.CodeOf(wrapped))
	}
	if errors.Is(ctbot.Refused("", "err.x"), ctbot.ErrNotFound) || ctbot.CodeOf(errors.New("x")) != "" {
		t.Error("a refusal of another code, or no Error, matched")
	}
}
