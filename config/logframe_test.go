package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// TestLogframeKeys: the example states each indicator's result (in every
// language), the year of its baseline and its assumptions; without
// baseline_year, the baseline is the programme start's.
func TestLogframeKeys(t *testing.T) {
	fw := Default().Framework
	for _, ind := range fw.Indicators {
		if ind.Result == "" || ind.Assumptions == "" || ind.BaselineYear != 2025 || ind.Verification == "" {
			t.Errorf("%s: result %q, assumptions %q, baseline year %d", ind.Code, ind.Result, ind.Assumptions, ind.BaselineYear)
		}
		for _, lang := range []string{"fr", "ru", "ar"} {
			if ind.ResultIn(lang) == ind.Result {
				t.Errorf("%s: no result statement in %s", ind.Code, lang)
			}
		}
	}
	cfg, err := Parse("test.toml", []byte(strings.ReplaceAll(string(ctbot.DefaultConfig), "baseline_year = 2025\n", "")))
	if err != nil {
		t.Fatal(err)
	}
	if y := cfg.Framework.Indicator("unsr-recs").BaselineYear; y != 2025 {
		t.Errorf("default baseline year %d, want the programme start's", y)
	}
	cfg, err = Parse("test.toml", []byte(inIndicator("investigators-trained", "baseline_year = 2025", "baseline_year = 2023")))
	if err != nil {
		t.Fatal(err)
	}
	if y := cfg.Framework.Indicator("investigators-trained").BaselineYear; y != 2023 {
		t.Errorf("baseline year %d, want 2023", y)
	}
}

// inIndicator replaces the first old after indicator code's table of the
// example with new.
func inIndicator(code, old, new string) string {
	src := string(ctbot.DefaultConfig)
	at := strings.Index(src, `code = "`+code+`"`)
	return src[:at] + strings.Replace(src[at:], old, new, 1)
}

func TestLogframeKeysAreValidated(t *testing.T) {
	long := strings.Repeat("x", maxStatement+1)
	tests := []struct {
		name, src, key, at, message string
	}{
		{"baseline year after the end", inIndicator("investigators-trained", "baseline_year = 2025", "baseline_year = 2030"), "indicator investigators-trained.baseline_year",
			"baseline_year = 2030", "2030 is not a year from 1900 to the end of the programme (or phase), 2026"},
		{"baseline year of no era", inIndicator("investigators-trained", "baseline_year = 2025", "baseline_year = 25"), "indicator investigators-trained.baseline_year",
			"baseline_year = 25\n", "25 is not a year"},
		{"a translation without the statement", inIndicator("unsr-recs", "result = ", "# result = "),
			"indicator unsr-recs.result_fr", "result_fr = \"Les États partenaires donnent suite", "a translation of result, which is missing"},
		{"a statement too long", inIndicator("investigators-trained", `assumptions = "`, `assumptions = "`+long), "indicator investigators-trained.assumptions",
			`assumptions = "xxx`, "keep it to 1000"},
		{"an unknown key", withIndicatorKeys(`means = "x"`), "indicator investigators-trained.means", `means = "x"`, "unknown key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.toml", []byte(tt.src))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Parse error = %v, want *config.Error", err)
			}
			for _, p := range ce.Problems {
				if p.Key == tt.key && strings.Contains(p.Msg, tt.message) && p.Line == lineOf(t, tt.src, tt.at) {
					return
				}
			}
			t.Errorf("want %s: %q (line of %q); got:\n%v", tt.key, tt.message, tt.at, err)
		})
	}
}
