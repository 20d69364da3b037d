package commands

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
)

// readToday is the day the questions are asked on: Friday 27 November
// 2026, in the last quarter of the default framework's programme.
var (
	readToday     = ctbot.MustParseDate("2026-11-27")
	readFramework = config.Default().Framework
)

// readSummary is what a Question says, as text: one entry per field that
// is not its zero value, so that a test states each qualifier read and,
// by leaving it out, that none was.
func readSummary(q Question) map[string]string {
	out := map[string]string{"subject": string(q.Subject)}
	join := func(key string, list []string) {
		if len(list) > 0 {
			out[key] = strings.Join(list, ",")
		}
	}
	var states, inds []string
	for _, c := range q.States {
		states = append(states, c.Code)
	}
	for _, ind := range q.Indicators {
		inds = append(inds, ind.Code)
	}
	join("states", states)
	join("indicators", inds)
	join("topics", q.Topics)
	join("levels", q.Levels)
	join("courses", q.Courses)
	join("people", q.People)
	if len(q.Unread) > 0 {
		out["unread"] = strings.Join(q.Unread, "|")
	}
	want := map[ctbot.Want]string{ctbot.Yes: "yes", ctbot.No: "no"}
	for key, w := range map[string]ctbot.Want{"online": q.Online, "verified": q.Verified, "evidence": q.Evidence} {
		if w != ctbot.Either {
			out[key] = want[w]
		}
	}
	if !q.Window.IsZero() {
		out["window"] = q.Window.From.String() + ".." + q.Window.To.String()
		if q.Window.Recorded {
			out["window"] += " recorded"
		}
	}
	if q.Window.Said != "" {
		out["said"] = q.Window.Said
	}
	if q.Ahead != 0 {
		out["ahead"] = fmt.Sprint(q.Ahead)
	}
	for key, b := range map[string]bool{"women": q.Women, "more": q.More} {
		if b {
			out[key] = "yes"
		}
	}
	if q.Rank.By != "" {
		out["rank"] = q.Rank.By
		if q.Rank.Least {
			out["rank"] += " least"
		}
		if q.Rank.Top > 0 {
			out["rank"] += fmt.Sprintf(" top %d", q.Rank.Top)
		}
	}
	if q.Measure != "" {
		out["measure"] = q.Measure
	}
	return out
}

// parseWant reads an expected summary: "subject; key=value; key=value".
func parseWant(s string) map[string]string {
	parts := strings.Split(s, ";")
	out := map[string]string{"subject": strings.TrimSpace(parts[0])}
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		out[k] = v
	}
	return out
}

// checkReads reads each question and compares every field of the
// Question with what is wanted.
func checkReads(t *testing.T, cases [][2]string) {
	t.Helper()
	c := New(Options{Framework: readFramework})
	for _, tc := range cases {
		got := readSummary(c.readQuestion(tc[0], nil, readToday))
		want := parseWant(tc[1])
		if !maps.Equal(got, want) {
			keys := slices.Sorted(maps.Keys(got))
			var lines []string
			for _, k := range keys {
				lines = append(lines, k+"="+got[k])
			}
			t.Errorf("%q read as\n\t%s\nwant\n\t%s", tc[0], strings.Join(lines, "; "), tc[1])
		}
	}
}

// BenchmarkReadQuestion reads a question with a state, a topic, women, a
// range of dates and a comparison: reading is a small part of an answer's
// 50 ms.
func BenchmarkReadQuestion(b *testing.B) {
	c := New(Options{Framework: readFramework})
	for b.Loop() {
		c.readQuestion("how many women were trained in Kenya on OSINT between 1 and 15 Nov, compared with Ghana?", nil, readToday)
	}
}

// route reads what is a question the same way whatever the way in: a
// command's syntax runs it (the command's name alone), words that read as
// a question are asked ("ask": after a recording command's name, a first
// word of questions, a first word a reading knows), the rest is refused
// as the command named ("none": no command).
func TestRoute(t *testing.T) {
	c := New(Options{Framework: readFramework, Now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }})
	for text, want := range map[string]string{
		"how's ct tech+ going":                            "ask",
		"top 3 states by investigators trained":           "ask",
		"UNSR recommendations acted upon in Nigeria":      "ask",
		"indicateur des femmes dans les politiques":       "indicator ask",
		"indicator of women in policy":                    "indicator ask",
		"новости по Кот-д'Ивуару":                         "ask",
		"point sur les philipines":                        "ask",
		"общий статус":                                    "ask",
		"kenya vs nigeria":                                "ask",
		"indicator unsr-recs kenya 2":                     "indicator",
		"indicator unsr-recs kenyaa 2":                    "indicator",
		"training kenyaa trained=5":                       "training",
		"access grant <@UA4|x> Focal-Point côte d'ivoire": "access",
		"statuss kenya":                                   "none",
		"frobnicate":                                      "none",
		"frobnicate kenya":                                "ask",
		"status narnia":                                   "status",
		"status kenya atlantis":                           "status",
		"status kenya atlantis?":                          "status ask",
		"status kenya kenya":                              "status",
		"status of the national strategies indicator":     "status ask",
		"status <@U123> bold":                             "status", // as Ask, which reads it without <@U123>, routes it
		"what did <@U123> record":                         "ask",
		"undo 3":                                          "undo",
	} {
		cmd, ask := c.route(text)
		var got []string
		if cmd != nil {
			got = append(got, cmd.Name)
		}
		if ask {
			got = append(got, "ask")
		}
		if g := cmp.Or(strings.Join(got, " "), "none"); g != want {
			t.Errorf("%q routed as %q, want %q", text, g, want)
		}
	}
}
