package commands_test

import (
	"regexp"
	"strings"
	"testing"
)

// stacked finds a label's colon followed, in the same clause (no ; , ( )
// · or dash between), by another label's colon ("целевое значение: 20 %:
// не оценивается"); times (15:04) and code are left aside.
var stacked = regexp.MustCompile(`[^\d\s]\s?:\s[^:;؛\n—(),،·]*[^\d\s]\s?:\s`)

// No line of a status, a state's status or the digest stacks two colons in
// French, Russian or Arabic: a rating follows a dash, a state a parenthesis.
func TestNoStackedColons(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=12 women=5 new=10`)
	h.ok(`kickoff iraq planned 2026-12-15`)
	h.ok(`indicator women-policy ghana 3/12`)
	code := regexp.MustCompile("`[^`]*`")
	for _, lang := range []string{"fr", "ru", "ar"} {
		h.as(manager, "lang "+lang)
		for _, cmd := range []string{"status", "status kenya", "status iraq", "status women-policy", "digest"} {
			for _, line := range strings.Split(h.as(manager, cmd).Text(), "\n") {
				line = code.ReplaceAllString(line, "")
				if m := stacked.FindString(line); m != "" {
					t.Errorf("%s %q stacks colons (%q):\n%s", lang, cmd, m, line)
				}
			}
		}
	}
}
