package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cttechplus/ctbot"
)

// catalogue checks [training] topics (with their names in other
// languages) and the [[course]] tables: codes people can type, each once,
// on a known topic and level.
func (v *validator) catalogue(cfg *Config) ([]string, ctbot.Names, []*ctbot.Course) {
	topics := cfg.Training.Topics
	if topics == nil {
		topics = ctbot.DefaultTopics
	}
	v.codes("training", "topics", topics)
	names := v.translations("training", "topics", topics,
		map[string][]string{"fr": cfg.Training.TopicsFR, "ru": cfg.Training.TopicsRU, "ar": cfg.Training.TopicsAR}, "topic.")
	var out []*ctbot.Course
	seen := map[string]string{}
	for i, c := range cfg.Courses {
		t := fmt.Sprintf("course[%d]", i)
		code := strings.ToLower(strings.TrimSpace(c.Code))
		switch {
		case !indicatorCodeRE.MatchString(code):
			v.add(t, "code", "%q is not a course code: lower-case letters, digits and hyphens, e.g. dva-basic", c.Code)
		case seen[code] != "":
			v.add(t, "code", "%q is already the code of %s on line %d", c.Code, v.name(seen[code]), v.lines[seen[code]])
		}
		seen[code] = t
		if strings.TrimSpace(c.Title) == "" {
			v.add(t, "title", "is missing")
		}
		if !slices.Contains(topics, c.Topic) {
			v.add(t, "topic", "%q is not one of [training] topics (%s)", c.Topic, strings.Join(topics, ", "))
		}
		if !ctbot.IsCourseLevel(c.Level) {
			v.add(t, "level", "%q is not a level; use %s", c.Level, strings.Join(ctbot.CourseLevels, ", "))
		}
		out = append(out, &ctbot.Course{Code: code, Title: strings.TrimSpace(c.Title), Topic: c.Topic, Level: c.Level,
			Titles: perLanguage(map[string]string{"fr": c.TitleFR, "ru": c.TitleRU, "ar": c.TitleAR})})
	}
	return topics, names, out
}

// readiness checks [readiness]: the pillars, each once, and a scale of
// two to eleven labelled levels.
func (v *validator) readiness(r Readiness) *ctbot.Readiness {
	out := ctbot.DefaultReadiness()
	if r.Pillars != nil {
		v.codes("readiness", "pillars", r.Pillars)
		out.Pillars = r.Pillars
	}
	if r.Scale != nil {
		if len(r.Scale) < 2 || len(r.Scale) > 11 {
			v.add("readiness", "scale", "has %d levels; give a label for each level from 0, two to eleven of them", len(r.Scale))
		}
		for _, l := range r.Scale {
			if strings.TrimSpace(l) == "" {
				v.add("readiness", "scale", "has an empty label")
			}
		}
		out.Labels = r.Scale
	}
	out.LabelsIn = map[string][]string{}
	for lang, labels := range map[string][]string{"fr": r.ScaleFR, "ru": r.ScaleRU, "ar": r.ScaleAR} {
		if labels == nil {
			continue
		}
		if len(labels) != len(out.Labels) {
			v.add("readiness", "scale_"+lang, "has %d labels; scale has %d", len(labels), len(out.Labels))
		}
		out.LabelsIn[lang] = labels
	}
	out.PillarsIn = v.translations("readiness", "pillars", out.Pillars,
		map[string][]string{"fr": r.PillarsFR, "ru": r.PillarsRU, "ar": r.PillarsAR}, "pillar.")
	return out
}

// codes checks a list of codes people type: well formed, each once, at
// least one.
func (v *validator) codes(table, key string, codes []string) {
	if len(codes) == 0 {
		v.add(table, key, "is empty")
	}
	for i, c := range codes {
		if !indicatorCodeRE.MatchString(c) {
			v.add(table, key, "%q is not a code: lower-case letters, digits and hyphens", c)
		}
		if slices.Contains(codes[:i], c) {
			v.add(table, key, "%q is listed twice", c)
		}
	}
}
