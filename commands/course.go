package commands

import (
	"cmp"
	"strings"

	"github.com/cttechplus/ctbot"
)

// courseKeys are the options that say what a training taught.
var courseKeys = []string{"course", "topic", "level"}

// applyCourse sets what training e taught from course=CODE (a course of
// the catalogue: its topic and level, and its title when none is given),
// or from topic= and level= for a course outside it. asTitle lets
// course= name a title instead when it is no code of the catalogue (how
// `amend 42 course="OSINT basics"` has always renamed a training).
func (c *Core) applyCourse(e *ctbot.Entry, opts options, asTitle bool) error {
	code, given := opts.values["course"]
	if given && isNone(code) {
		e.Course, given = "", false // off the catalogue, title kept: topic= and level= say what it taught
	}
	if given {
		co := c.fw.Course(strings.TrimSpace(code))
		switch {
		case co == nil && asTitle:
			e.Title = strings.TrimSpace(code)
		case co == nil:
			return c.unknownCourse(code)
		default:
			for _, k := range []string{"topic", "level"} {
				if v, given := opts.values[k]; given && !strings.EqualFold(v, map[string]string{"topic": co.Topic, "level": co.Level}[k]) {
					return badField(k, "err.course_fixes", "Key", k, "Code", co.Code, "Topic", co.Topic, "Level", co.Level)
				}
			}
			if e.Title == "" || e.Course != "" && e.Title == c.courseTitle(e.Course) {
				e.Title = co.Title
			}
			e.Course, e.Topic, e.Level = co.Code, co.Topic, co.Level
			return nil
		}
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
