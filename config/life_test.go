package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// nextPhase is a second phase appended to the example: two indicators
// carried on, one new.
const nextPhase = `
[[phase]]
name = "CT TECH+ phase 2"
start = 2027-01-01
end = 2028-12-31

[[phase.indicator]]
code = "investigators-trained"
from_previous = true
target = 80

[[phase.indicator.milestone]]
date = 2027-12-31
value = 60

[[phase.indicator]]
code = "cyber-units"
title = "Cyber investigation units set up"
measure = "count"
scope = "programme"
target = 3
`

func TestPhasesExtensionsRevisionsWithdrawals(t *testing.T) {
	src := withIndicatorKeys(`baselines = { KE = 5 }

[[indicator.revision]]
from = 2026-06-01
target = 50
targets = { KE = 60 }

[[indicator.revision.milestone]]
date = 2026-09-30
value = 45`)
	src = strings.Replace(src, "name = \"Malaysia\"\n", "name = \"Malaysia\"\nwithdrawn = 2026-03-01\n", 1)
	src += "\n[[programme.extension]]\nfrom = 2026-12-01\nend = 2027-03-31\n" + strings.Replace(nextPhase, "start = 2027-01-01", "start = 2027-04-01", 1)
	cfg, err := Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fw := cfg.Framework
	phases := fw.PhaseList()
	if len(phases) != 2 || phases[1].Name != "CT TECH+ phase 2" || phases[1].Previous() != fw {
		t.Fatalf("phases %d", len(phases))
	}
	if fw.End.String() != "2027-03-31" || fw.EndOn(ctbot.MustParseDate("2026-11-30")).String() != "2026-12-31" ||
		fw.EndOn(ctbot.MustParseDate("2026-12-01")).String() != "2027-03-31" {
		t.Errorf("end %s, in force on 30 Nov %s", fw.End, fw.EndOn(ctbot.MustParseDate("2026-11-30")))
	}
	ind := fw.Indicator("investigators-trained")
	before, after := ind.TermsOn(ctbot.MustParseDate("2026-05-31")), ind.TermsOn(ctbot.MustParseDate("2026-06-01"))
	if before.For("KE") != 40 || after.For("KE") != 60 || after.For("GH") != 50 || len(after.Milestones) != 1 || ind.Baselines["KE"] != 5 {
		t.Errorf("terms before %+v, after %+v, baselines %v", before, after, ind.Baselines)
	}
	if my := fw.Country("MY"); my.Withdrawn.String() != "2026-03-01" || my.ActiveOn(my.Withdrawn) {
		t.Errorf("Malaysia withdrawn %s", my.Withdrawn)
	}
	carried := phases[1].Indicator("investigators-trained")
	if !carried.Continues || carried.From != fw.Start || carried.Title != ind.Title || carried.Source != ctbot.SourceTrainings ||
		carried.Target != 80 || len(carried.Milestones) != 1 {
		t.Errorf("carried on: %+v", carried)
	}
	if phases[1].Indicator("cyber-units") == nil || phases[1].Indicator("strategies") != nil || phases[1].Period != ctbot.Quarter {
		t.Error("the second phase's indicators or settings")
	}
	if got := fw.PhaseOn(ctbot.MustParseDate("2027-04-01")); got != phases[1] {
		t.Errorf("phase of 2027-04-01: %v", got)
	}
}

