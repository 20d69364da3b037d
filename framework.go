package ctbot

import (
	"time"
)

// Measure says how an indicator is measured.
type Measure string

// Indicator measures.
const (
	MeasureCount     Measure = "count"
	MeasurePercent   Measure = "percent"
	MeasureMilestone Measure = "milestone"
)

// Scope says whether an indicator's target applies to each country or to the
// programme as a whole.
type Scope string

// Indicator scopes.
const (
	ScopeEach      Scope = "each"
	ScopeProgramme Scope = "programme"
)

// SourceTrainings marks an indicator fed by recorded trainings (their new=N).
const SourceTrainings = "trainings"

// Country is a partner state.
type Country struct {
	Code        string // ISO 3166-1 alpha-2, upper case
	Name        string
	Aliases     []string
	FocalPoints []string // Slack user IDs
	// Language is its focal points' default language ("" for the
	// programme's); Names its name in other languages.
	Language string
	Names    map[string]string
	// Location is the state's time zone (nil: the programme's); Weekend
	// its days off (nil: Saturday and Sunday) and Holidays its public
	// holidays: reminders go out on its working days only.
	Location *time.Location
	Weekend  []time.Weekday
	Holidays []Date
	// Withdrawn is the day the state left the programme (zero: it has
	// not): from then on it is out of targets, totals, reminders and
	// lists of who is behind; its data and history stay.
	Withdrawn Date
}

// Pace says what is expected of an indicator before its due date.
type Pace string

// Paces.
const (
	PaceLinear Pace = "linear" // from the baseline at the start, through the milestones, to the target when due
	PaceDue    Pace = "due"    // nothing before the due date (a single event): "not yet due"
)

// Indicator is one result indicator of the framework.
type Indicator struct {
	Code  string
	Title string
	// ShortTitle names the indicator in status lines; Name falls back to
	// the code without it. Titles and ShortTitles give them in other
	// languages.
	ShortTitle          string
	Titles, ShortTitles map[string]string
	Measure             Measure
	Scope               Scope
	Target              float64
	Baseline            float64
	Stages              []string // milestones only, in order; the last is the final stage
	StagesIn            Names    `json:",omitempty"` // the stages' names in other languages
	Source              string   // "" or SourceTrainings
	// Countries are the states the indicator applies to; nil for all.
	Countries []string
	// Targets overrides the target of some states (scope "each").
	Targets map[string]float64
	// Milestones are intermediate targets, in date order.
	Milestones []Milestone
	// Due is when the target is due; the zero Date means the programme end.
	Due  Date
	Pace Pace
	// Level is the result level the indicator measures; Verification its
	// means of verification, as the logframe states them.
	Level        Level
	Verification string
	// Result is the result statement the indicator measures (Results in
	// other languages), BaselineYear the year its baseline was measured,
	// Assumptions what the result depends on beyond the programme.
	Result       string
	Results      map[string]string
	BaselineYear int
	Assumptions  string
	// Baselines override the baseline of some states (scope "each").
	Baselines map[string]float64
	// Continues is set for an indicator that carries on the previous
	// phase's of the same code: its value goes on from that one's, whose
	// value at the previous phase's end is its baseline. From is the first
	// value date its entries count from (set by LinkPhases).
	Continues bool
	From      Date
	// Revisions change its targets from a date on, in date order.
	Revisions []Revision
}

// ResultIn is the indicator's result statement in language lang.
func (ind *Indicator) ResultIn(lang string) string {
	if s := ind.Results[lang]; s != "" {
		return s
	}
	return ind.Result
}

// Level is a result level of the logframe.
type Level string

// Result levels (IATI result types 1, 2 and 3).
const (
	LevelOutput  Level = "output"
	LevelOutcome Level = "outcome"
	LevelImpact  Level = "impact"
)

// Milestone is an intermediate target: value due by date.
type Milestone struct {
	Date  Date
	Value float64
}

// AppliesTo reports whether the indicator applies to country.
func (ind *Indicator) AppliesTo(country string) bool {
	if ind.Countries == nil {
		return true
	}
	for _, c := range ind.Countries {
		if c == country {
			return true
		}
	}
	return false
}

// TargetFor is the target of one state (its override, or the target).
func (ind *Indicator) TargetFor(country string) float64 {
	if t, ok := ind.Targets[country]; ok {
		return t
	}
	return ind.Target
}

// NameIn is Name in language lang.
func (ind *Indicator) NameIn(lang string) string {
	if s := ind.ShortTitles[lang]; s != "" {
		return s
	}
	return ind.Name()
}

// TitleIn is the indicator's title in language lang.
func (ind *Indicator) TitleIn(lang string) string {
	if s := ind.Titles[lang]; s != "" {
		return s
	}
	return ind.Title
}

