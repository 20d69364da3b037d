package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// withIndicatorKeys adds lines to the investigators-trained indicator
// (the fourth, scope "each") of the example.
func withIndicatorKeys(lines string) string {
	src := string(ctbot.DefaultConfig)
	return strings.Replace(src, "source = \"trainings\"\n", "source = \"trainings\"\n"+lines+"\n", 1)
}

func TestWhereAndWhenIndicatorsApply(t *testing.T) {
	src := withIndicatorKeys(`countries = ["GH", "KE", "NG"]
targets = { KE = 50 }
due = 2026-06-30

[[indicator.milestone]]
date = 2025-06-30
value = 10

[[indicator.milestone]]
date = 2025-12-31
value = 25`)
	cfg, err := Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ind := cfg.Framework.Indicator("investigators-trained")
	if got := len(cfg.Framework.Applicable(ind)); got != 3 {
		t.Errorf("applies to %d states, want 3", got)
	}
	if ind.AppliesTo("IQ") || !ind.AppliesTo("KE") {
		t.Error("countries not applied")
	}
	if ind.TargetFor("KE") != 50 || ind.TargetFor("GH") != 40 {
		t.Errorf("targets KE %v, GH %v", ind.TargetFor("KE"), ind.TargetFor("GH"))
	}
	if len(ind.Milestones) != 2 || ind.Milestones[1].Value != 25 || ind.Due.String() != "2026-06-30" {
		t.Errorf("milestones %+v, due %s", ind.Milestones, ind.Due)
	}
	// Other indicators are untouched: all states, the programme end.
	other := cfg.Framework.Indicator("unsr-recs")
	if len(cfg.Framework.Applicable(other)) != 9 || cfg.Framework.DueDate(other).String() != "2026-12-31" {
		t.Error("defaults changed for another indicator")
	}
}

func TestWhereAndWhenAreValidated(t *testing.T) {
	tests := []struct {
		name, lines, key, at, message string
	}{
		{"unknown country", `countries = ["GH", "XX"]`, "indicator investigators-trained.countries", `countries = ["GH", "XX"]`, `"XX" is not the code of a [[country]]`},
		{"empty countries", `countries = []`, "indicator investigators-trained.countries", `countries = []`, "is empty"},
		{"target of an unknown country", `targets = { ZZ = 5 }`, "indicator investigators-trained.targets", `targets = { ZZ = 5 }`, `"ZZ" is not the code of a [[country]]`},
		{"target of a state it does not apply to", "countries = [\"GH\"]\ntargets = { KE = 50 }", "indicator investigators-trained.targets", `targets = { KE = 50 }`, "KE has a target but is not in countries"},
		{"due outside", `due = 2027-03-01`, "indicator investigators-trained.due", `due = 2027-03-01`, "is outside the programme"},
		{"bad pace", `pace = "fast"`, "indicator investigators-trained.pace", `pace = "fast"`, `"fast" is not a pace`},
		{"milestones out of order", "[[indicator.milestone]]\ndate = 2025-12-31\nvalue = 20\n\n[[indicator.milestone]]\ndate = 2025-06-30\nvalue = 10",
			"indicator investigators-trained.milestone[1].date", "date = 2025-06-30", "is not after the milestone before it"},
		{"milestone before the start", "[[indicator.milestone]]\ndate = 2024-06-30\nvalue = 10", "indicator investigators-trained.milestone[0].date", "date = 2024-06-30", "is not between the programme start"},
		{"milestone above the target", "[[indicator.milestone]]\ndate = 2025-06-30\nvalue = 41", "indicator investigators-trained.milestone[0].value", "value = 41", "is not between the baseline 0 and the target 40"},
		{"milestone without a value", "[[indicator.milestone]]\ndate = 2025-06-30", "indicator investigators-trained.milestone[0].value", "", "is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := withIndicatorKeys(tt.lines)
			_, err := Parse("test.toml", []byte(src))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Parse error = %v, want *config.Error", err)
			}
			for _, p := range ce.Problems {
				if p.Key == tt.key && strings.Contains(p.Msg, tt.message) && (tt.at == "" || p.Line == lineOf(t, src, tt.at)) {
					return
				}
			}
			t.Errorf("want %s: %q (line of %q); got:\n%v", tt.key, tt.message, tt.at, err)
		})
	}
}
