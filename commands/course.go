package commands

import (
	"cmp"
	"strings"

	"github.com/cttechplus/ctbot"
)

// courseKeys are the options that say what a training taught.
var courseKeys = []string{"course", "topic", "level"}

// applyCourse amends what training e taught by the options of `amend`:
// course=CODE (a course of the catalogue: its topic and level, and its
// title when e has none), course=none for a course outside it, or topic=
// and level= for one outside it. course= that is no code of the catalogue
// names a title instead (how `amend 42 course="OSINT basics"` has always
// renamed a training).
func (c *Core) applyCourse(e *ctbot.Entry, opts options) error {
	code, given := opts.values["course"]
	if given && isNone(code) {
		e.Course, given = "", false // off the catalogue, title kept: topic= and level= say what it taught
	}
	if given {
		if co := cmp.Or(c.fw.Course(strings.TrimSpace(code)), c.fw.CourseTitled(code)); co != nil {
			return c.setCourse(e, co, opts.values["topic"], opts.values["level"])
		}
		e.Title = strings.TrimSpace(code)
	}
	if co := c.fw.Course(e.Course); co != nil && !given {
		for _, k := range []string{"topic", "level"} {
			if _, ok := opts.values[k]; ok {
				return badField(k, "err.course_keeps", "Key", k, "Code", co.Code, "Topic", co.Topic, "Level", co.Level)
			}
		}
	}
	if v, ok := opts.values["topic"]; ok {
		e.Course, e.Topic = "", cmp.Or(c.fw.Topic(strings.TrimSpace(v)), strings.TrimSpace(v)) // a topic not of the framework is refused by it
		if isNone(v) {
			e.Topic = ""
		}
	}
	if v, ok := opts.values["level"]; ok {
		e.Course, e.Level = "", strings.ToLower(strings.TrimSpace(v))
		if isNone(v) {
			e.Level = ""
		}
	}
	return nil
}

// setCourse makes e a training of co, a course of the catalogue: its topic
// and level, which topic and level, if given, must be; its title when e
// has none, or has the title of the course it had.
func (c *Core) setCourse(e *ctbot.Entry, co *ctbot.Course, topic, level string) error {
	for _, k := range [][2]string{{"topic", topic}, {"level", level}} {
		if k[1] != "" && !strings.EqualFold(k[1], map[string]string{"topic": co.Topic, "level": co.Level}[k[0]]) {
			return badField(k[0], "err.course_fixes", "Key", k[0], "Code", co.Code, "Topic", co.Topic, "Level", co.Level)
		}
	}
	if e.Title == "" || e.Course != "" && e.Title == c.courseTitle(e.Course) {
		e.Title = co.Title
	}
	e.Course, e.Topic, e.Level = co.Code, co.Topic, co.Level
	return nil
}

// courseTitle is the catalogue's title of course code, or "".
func (c *Core) courseTitle(code string) string {
	if co := c.fw.Course(code); co != nil {
		return co.Title
	}
	return ""
}

// courseCodes lists the catalogue's codes.
func (c *Core) courseCodes() string {
	codes := make([]string, len(c.fw.Courses))
	for i, co := range c.fw.Courses {
		codes[i] = co.Code
	}
	return strings.Join(codes, ", ")
}

func (c *Core) unknownCourse(code string) error {
	if len(c.fw.Courses) == 0 {
		return badField("course", "err.no_catalogue", "Text", code)
	}
	if sug := c.fw.SuggestCourses(code); len(sug) > 0 {
		return badField("course", "err.unknown_course_suggest", "Text", code, "List", codeList(sug))
	}
	return badField("course", "err.unknown_course", "Text", code, "List", c.courseCodes())
}

// isNone reports whether an option's value clears it ("none", "-").
func isNone(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v == "none" || v == "-"
}
