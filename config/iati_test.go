package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// publisher is the built-in configuration with an IATI publisher.
var publisher = strings.NewReplacer(`identifier = ""`, `identifier = "XM-DAC-41114-CT"`, `reporting_org_ref = ""`, `reporting_org_ref = "XM-DAC-41114"`,
	`reporting_org_type = ""`, `reporting_org_type = "40"`, `reporting_org_name = ""`, `reporting_org_name = "UNOCT"`).Replace(string(ctbot.DefaultConfig))

func TestIATIKeys(t *testing.T) {
	cfg := Default()
	i := cfg.IATI
	if i.Publishing() || i.DefaultCurrency != "EUR" || i.FlowType != "10" || i.AidType != "C01" || i.BudgetNotProvided != "1" ||
		len(i.Sectors) != 1 || i.Sectors[0].Code != "15210" || i.FundingOrgType != "15" {
		t.Errorf("built-in [iati]: %+v", i)
	}
	src := strings.Replace(publisher, `budget_not_provided = "1"`, `[[iati.budget]]
period_start = 2025-01-01
period_end = 2025-12-31
value = 1000000
[[iati.budget]]
type = "2"
status = "2"
period_start = 2026-01-01
period_end = 2026-12-31
value = 900000.5
value_date = 2026-02-01
[[iati.related_activity]]
ref = "XM-DAC-41114-CTTECH"
type = "3"`, 1)
	src = strings.Replace(src, `code = "15210"`, "code = \"15210\"\npercentage = 70\n[[iati.sector]]\ncode = \"15160\"\npercentage = 30", 1)
	cfg, err := Parse("iati.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	i = cfg.IATI
	if !i.Publishing() || len(i.Budgets) != 2 || len(i.Sectors) != 2 || len(i.Related) != 1 {
		t.Fatalf("[iati]: %+v", i)
	}
	if b := i.Budgets[0]; b.Type != "1" || b.Status != "1" || b.ValueDate != b.PeriodStart || *b.Value != 1000000 {
		t.Errorf("a budget's defaults: %+v", b)
	}
	if b := i.Budgets[1]; b.Type != "2" || b.ValueDate != ctbot.MustParseDate("2026-02-01") {
		t.Errorf("budget: %+v", b)
	}
}

// TestIATIKeysAreValidated: check-config refuses what the IATI Validator
// would refuse, naming the key and its line.
func TestIATIKeysAreValidated(t *testing.T) {
	tests := []struct{ name, from, to, key, message string }{
		{"country not ISO", `code = "KE"`, `code = "KX"`, "country KX.code", `"KX" is not an IATI country code`},
		{"withdrawn country", `code = "KE"`, `code = "AN"`, "country AN.code", `"AN" (NETHERLAND ANTILLES) is withdrawn`},
		{"org without agency", `reporting_org_ref = "XM-DAC-41114"`, `reporting_org_ref = "41114"`, "iati.reporting_org_ref", "does not start with the prefix of a registration agency"},
		{"org of a withdrawn agency", `reporting_org_ref = "XM-DAC-41114"`, `reporting_org_ref = "XI-BRIDGE-41114"`, "iati.reporting_org_ref", "an agency withdrawn"},
		{"org with a slash", `reporting_org_ref = "XM-DAC-41114"`, `reporting_org_ref = "XM-DAC-41/114"`, "iati.reporting_org_ref", "may not"},
		{"org type", `reporting_org_type = "40"`, `reporting_org_type = "41"`, "iati.reporting_org_type", `"41" is not an IATI organisation type`},
		{"funding org type", `funding_org_type = "15"`, `funding_org_type = "16"`, "iati.funding_org_type", `"16" is not an IATI organisation type`},
		{"funding org type missing", `funding_org_type = "15"`, `funding_org_type = ""`, "iati.funding_org_type", "is missing"},
		{"funding org ref", `funding_org_ref = ""`, `funding_org_ref = "EU"`, "iati.funding_org_ref", "does not start with the prefix"},
		{"identifier of another org", `identifier = "XM-DAC-41114-CT"`, `identifier = "XM-DAC-41115-CT"`, "iati.identifier", "does not start with"},
		{"identifier missing", `identifier = "XM-DAC-41114-CT"`, `identifier = ""`, "iati.identifier", "is missing"},
		{"identifier with a bar", `identifier = "XM-DAC-41114-CT"`, `identifier = "XM-DAC-41114-C|T"`, "iati.identifier", "may not"},
		{"description is the title", `description = ""`, `description = "CT TECH+"`, "iati.description", "already the activity's title"},
		{"currency", `default_currency = "EUR"`, `default_currency = "EURO"`, "iati.default_currency", `"EURO" is not an IATI currency`},
		{"collaboration type", `collaboration_type = "1"`, `collaboration_type = "5"`, "iati.collaboration_type", "not an IATI collaboration type"},
		{"withdrawn flow type", `flow_type = "10"`, `flow_type = "20"`, "iati.flow_type", "withdrawn from the IATI FlowType codelist"},
		{"finance type", `finance_type = "110"`, `finance_type = "111"`, "iati.finance_type", "withdrawn"},
		{"aid type", `aid_type = "C01"`, `aid_type = "C1"`, "iati.aid_type", "not an IATI aid type"},
		{"budget not provided", `budget_not_provided = "1"`, `budget_not_provided = "4"`, "iati.budget_not_provided", "not an IATI budget-not-provided reason"},
		{"no budget", `budget_not_provided = "1"`, `budget_not_provided = ""`, "iati.budget_not_provided", "is missing"},
		{"budget and none", `budget_not_provided = "1"`, "budget_not_provided = \"1\"\n[[iati.budget]]\nperiod_start = 2025-01-01\nperiod_end = 2025-12-31\nvalue = 1",
			"iati.budget_not_provided", "one or the other"},
		{"budget over a year", `budget_not_provided = "1"`, "[[iati.budget]]\nperiod_start = 2025-01-01\nperiod_end = 2026-01-02\nvalue = 1",
			"iati.budget[0].period_end", "more than a year"},
		{"budget backwards", `budget_not_provided = "1"`, "[[iati.budget]]\nperiod_start = 2025-01-01\nperiod_end = 2024-12-31\nvalue = 1",
			"iati.budget[0].period_end", "before period_start"},
		{"budget without value", `budget_not_provided = "1"`, "[[iati.budget]]\nperiod_start = 2025-01-01\nperiod_end = 2025-12-31",
			"iati.budget[0].value", "is missing"},
		{"budget status", `budget_not_provided = "1"`, "[[iati.budget]]\nstatus = \"3\"\nperiod_start = 2025-01-01\nperiod_end = 2025-12-31\nvalue = 1",
			"iati.budget[0].status", "not an IATI budget status"},
		{"budget without currency", `default_currency = "EUR"`, "default_currency = \"\"\n[[iati.budget]]\nperiod_start = 2025-01-01\nperiod_end = 2025-12-31\nvalue = 1",
			"iati.default_currency", "is missing"},
		{"no sector", "[[iati.sector]]\ncode = \"15210\"", "", "iati.sector", "IATI requires the activity's sector"},
		{"sector not DAC", `code = "15210"`, `code = "1521"`, "iati.sector[0].code", `"1521" is not an IATI DAC 5-digit sector`},
		{"single sector not 100", `code = "15210"`, "code = \"15210\"\npercentage = 60", "iati.sector[0].percentage", "a single sector has 100 percent"},
		{"sectors not 100", `code = "15210"`, "code = \"15210\"\npercentage = 60\n[[iati.sector]]\ncode = \"15160\"\npercentage = 30",
			"iati.sector[0].percentage", "sum to 90, not 100"},
		{"sector without share", `code = "15210"`, "code = \"15210\"\npercentage = 60\n[[iati.sector]]\ncode = \"15160\"",
			"iati.sector[1].percentage", "is missing"},
		{"sector twice", `code = "15210"`, "code = \"15210\"\npercentage = 50\n[[iati.sector]]\ncode = \"15210\"\npercentage = 50",
			"iati.sector[1].code", "listed twice"},
		{"related type", `budget_not_provided = "1"`, "budget_not_provided = \"1\"\n[[iati.related_activity]]\nref = \"XM-DAC-41114-A\"\ntype = \"7\"",
			"iati.related_activity[0].type", "not an IATI related activity type"},
		{"related to itself", `budget_not_provided = "1"`, "budget_not_provided = \"1\"\n[[iati.related_activity]]\nref = \"XM-DAC-41114-CT\"\ntype = \"1\"",
			"iati.related_activity[0].ref", "own identifier"},
		{"unknown key", `budget_not_provided = "1"`, "budget_not_provided = \"1\"\n[[iati.related_activity]]\nref = \"XM-DAC-41114-A\"\ntype = \"1\"\nrole = \"x\"",
			"iati.related_activity[0].role", "unknown key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(publisher, tt.from) {
				t.Fatalf("the configuration has no %q", tt.from)
			}
			wantProblem(t, strings.Replace(publisher, tt.from, tt.to, 1), tt.key, tt.message)
		})
	}
}

// wantProblem: the configuration src has a problem with key, its message
// containing message, on a line.
func wantProblem(t *testing.T, src, key, message string) {
	t.Helper()
	_, err := Parse("test.toml", []byte(src))
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("Parse error = %v, want *config.Error", err)
	}
	for _, p := range ce.Problems {
		if p.Key == key && strings.Contains(p.Msg, message) && p.Line > 0 {
			return
		}
	}
	t.Errorf("want %s: %q; got:\n%v", key, message, err)
}
