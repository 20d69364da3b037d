package ctbot

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Check applies the rules every entry of the framework keeps, whichever
// way it came (a command, a form, a reminder's answer, an import) and
// whoever writes it: storage checks every entry it writes with it. today
// is the day the entry is recorded on (in the programme's time zone);
// amended says it replaces an earlier version, which may correct a plan
// whose day has passed. A refusal is an *Error naming the field at fault.
//
// The rules that need other entries (a training recorded twice, a stage
// going back, a value far above its target) are the command core's.
//
// In a deployment of several phases an entry belongs to the phase of its
// value date, and is checked against that phase's indicators.
func (f *Framework) Check(e *Entry, today Date, amended bool) error {
	if err := e.CheckText(); err != nil {
		return err
	}
	f = f.PhaseFor(e.Date, today)
	if err := f.checkWhere(e); err != nil {
		return err
	}
	if err := f.checkDate(e, today, amended); err != nil {
		return err
	}
	if err := f.checkDateTo(e, today); err != nil {
		return err
	}
	switch e.Kind {
	case KindLog:
		if e.Note == "" {
			return Invalid("note", "err.note_missing")
		}
		return nil
	case KindKickoff, KindWorkshop:
		return f.checkEvent(e)
	case KindTraining:
		return f.checkTraining(e)
	case KindIndicator:
		return f.checkValue(f.Indicator(e.Indicator), e)
	case KindReadiness:
		if len(e.Scores) == 0 {
			return Invalid("scores", "err.scores_missing", "Pillars", f.Readiness.PillarWords(nil, "", "=N "), "Max", f.Readiness.Max())
		}
		return f.checkScores(e.Scores)
	}
	return fmt.Errorf("ctbot: %q is not a kind of entry", e.Kind)
}

// checkWhere: an entry is about a state of the framework; only an update,
// or an indicator's value where its target is programme-wide, is about
// the programme.
func (f *Framework) checkWhere(e *Entry) error {
	switch {
	case e.Kind == KindIndicator:
		ind := f.Indicator(e.Indicator)
		if ind == nil {
			codes := make([]string, len(f.Indicators))
			for i, x := range f.Indicators {
				codes[i] = x.Code
			}
			return Invalid("indicator", "err.unknown_indicator", "Text", e.Indicator, "List", strings.Join(codes, ", "))
		}
		return f.CheckScope(ind, e.Country)
	case e.Kind == KindLog && e.Country == "":
		return nil
	}
	return f.checkCountry(e.Country)
}

// PhaseFor is the phase an entry of value date d belongs to: that of d,
// or, for a kick-off with none or a date outside every phase, the phase in
// force on day today.
func (f *Framework) PhaseFor(d, today Date) *Framework {
	if p := f.PhaseOn(d); p != nil {
		return p
	}
	return f.Current(today)
}

// checkDate refuses a value date outside the programme (between two of
// its phases), one on or after its state withdrew, one in the future for
// what has happened (trainings, updates, indicator values, assessments,
// held events) and one in the past for an event still expected. Only a
// kick-off may have none (planned, date not known yet).
func (f *Framework) checkDate(e *Entry, today Date, amended bool) error {
	d := e.Date
	start, end := f.Span()
	if c := f.Country(e.Country); c != nil && !c.ActiveOn(cmpDate(d, today)) {
		return Refused("date", "err.country_withdrawn", "Country", State(c.Code), "Date", c.Withdrawn)
	}
	switch {
	case d.IsZero() && e.Kind == KindKickoff && e.Status != StatusHeld:
		return nil
	case d.IsZero():
		return Invalid("date", "err.date_missing")
	case d.Before(start) || d.After(end):
		return Invalid("date", "err.date_outside", "Date", d, "Start", start, "End", end)
	case f.PhaseOn(d) == nil:
		next := f.Current(d).PhaseList()[f.Current(d).Number()]
		return Invalid("date", "err.date_between_phases", "Date", d, "Ended", f.Current(d).Name, "End", f.Current(d).End,
			"Next", next.Name, "Start", next.Start)
	case d.After(today) && e.Kind == KindTraining:
		return Invalid("date", "err.training_future", "Date", d)
	case d.After(today) && (e.Kind == KindLog || e.Kind == KindIndicator || e.Kind == KindReadiness):
		return Invalid("date", "err.on_future", "Date", d)
	case e.Kind != KindKickoff && e.Kind != KindWorkshop:
		return nil
	case e.Status == StatusHeld && d.After(today):
		return Invalid("date", "err.held_future", "What", M("kind."+string(e.Kind)), "Date", d)
	case e.Status.Open() && d.Before(today) && !amended: // an amendment may correct a plan whose day has passed
		return Invalid("date", "err.open_past", "What", M("kind."+string(e.Kind)), "Status", M("status."+string(e.Status)), "Date", d)
	}
	return nil
}

