package config

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

func TestDefaultIsValid(t *testing.T) {
	c := Default()
	fw := c.Framework
	if len(fw.Countries) != 9 {
		t.Errorf("countries = %d, want 9", len(fw.Countries))
	}
	for _, code := range []string{"GH", "IQ", "KE", "NG", "PH", "TJ", "UZ", "CI", "MY"} {
		if fw.Country(code) == nil {
			t.Errorf("country %s missing", code)
		}
	}
	if c := fw.LookupCountry("Ivory Coast"); c == nil || c.Code != "CI" {
		t.Errorf("Ivory Coast does not resolve to CI")
	}
	want := map[string]struct {
		m      ctbot.Measure
		s      ctbot.Scope
		target float64
	}{
		"strategies":            {ctbot.MeasureMilestone, ctbot.ScopeProgramme, 5},
		"unsr-recs":             {ctbot.MeasureCount, ctbot.ScopeEach, 2},
		"women-policy":          {ctbot.MeasurePercent, ctbot.ScopeEach, 20},
		"investigators-trained": {ctbot.MeasureCount, ctbot.ScopeEach, 40},
		"intl-investigation":    {ctbot.MeasureCount, ctbot.ScopeProgramme, 1},
		"ppp-mechanisms":        {ctbot.MeasureMilestone, ctbot.ScopeProgramme, 5},
	}
	if len(fw.Indicators) != len(want) {
		t.Errorf("indicators = %d, want %d", len(fw.Indicators), len(want))
	}
	for code, w := range want {
		ind := fw.Indicator(code)
		if ind == nil {
			t.Errorf("indicator %s missing", code)
			continue
		}
		if ind.Measure != w.m || ind.Scope != w.s || ind.Target != w.target {
			t.Errorf("%s = %s/%s/%v, want %s/%s/%v", code, ind.Measure, ind.Scope, ind.Target, w.m, w.s, w.target)
		}
	}
	if fw.Indicator("investigators-trained").Source != ctbot.SourceTrainings {
		t.Errorf("investigators-trained is not fed by trainings")
	}
	if fw.Location.String() != "Europe/Brussels" || c.Digest.Schedule != "0 8 * * MON" || c.Slack.Command != "/ct" {
		t.Errorf("defaults: tz %s schedule %q command %q", fw.Location, c.Digest.Schedule, c.Slack.Command)
	}
}

// lineOf returns the 1-based line of the first occurrence of s in the example.
func lineOf(t *testing.T, src, s string) int {
	t.Helper()
	i := strings.Index(src, s)
	if i < 0 {
		t.Fatalf("%q not in the example config", s)
	}
	return strings.Count(src[:i], "\n") + 1
}

// nth replaces the n-th (0-based) occurrence of old in s.
func nth(s, old, new string, n int) string {
	at := -1
	for range n + 1 {
		j := strings.Index(s[at+1:], old)
		if j < 0 {
			return s
		}
		at += 1 + j
	}
	return s[:at] + new + s[at+len(old):]
}

