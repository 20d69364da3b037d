package config

import (
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

func TestReportingKeys(t *testing.T) {
	cfg := Default()
	if cfg.Framework.Period != ctbot.Quarter || cfg.Retention.FreeTextDays != 0 {
		t.Errorf("defaults: period %q, retention %d", cfg.Framework.Period, cfg.Retention.FreeTextDays)
	}
	if ind := cfg.Framework.Indicator("investigators-trained"); ind.Level != ctbot.LevelOutput || !strings.Contains(ind.Verification, "attendance sheets") {
		t.Errorf("investigators-trained: level %q, verification %q", ind.Level, ind.Verification)
	}
	if ind := cfg.Framework.Indicator("strategies"); ind.Level != ctbot.LevelOutcome {
		t.Errorf("strategies: level %q", ind.Level)
	}
	src := strings.Replace(string(ctbot.DefaultConfig), `period = "quarter"`, `period = "half"`, 1)
	src = strings.Replace(src, `identifier = ""`, `identifier = "XM-DAC-41114-CT"`, 1)
	src = strings.Replace(src, `reporting_org_ref = ""`, `reporting_org_ref = "XM-DAC-41114"`, 1)
	src = strings.Replace(src, `reporting_org_type = ""`, `reporting_org_type = "40"`, 1)
	src = strings.Replace(src, `reporting_org_name = ""`, `reporting_org_name = "UNOCT"`, 1)
	cfg, err := Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Framework.Period != ctbot.Half || cfg.IATI.Identifier != "XM-DAC-41114-CT" {
		t.Errorf("period %q, iati %+v", cfg.Framework.Period, cfg.IATI)
	}
}

func TestReportingKeysAreValidated(t *testing.T) {
	tests := []struct{ name, from, to, key, message string }{
		{"period", `period = "quarter"`, `period = "week"`, "reporting.period", `"week" is not a period`},
		{"retention", `free_text_days = 0`, `free_text_days = -1`, "retention.free_text_days", "out of range"},
		{"level", `level = "outcome"`, `level = "result"`, "indicator strategies.level", `"result" is not a result level`},
		{"identifier without the org", `identifier = ""`, `identifier = "CT-1"` + "\nreporting_org_ref = \"XM-DAC-41114\"", "iati.identifier", "does not start with"},
		{"org type", `reporting_org_type = ""`, `reporting_org_type = "99"` + "\nidentifier = \"XM-DAC-41114-CT\"", "iati.reporting_org_type", `"99" is not an IATI organisation type`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(ctbot.DefaultConfig), tt.from, tt.to, 1)
			if strings.Contains(tt.to, "\nreporting_org_ref") {
				src = strings.Replace(src, `reporting_org_ref = ""`+"\n", "", 1)
			}
			if strings.Contains(tt.to, "\nidentifier") {
				src = strings.Replace(src, `identifier = ""`+"\n", "", 1)
			}
			wantProblem(t, src, tt.key, tt.message)
		})
	}
}