// checkDateTo: a training's last day is after its first, and like it
// within the programme and not in the future.
func (f *Framework) checkDateTo(e *Entry, today Date) error {
	d := e.DateTo
	switch {
	case e.Kind != KindTraining:
		return notOfKind(e)
	case d.IsZero():
		return nil
	case !d.After(e.Date):
		return Invalid("date_to", "err.date_range_reversed", "From", e.Date, "To", d)
	case d.After(f.End):
		return Invalid("date_to", "err.date_outside", "Date", d, "Start", f.Start, "End", f.End)
	case d.After(today):
		return Invalid("date_to", "err.training_future", "Date", d)
	}
	return nil
}

// notOfKind refuses the fields of a training on an entry of another kind.
func notOfKind(e *Entry) error {
	switch {
	case !e.DateTo.IsZero():
		return Invalid("date_to", "err.amend_field", "Key", "date_to", "Kind", M("kind."+string(e.Kind)))
	case e.NewWomen != nil:
		return Invalid("new_women", "err.amend_field", "Key", "new_women", "Kind", M("kind."+string(e.Kind)))
	}
	return nil
}

// checkCountry refuses a country code not of the framework ("" too).
func (f *Framework) checkCountry(code string) error {
	if f.Country(code) != nil {
		return nil
	}
	codes := make([]string, len(f.Countries))
	for i, c := range f.Countries {
		codes[i] = c.Code
	}
	if code == "" {
		return Invalid("country", "err.country_missing")
	}
	return Invalid("country", "err.unknown_country", "Text", code, "List", strings.Join(codes, ", "))
}

// checkEvent: a kick-off or workshop of a state, in one of the statuses;
// women among its participants; readiness scores only once it was held.
func (f *Framework) checkEvent(e *Entry) error {
	switch {
	case e.Status == "":
		return Invalid("status", "err.status_missing")
	case !e.Status.Known():
		return Invalid("status", "err.not_status", "Text", string(e.Status))
	}
	if e.Women != nil && *e.Women > e.Participants {
		return Invalid("women", "err.women_over", "Women", *e.Women, "Total", e.Participants, "Of", "participants")
	}
	if len(e.Scores) > 0 && (e.Kind != KindWorkshop || e.Status != StatusHeld) {
		return Invalid("scores", "err.scores_not_held", "Status", M("status."+string(e.Status)))
	}
	return f.checkScores(e.Scores)
}

// checkTraining: a training of a state has a course (its title), at least
// one person trained, women and new people among them, women among the
// new people no more than either, and says what it taught in the words
// of the catalogue.
func (f *Framework) checkTraining(e *Entry) error {
	switch {
	case e.Title == "":
		return Invalid("title", "err.course_missing")
	case e.Trained < 1:
		return Invalid("trained", "err.trained_missing")
	case e.Women != nil && *e.Women > e.Trained:
		return Invalid("women", "err.women_over", "Women", *e.Women, "Total", e.Trained, "Of", "trained")
	case e.New > e.Trained:
		return Invalid("new", "err.new_over", "New", e.New, "Trained", e.Trained)
	case e.NewWomen != nil && *e.NewWomen > e.New:
		return Invalid("new_women", "err.new_women_over", "Women", *e.NewWomen, "Total", e.New, "Of", "new")
	case e.NewWomen != nil && e.Women != nil && *e.NewWomen > *e.Women:
		return Invalid("new_women", "err.new_women_over", "Women", *e.NewWomen, "Total", *e.Women, "Of", "women")
	}
	return f.checkCourse(e)
}

// checkCourse: a course of the catalogue teaches its topic at its level;
// a course outside it names a topic of the framework, if any, and a level
// only with its topic.
func (f *Framework) checkCourse(e *Entry) error {
	if e.Course != "" {
		co := f.Course(e.Course)
		switch {
		case co == nil:
			codes := make([]string, len(f.Courses))
			for i, c := range f.Courses {
				codes[i] = c.Code
			}
			return Invalid("course", "err.unknown_course", "Text", e.Course, "List", strings.Join(codes, ", "))
		case e.Topic != co.Topic:
			return Invalid("topic", "err.course_fixes", "Key", "topic", "Code", co.Code, "Topic", co.Topic, "Level", co.Level)
		case e.Level != co.Level:
			return Invalid("level", "err.course_fixes", "Key", "level", "Code", co.Code, "Topic", co.Topic, "Level", co.Level)
		}
		return nil
	}
	switch {
	case e.Topic != "" && f.Topic(e.Topic) != e.Topic:
		return Invalid("topic", "err.unknown_topic", "Text", e.Topic, "List", Words{Names: f.TopicNames, Codes: f.Topics})
	case e.Level != "" && !IsCourseLevel(e.Level):
		return Invalid("level", "err.unknown_level", "Text", e.Level, "List", strings.Join(CourseLevels, ", "))
	case e.Level != "" && e.Topic == "":
		return Invalid("level", "err.level_without_topic")
	}
	return nil
}

