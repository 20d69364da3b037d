package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// FuzzParse feeds arbitrary documents to the configuration loader: it must
// never panic, and either build a usable framework or say what is wrong.
func FuzzParse(f *testing.F) {
	f.Add(string(ctbot.DefaultConfig))
	f.Add("[programme]\nname = \"x\"\nstart = 2025-01-01\nend = 2026-01-01\n[[country]]\ncode = \"KE\"\nname = \"Kenya\"\n[[indicator]]\ncode = \"a\"\ntitle = \"A\"\nmeasure = \"count\"\nscope = \"each\"\ntarget = 1\n")
	f.Add("[[country]]\n[[country]]\ncode = 1")
	f.Add("a = [\n")
	f.Add(strings.Replace(string(ctbot.DefaultConfig), "measure = \"milestone\"", "measure = \"milestone\"\nstages = []", 1))
	f.Fuzz(func(t *testing.T, doc string) {
		c, err := Parse("fuzz.toml", []byte(doc))
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("error without problems: %v", err)
			}
			return
		}
		fw := c.Framework
		if fw == nil || len(fw.Countries) == 0 || len(fw.Indicators) == 0 || !fw.End.After(fw.Start) {
			t.Fatalf("accepted an unusable framework: %+v", fw)
		}
		for _, ind := range fw.Indicators {
			if ind.Measure == ctbot.MeasureMilestone && ind.FinalStage() == "" {
				t.Fatalf("milestone %s without stages", ind.Code)
			}
		}
	})
}