func TestLifeKeysAreValidated(t *testing.T) {
	base := string(ctbot.DefaultConfig)
	tests := []struct {
		name, src, key, at, message string
	}{
		{"extension before the start", base + "\n[[programme.extension]]\nfrom = 2024-12-01\nend = 2027-06-30\n",
			"programme.extension[0].from", "from = 2024-12-01", "is not after 2025-01-01"},
		{"extension that shortens", base + "\n[[programme.extension]]\nfrom = 2026-06-01\nend = 2026-10-31\n",
			"programme.extension[0].end", "end = 2026-10-31", "is not after the end it moves (2026-12-31)"},
		{"extension after the end", base + "\n[[programme.extension]]\nfrom = 2027-01-15\nend = 2027-06-30\n",
			"programme.extension[0].from", "from = 2027-01-15", "is after the end it moves"},
		{"withdrawn before the start", strings.Replace(base, "name = \"Kenya\"\n", "name = \"Kenya\"\nwithdrawn = 2024-05-01\n", 1),
			"country KE.withdrawn", "withdrawn = 2024-05-01", "is not inside the programme"},
		{"revision out of order", withIndicatorKeys("[[indicator.revision]]\nfrom = 2026-06-01\ntarget = 50\n\n[[indicator.revision]]\nfrom = 2026-03-01\ntarget = 60"),
			"indicator investigators-trained.revision[1].from", "from = 2026-03-01", "list revisions in date order"},
		{"revision that changes nothing", withIndicatorKeys("[[indicator.revision]]\nfrom = 2026-06-01"),
			"indicator investigators-trained.revision[0].from", "from = 2026-06-01", "changes nothing"},
		{"revised milestone above the revised target", withIndicatorKeys("[[indicator.revision]]\nfrom = 2026-06-01\ntarget = 50\n\n[[indicator.revision.milestone]]\ndate = 2026-09-30\nvalue = 55"),
			"indicator investigators-trained.revision[0].milestone[0].value", "value = 55", "is not between the baseline 0 and the target 50"},
		{"baseline of an unknown state", withIndicatorKeys("baselines = { ZZ = 3 }"),
			"indicator investigators-trained.baselines", "baselines = { ZZ = 3 }", `"ZZ" is not the code of a [[country]]`},
		{"baseline above the target", withIndicatorKeys("baselines = { KE = 45 }"),
			"indicator investigators-trained.baselines", "baselines = { KE = 45 }", "KE: 45 is not below its target 40"},
		{"from_previous in the first phase", withIndicatorKeys("from_previous = true"),
			"indicator investigators-trained.from_previous", "from_previous = true", "only an indicator of a [[phase]]"},
		{"phase that starts too early", base + strings.Replace(nextPhase, "start = 2027-01-01", "start = 2026-12-01", 1),
			"phase 2.start", "start = 2026-12-01", "is not after the end of the phase before it (2026-12-31)"},
		{"phase named like the programme", base + strings.Replace(nextPhase, `name = "CT TECH+ phase 2"`, `name = "CT TECH+"`, 1),
			"phase 2.name", `name = "CT TECH+"`, "is already the name of programme"},
		{"carried on without a previous one", base + strings.Replace(nextPhase, `code = "investigators-trained"`, `code = "trainers"`, 1),
			"phase 2.indicator trainers.from_previous", "from_previous = true", `"trainers" is not an indicator of the previous phase`},
		{"carried on with another measure", base + strings.Replace(nextPhase, "from_previous = true\n", "from_previous = true\nmeasure = \"percent\"\n", 1),
			"phase 2.indicator investigators-trained.measure", `measure = "percent"`, "differs from the previous phase's"},
		{"phase milestone outside it", base + strings.Replace(nextPhase, "date = 2027-12-31", "date = 2026-12-31", 1),
			"phase 2.indicator investigators-trained.milestone[0].date", "date = 2026-12-31", "is not between the programme start 2027-01-01"},
		{"phase without indicators", base + "\n[[phase]]\nname = \"Bridge\"\nstart = 2027-01-01\nend = 2027-06-30\n",
			"phase 2.indicator", "", "no [[phase.indicator]] tables"},
		{"phase without an IATI identifier", strings.Replace(base, `identifier = ""`, `identifier = "XM-DAC-41114-CT"`, 1) + nextPhase,
			"phase 2.iati_identifier", "", `is missing; each phase is an IATI activity of its own`},
		{"phase identifier with a bar, as [iati]'s may not", base + strings.Replace(nextPhase, "end = 2028-12-31", "end = 2028-12-31\niati_identifier = \"XM-DAC-41114-CT|2\"", 1),
			"phase 2.iati_identifier", `iati_identifier = "XM-DAC-41114-CT|2"`, "holds a character an IATI identifier may not"},
		{"unknown key of a phase indicator", base + strings.Replace(nextPhase, "target = 80", "target = 80\ntargte = 3", 1),
			"phase 2.indicator investigators-trained.targte", "targte = 3", "unknown key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.toml", []byte(tt.src))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Parse error = %v, want *config.Error", err)
			}
			for _, p := range ce.Problems {
				if p.Key == tt.key && strings.Contains(p.Msg, tt.message) && (tt.at == "" || p.Line == lastLineOf(tt.src, tt.at)) {
					return
				}
			}
			t.Errorf("want %s: %q (line of %q); got:\n%v", tt.key, tt.message, tt.at, err)
		})
	}
}

// lastLineOf is the 1-based line of the last line of src that holds s
// and is no comment.
func lastLineOf(src, s string) int {
	lines := strings.Split(src, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], s) && !strings.HasPrefix(lines[i], "#") {
			return i + 1
		}
	}
	return 0
}

// TestTheExampleOfAPhaseIsValid: the commented [[phase]] example of
// config.example.toml, uncommented, is a valid second phase.
func TestTheExampleOfAPhaseIsValid(t *testing.T) {
	src := string(ctbot.DefaultConfig)
	at := strings.Index(src, "# [[phase]]")
	if at < 0 {
		t.Fatal("no [[phase]] example")
	}
	var b strings.Builder
	for _, line := range strings.Split(src[at:], "\n") {
		b.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "#"), " ") + "\n")
	}
	cfg, err := Parse("example.toml", []byte(src[:at]+b.String()))
	if err != nil {
		t.Fatal(err)
	}
	phases := cfg.Framework.PhaseList()
	if len(phases) != 2 || !phases[1].Indicator("investigators-trained").Continues || phases[1].Indicator("cyber-units") == nil {
		t.Errorf("the example gives %d phases", len(phases))
	}
}