// checkScores: an assessment scores every pillar, each on the scale.
func (f *Framework) checkScores(scores map[string]int) error {
	if len(scores) == 0 {
		return nil
	}
	r := f.Readiness
	var missing []string
	for _, p := range r.Pillars {
		n, ok := scores[p]
		switch {
		case !ok:
			missing = append(missing, p)
		case n < 0 || n > r.Max():
			return Invalid(p, "err.score_over", "Pillar", r.PillarWords([]string{p}, "", ""), "N", n, "Max", r.Max(), "Labels", r)
		}
	}
	if len(scores)+len(missing) > len(r.Pillars) {
		for _, p := range slices.Sorted(maps.Keys(scores)) {
			if r.Pillar(p) != p {
				return Invalid(p, "err.not_pillar", "Key", p, "List", r.PillarWords(nil, "", ""))
			}
		}
	}
	if len(missing) > 0 {
		return Invalid(missing[0], "err.scores_partial", "List", r.PillarWords(missing, "=N", " "), "Max", r.Max())
	}
	return nil
}

// checkValue: an indicator's value is in the form of its measure: a stage
// of a milestone, a ratio no more than whole of a percent, a count never
// below 0 but for an adjustment (with a note) of one fed by trainings,
// which is never set.
func (f *Framework) checkValue(ind *Indicator, e *Entry) error {
	ratio := fmt.Sprintf("%d/%d", e.Value, e.Denom)
	switch ind.Measure {
	case MeasureMilestone:
		if e.Op != OpStage || ind.StageIndex(e.Stage) < 0 {
			return Invalid("value", "err.not_stage", "Text", e.Stage, "Code", ind.Code, "List", Words{Names: ind.StagesIn, Codes: ind.Stages})
		}
		return nil
	case MeasurePercent:
		switch {
		case e.Op != OpSet && e.Op != OpAdd:
			return Invalid("value", "err.not_ratio", "Code", ind.Code, "Text", ratio)
		case e.Denom < 1:
			return Invalid("value", "err.denominator_zero")
		case e.Value > e.Denom:
			return Invalid("value", "err.numerator_over", "Num", e.Value, "Den", e.Denom)
		}
	default:
		if e.Op != OpSet && e.Op != OpAdd || e.Denom != 0 {
			return Invalid("value", "err.not_count", "Code", ind.Code, "Text", ratio)
		}
	}
	switch {
	case ind.Source != "" && e.Op != OpAdd:
		return Invalid("value", "err.fed_set", "Code", ind.Code, "Country", State(e.Country))
	case ind.Source != "" && e.Note == "":
		return Invalid("note", "err.fed_note", "Code", ind.Code)
	case ind.Source == "" && e.Value < 0:
		return Invalid("value", "err.negative", "What", M("what.value"), "Text", e.Value)
	}
	return nil
}

// CheckScope refuses a country where indicator ind has none (programme
// scope), no country where it needs one, and states it does not apply
// to.
func (f *Framework) CheckScope(ind *Indicator, country string) error {
	perCountry := ind.Scope == ScopeEach || ind.Measure == MeasureMilestone
	switch {
	case perCountry && country == "":
		return Invalid("country", "err.indicator_per_country", "Code", ind.Code)
	case !perCountry && country != "":
		return Invalid("country", "err.indicator_programme", "Code", ind.Code, "Country", State(country))
	case perCountry && f.Country(country) == nil:
		return f.checkCountry(country)
	case perCountry && !ind.AppliesTo(country):
		return Invalid("country", "err.indicator_not_here", "Code", ind.Code, "Country", State(country))
	}
	return nil
}

// CheckUpdate applies the rules between an event's new entry e and prev,
// the latest entry of the series it continues: a kick-off held is final.
func (e *Entry) CheckUpdate(prev *Entry) error {
	if e.Kind == KindKickoff && prev.Status == StatusHeld {
		return Refused("status", "err.kickoff_held", "Country", State(prev.Country), "Date", prev.Date, "ID", IDArg(prev.ID))
	}
	return nil
}

// cmpDate is d, or, when it is the zero Date, or.
func cmpDate(d, or Date) Date {
	if d.IsZero() {
		return or
	}
	return d
}