func TestValidationNamesKeyAndLine(t *testing.T) {
	example := string(ctbot.DefaultConfig)
	tests := []struct {
		name    string
		edit    func(string) string
		line    func(src string) int
		key     string
		message string
	}{
		{
			name: "unknown key",
			edit: func(s string) string {
				return strings.Replace(s, `lookahead_days = 14`, `lookahead_days = 14`+"\nlook_ahead = 3", 1)
			},
			line:    func(s string) int { return lineOf(t, s, "look_ahead") },
			key:     "digest.look_ahead",
			message: "unknown key",
		},
		{
			name:    "unknown key in the third country",
			edit:    func(s string) string { return nth(s, `focal_points = []`, `focal_points = []`+"\ncolour = \"red\"", 2) },
			line:    func(s string) int { return lineOf(t, s, "colour") },
			key:     "country KE.colour",
			message: "unknown key",
		},
		{
			name:    "duplicate country code",
			edit:    func(s string) string { return strings.Replace(s, `code = "IQ"`, `code = "GH"`, 1) },
			line:    func(s string) int { return nth2(s, `code = "GH"`) },
			key:     "country[1].code",
			message: `"GH" is already used by country GH on line`,
		},
		{
			name:    "duplicate indicator code",
			edit:    func(s string) string { return strings.Replace(s, `code = "unsr-recs"`, `code = "strategies"`, 1) },
			line:    func(s string) int { return nth2(s, `code = "strategies"`) },
			key:     "indicator[1].code",
			message: `"strategies" is already used by indicator strategies on line`,
		},
		{
			name:    "alias of another country",
			edit:    func(s string) string { return nth(s, `aliases = []`, `aliases = ["Ghana"]`, 2) },
			line:    func(s string) int { return lineOf(t, s, `aliases = ["Ghana"]`) },
			key:     "country KE.aliases",
			message: `"Ghana" is already used by country GH on line`,
		},
		{
			name: "focal point listed twice",
			edit: func(s string) string {
				return nth(s, `focal_points = []`, `focal_points = ["U0AAA", "U0BBB", "U0AAA"]`, 2)
			},
			line:    func(s string) int { return lineOf(t, s, `focal_points = ["U0AAA"`) },
			key:     "country KE.focal_points",
			message: `"U0AAA" is listed twice`,
		},
		{
			name: "coordinator listed twice",
			edit: func(s string) string {
				return strings.Replace(s, `coordinators = []`, `coordinators = ["U0AAA", "U0AAA"]`, 1)
			},
			line:    func(s string) int { return lineOf(t, s, `coordinators = ["U0AAA", "U0AAA"]`) },
			key:     "access.coordinators",
			message: `"U0AAA" is listed twice`,
		},
		{
			name:    "unknown measure",
			edit:    func(s string) string { return strings.Replace(s, `measure = "percent"`, `measure = "ratio"`, 1) },
			line:    func(s string) int { return lineOf(t, s, `measure = "ratio"`) },
			key:     "indicator women-policy.measure",
			message: `"ratio" is not a measure`,
		},
		{
			name: "bad cron",
			edit: func(s string) string {
				return strings.Replace(s, `schedule = "0 8 * * MON"`, `schedule = "0 25 * * MON"`, 1)
			},
			line:    func(s string) int { return lineOf(t, s, `schedule = "0 25`) },
			key:     "digest.schedule",
			message: "is not a cron schedule",
		},
		{
			name:    "end before start",
			edit:    func(s string) string { return strings.Replace(s, `end = 2026-12-31`, `end = 2024-12-31`, 1) },
			line:    func(s string) int { return lineOf(t, s, `end = 2024-12-31`) },
			key:     "programme.end",
			message: "is not after start",
		},
		{
			name: "target missing",
			edit: func(s string) string {
				return strings.Replace(s, "scope = \"programme\"\ntarget = 1\n", "scope = \"programme\"\n", 1)
			},
			line:    func(s string) int { return nth3(s, "[[indicator]]", 4) },
			key:     "indicator intl-investigation.target",
			message: "is missing",
		},
		{
			name:    "unknown time zone",
			edit:    func(s string) string { return strings.Replace(s, `"Europe/Brussels"`, `"Europe/Bruxelles"`, 1) },
			line:    func(s string) int { return lineOf(t, s, `timezone = "Europe/Bruxelles"`) },
			key:     "programme.timezone",
			message: "is not an IANA time zone",
		},
		{
			name:    "bad country code",
			edit:    func(s string) string { return strings.Replace(s, `code = "KE"`, `code = "Kenya"`, 1) },
			line:    func(s string) int { return lineOf(t, s, `code = "Kenya"`) },
			key:     "country[2].code",
			message: "is not an ISO 3166-1 alpha-2 code",
		},
		{
			name:    "bad user ID",
			edit:    func(s string) string { return strings.Replace(s, `coordinators = []`, `coordinators = ["alice"]`, 1) },
			line:    func(s string) int { return lineOf(t, s, `coordinators = ["alice"]`) },
			key:     "access.coordinators",
			message: "is not a Slack user ID",
		},
		{
			name:    "bad slack mode",
			edit:    func(s string) string { return strings.Replace(s, `mode = "socket"`, `mode = "websocket"`, 1) },
			line:    func(s string) int { return lineOf(t, s, `mode = "websocket"`) },
			key:     "slack.mode",
			message: `use "socket" or "http"`,
		},
		{
			name:    "stage on a count",
			edit:    func(s string) string { return strings.Replace(s, "target = 2\n", "target = 2\nstages = [\"a\"]\n", 1) },
			line:    func(s string) int { return lineOf(t, s, `stages = ["a"]`) },
			key:     "indicator unsr-recs.stages",
			message: "only milestone indicators have stages",
		},
		{
			name:    "syntax error",
			edit:    func(s string) string { return strings.Replace(s, `name = "CT TECH+"`, `name = "CT TECH+`, 1) },
			line:    func(s string) int { return lineOf(t, s, `name = "CT TECH+`) },
			key:     "programme.name",
			message: "strings cannot contain newlines",
		},
		{
			name: "wrong type",
			edit: func(s string) string {
				return strings.Replace(s, `lookahead_days = 14`, `lookahead_days = "two weeks"`, 1)
			},
			line:    func(s string) int { return lineOf(t, s, `lookahead_days = "two weeks"`) },
			key:     "digest.lookahead_days",
			message: "incompatible types",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.edit(example)
			if src == example {
				t.Fatal("the edit changed nothing")
			}
			_, err := Parse("test.toml", []byte(src))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Parse error = %v, want *config.Error", err)
			}
			wantLine := tt.line(src)
			for _, p := range ce.Problems {
				if p.Line == wantLine && (tt.key == "" || p.Key == tt.key) && strings.Contains(p.Msg, tt.message) {
					if !strings.Contains(err.Error(), "test.toml") {
						t.Errorf("error does not name the file: %v", err)
					}
					return
				}
			}
			t.Errorf("want a problem at line %d key %q containing %q; got:\n%v", wantLine, tt.key, tt.message, err)
		})
	}
}

