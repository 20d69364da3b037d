package ctbot

import (
	"slices"
	"strings"
)

// DefaultTopics are the training topics when the configuration names none:
// open-source intelligence, the darknet, virtual assets and AI.
var DefaultTopics = []string{"osint", "darknet", "virtual-assets", "ai"}

// CourseLevels are the levels a course is taught at, in order.
var CourseLevels = []string{"basic", "intermediate", "advanced"}

// Course is one course of the programme's catalogue: what a training
// taught, so that trainings can be counted by topic and level.
type Course struct {
	Code  string // what people type: course=dva-basic
	Title string
	Topic string // one of the framework's Topics
	Level string // one of CourseLevels
	// Titles are the title in other languages, by language.
	Titles map[string]string
}

// TitleIn is the course's title in language lang.
func (c *Course) TitleIn(lang string) string {
	if s := c.Titles[lang]; s != "" {
		return s
	}
	return c.Title
}

// HasTitle reports whether s is the course's title in some language,
// ignoring case.
func (c *Course) HasTitle(s string) bool {
	if strings.EqualFold(c.Title, s) {
		return true
	}
	for _, t := range c.Titles {
		if strings.EqualFold(t, s) {
			return true
		}
	}
	return false
}

// CourseKey names the trainings of one state on one topic at one level.
type CourseKey struct {
	Country, Topic, Level string
}

// Course finds a course of the catalogue by code, ignoring case.
func (f *Framework) Course(code string) *Course {
	for _, c := range f.Courses {
		if strings.EqualFold(c.Code, code) {
			return c
		}
	}
	return nil
}

// CourseTitled finds a course of the catalogue by its title in any
// language, ignoring case; nil if none.
func (f *Framework) CourseTitled(title string) *Course {
	for _, c := range f.Courses {
		if c.HasTitle(strings.TrimSpace(title)) {
			return c
		}
	}
	return nil
}

// SuggestCourses are the catalogue's codes closest to s.
func (f *Framework) SuggestCourses(s string) []string {
	codes := make([]string, len(f.Courses))
	for i, c := range f.Courses {
		codes[i] = c.Code
	}
	return Suggest(s, codes)
}

// Topic is topic s as configured, by its code or its name in any
// language (ignoring case and accents), or "".
func (f *Framework) Topic(s string) string { return f.TopicNames.Code(s, f.Topics) }

// TopicIn is topic code's name in language lang (the code without one).
func (f *Framework) TopicIn(lang, code string) string { return f.TopicNames.In(lang, f.Topics, code) }

// IsCourseLevel reports whether s is one of CourseLevels.
func IsCourseLevel(s string) bool { return slices.Contains(CourseLevels, s) }

// Readiness is the readiness benchmark of the national workshops: each
// state scored on each pillar, on a scale from 0 to len(Labels)-1.
type Readiness struct {
	Pillars []string // e.g. policy, legal, institutional
	Labels  []string // a label per level of the scale, from 0
	// LabelsIn are the labels in other languages, by language; PillarsIn
	// the pillars' names.
	LabelsIn  map[string][]string
	PillarsIn Names
}

// PillarIn is pillar code's name in language lang (the code without one).
func (r *Readiness) PillarIn(lang, code string) string { return r.PillarsIn.In(lang, r.Pillars, code) }

// LabelsFor are the scale's labels in language lang (the default ones
// when it has none).
func (r *Readiness) LabelsFor(lang string) []string {
	if ls := r.LabelsIn[lang]; len(ls) == len(r.Labels) {
		return ls
	}
	return r.Labels
}

// DefaultReadiness is the benchmark when the configuration sets none.
func DefaultReadiness() *Readiness {
	return &Readiness{Pillars: []string{"policy", "legal", "institutional"},
		Labels: []string{"absent", "initial", "developing", "established", "advanced"}}
}

// Max is the top of the scale.
func (r *Readiness) Max() int { return len(r.Labels) - 1 }

// Pillar is pillar s as configured, by its code or its name in any
// language (ignoring case and accents), or "".
func (r *Readiness) Pillar(s string) string { return r.PillarsIn.Code(s, r.Pillars) }

// ReadinessProfile is a state's latest readiness assessment and the one
// before it (nil when there is none).
type ReadinessProfile struct {
	Latest, Previous *Entry
}

// Moved is how pillar's score moved since the assessment before: 1 up,
// -1 down, 0 the same, with the score before; scored is false when there
// is no assessment before or it did not score the pillar.
func (p ReadinessProfile) Moved(pillar string) (move, before int, scored bool) {
	if p.Previous == nil {
		return 0, 0, false
	}
	before, scored = p.Previous.Scores[pillar]
	now := p.Latest.Scores[pillar]
	switch {
	case now > before:
		move = 1
	case now < before:
		move = -1
	}
	return move, before, scored
}