// NameIn is the country's name in language lang.
func (c *Country) NameIn(lang string) string {
	if s := c.Names[lang]; s != "" {
		return s
	}
	return c.Name
}

// Name is how status lines name the indicator: its short title, or its
// code when it has none.
func (ind *Indicator) Name() string {
	if ind.ShortTitle != "" {
		return ind.ShortTitle
	}
	return ind.Code
}

// FinalStage is the stage a milestone indicator counts as reached.
func (ind *Indicator) FinalStage() string {
	if len(ind.Stages) == 0 {
		return ""
	}
	return ind.Stages[len(ind.Stages)-1]
}

// StageIn is stage code's name in language lang (the code without one).
func (ind *Indicator) StageIn(lang, code string) string {
	return ind.StagesIn.In(lang, ind.Stages, code)
}

// Stage is the stage s names, by its code or its name in any language
// (ignoring case and accents), or "".
func (ind *Indicator) Stage(s string) string { return ind.StagesIn.Code(s, ind.Stages) }

// StageIndex returns the position of stage in the indicator's stages, or -1.
func (ind *Indicator) StageIndex(stage string) int {
	for i, s := range ind.Stages {
		if s == stage {
			return i
		}
	}
	return -1
}

// Framework is the programme's results framework: its timeline, countries and
// indicators. It is built from configuration and read-only afterwards.
type Framework struct {
	Name       string
	Start, End Date
	Location   *time.Location
	Countries  []*Country
	Indicators []*Indicator
	// Period is the length of the reporting periods (default quarters).
	Period PeriodKind
	// Language is ctbot's language for people who chose none and are
	// no state's focal point.
	Language string
	// Topics are the training topics; Courses the catalogue; Readiness
	// the benchmark of the national workshops.
	Topics []string
	// TopicNames are the topics' names in other languages.
	TopicNames Names
	Courses    []*Course
	Readiness  *Readiness
	// Planned is the end before any extension; Extensions move it from a
	// date on (End is the last one's). See EndOn.
	Planned    Date
	Extensions []Extension
	// Phases are the phases of the deployment in date order, this one
	// among them (nil for a single programme); IATIIdentifier is this
	// phase's IATI activity ("" for the [iati] identifier).
	Phases         []*Framework
	IATIIdentifier string

	number       int                 // place in Phases, from 1
	countryIndex map[string]*Country // normalised code, name and aliases
}

// NewFramework builds a framework and its lookup tables. The inputs are
// assumed valid (the config package validates them).
func NewFramework(name string, start, end Date, loc *time.Location, countries []*Country, indicators []*Indicator) *Framework {
	f := &Framework{Name: name, Start: start, End: end, Planned: end, Location: loc, Countries: countries, Indicators: indicators,
		Period: Quarter, Topics: DefaultTopics, Readiness: DefaultReadiness(), countryIndex: make(map[string]*Country)}
	for _, c := range countries {
		f.countryIndex[normalise(c.Code)] = c
		f.countryIndex[normalise(c.Name)] = c
		for _, a := range c.Aliases {
			f.countryIndex[normalise(a)] = c
		}
		for _, n := range c.Names {
			f.countryIndex[normalise(n)] = c
		}
	}
	return f
}

// Country returns the country with the given code, or nil.
func (f *Framework) Country(code string) *Country {
	for _, c := range f.Countries {
		if c.Code == code {
			return c
		}
	}
	return nil
}

// CountryName returns the name of the country with the given code, "programme"
// for the empty code, and the code itself when it is not in the framework.
func (f *Framework) CountryName(code string) string {
	if code == "" {
		return "programme"
	}
	if c := f.Country(code); c != nil {
		return c.Name
	}
	return code
}

// Indicator returns the indicator with the given code, or nil.
func (f *Framework) Indicator(code string) *Indicator {
	for _, ind := range f.Indicators {
		if ind.Code == code {
			return ind
		}
	}
	return nil
}

// Applicable lists the countries ind applies to, in framework order.
func (f *Framework) Applicable(ind *Indicator) []*Country {
	out := make([]*Country, 0, len(f.Countries))
	for _, c := range f.Countries {
		if ind.AppliesTo(c.Code) {
			out = append(out, c)
		}
	}
	return out
}

// DueDate is when ind's target is due.
func (f *Framework) DueDate(ind *Indicator) Date {
	if ind.Due.IsZero() {
		return f.End
	}
	return ind.Due
}

// Today is the current date in the programme's time zone.
func (f *Framework) Today(now time.Time) Date {
	return DateOf(now.In(f.Location))
}

// Elapsed is the share of the programme timeline passed on day d, in [0,
// 1], against the end then in force.
func (f *Framework) Elapsed(d Date) float64 {
	total := f.EndOn(d).DaysSince(f.Start)
	if total <= 0 {
		return 1
	}
	x := float64(d.DaysSince(f.Start)) / float64(total)
	return min(max(x, 0), 1)
}