// nth2 is the line of the second occurrence of s.
func nth2(src, s string) int { return nth3(src, s, 1) }

// nth3 is the line of the n-th (0-based) occurrence of s.
func nth3(src, s string, n int) int {
	at := -1
	for range n + 1 {
		j := strings.Index(src[at+1:], s)
		if j < 0 {
			return -1
		}
		at += 1 + j
	}
	return strings.Count(src[:at], "\n") + 1
}

// TestFocalPointOfSeveralStates: one person may be the focal point of
// several states (a regional officer); that is not a mistake.
func TestFocalPointOfSeveralStates(t *testing.T) {
	src := string(ctbot.DefaultConfig)
	for _, n := range []int{6, 5} { // Uzbekistan, Tajikistan
		src = nth(src, `focal_points = []`, `focal_points = ["U0CENTRAL"]`, n)
	}
	c, err := Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"TJ", "UZ"} {
		if fp := c.Framework.Country(code).FocalPoints; len(fp) != 1 || fp[0] != "U0CENTRAL" {
			t.Errorf("%s focal points %v", code, fp)
		}
	}
}

func TestValidationReportsEveryProblem(t *testing.T) {
	src := strings.Replace(string(ctbot.DefaultConfig), `measure = "count"`, `measure = "sum"`, 1)
	src = strings.Replace(src, `schedule = "0 8 * * MON"`, `schedule = "every monday"`, 1)
	_, err := Parse("x.toml", []byte(src))
	var ce *Error
	if !errors.As(err, &ce) || len(ce.Problems) != 2 {
		t.Fatalf("want 2 problems, got %v", err)
	}
	if ce.Problems[0].Line > ce.Problems[1].Line {
		t.Errorf("problems not in line order: %v", ce.Problems)
	}
}

func TestMinimalConfigGetsDefaults(t *testing.T) {
	src := `
[programme]
name = "Other programme"
start = "2026-01-01"
end = 2027-06-30

[[country]]
code = "SN"
name = "Senegal"

[[indicator]]
code = "people-trained"
title = "People trained"
measure = "count"
scope = "each"
target = 10
`
	c, err := Parse("min.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.Storage.Path != "ctbot.db" || c.Slack.Mode != "socket" || c.Digest.LookaheadDays != 14 ||
		c.Digest.QuietAfterDays != 21 || c.Digest.CatchUpHours != 24 || len(c.Reminders.DaysBefore) != 2 {
		t.Errorf("defaults not applied: %+v %+v %+v", c.Storage, c.Slack, c.Digest)
	}
	if c.Framework.Location.String() != "Europe/Brussels" || c.Framework.Start.String() != "2026-01-01" {
		t.Errorf("programme = %v %v", c.Framework.Location, c.Framework.Start)
	}
}

func TestErrorCountsProblemsInWords(t *testing.T) {
	for n, want := range map[int]string{1: "config x.toml: 1 problem\n", 3: "config x.toml: 3 problems\n"} {
		e := &Error{Source: "x.toml", Problems: make([]Problem, n)}
		if got := e.Error(); !strings.HasPrefix(got, want) {
			t.Errorf("%d problems: got %q, want it to start with %q", n, got, want)
		}
	}
}

// TestCourseStagePillarTitles: titles and names per language load from
// title_fr, stages_fr, pillars_ar, topics_ru; a list of the wrong length
// is refused naming its key and line; without them, the catalogue's
// names, then the code.
func TestCourseStagePillarTitles(t *testing.T) {
	fw := Default().Framework
	co := fw.Course("dva-basic")
	if got := co.TitleIn("fr"); got != "Web clandestin et actifs virtuels (de base)" || co.TitleIn("en") != co.Title {
		t.Errorf("dva-basic in French: %q", got)
	}
	ind := fw.Indicator("strategies")
	if got := ind.StageIn("ru", "adopted"); got != "принято" || ind.Stage("adopté") != "adopted" || ind.StageIn("en", "adopted") != "adopted" {
		t.Errorf("strategies: stage adopted in Russian %q, adopté read as %q", got, ind.Stage("adopté"))
	}
	if got := fw.Readiness.PillarIn("ar", "policy"); got != "السياسات" || fw.Readiness.Pillar("juridique") != "legal" {
		t.Errorf("pillar policy in Arabic %q (the catalogue's), juridique read as %q", got, fw.Readiness.Pillar("juridique"))
	}
	if got := fw.TopicIn("fr", "virtual-assets"); got != "actifs virtuels" || fw.Topic("Actifs virtuels") != "virtual-assets" {
		t.Errorf("topic virtual-assets in French %q", got)
	}
	src := string(ctbot.DefaultConfig)
	own := strings.Replace(src, `pillars = ["policy", "legal", "institutional"]`,
		`pillars = ["policy", "legal", "institutional"]`+"\npillars_ar = [\"السياسة\", \"القانون\", \"المؤسسات\"]", 1)
	own = strings.Replace(own, `topics = ["osint", "darknet", "virtual-assets", "ai"]`,
		`topics = ["osint", "darknet", "virtual-assets", "ai"]`+"\ntopics_ru = [\"OSINT\", \"даркнет\", \"активы\", \"ИИ\"]", 1)
	c, err := Parse("own.toml", []byte(own))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Framework.Readiness.PillarIn("ar", "policy"); got != "السياسة" {
		t.Errorf("pillars_ar: policy is %q", got)
	}
	if got := c.Framework.TopicIn("ru", "virtual-assets"); got != "активы" || c.Framework.TopicIn("fr", "ai") != "intelligence artificielle (IA)" {
		t.Errorf("topics_ru: virtual-assets is %q", got)
	}
	bad := strings.Replace(src, `stages_fr = ["en cours de rédaction", "validé", "adopté"]`, `stages_fr = ["validé", "adopté"]`, 1)
	_, err = Parse("bad.toml", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), "indicator strategies.stages_fr: has 2 names; stages has 3") ||
		!strings.Contains(err.Error(), fmt.Sprintf("line %d", lineOf(t, bad, `stages_fr = ["validé", "adopté"]`))) {
		t.Errorf("stages_fr of the wrong length: %v", err)
	}
}
