package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fakeclock"
)

// publishing is the built-in configuration with an IATI publisher, and
// the replacements given.
func publishing(t *testing.T, more ...string) string {
	t.Helper()
	src := strings.NewReplacer(`identifier = ""`, `identifier = "XM-DAC-41114-CT"`, `reporting_org_ref = ""`, `reporting_org_ref = "XM-DAC-41114"`,
		`reporting_org_type = ""`, `reporting_org_type = "40"`, `reporting_org_name = ""`, `reporting_org_name = "UNOCT"`).Replace(string(ctbot.DefaultConfig))
	for i := 0; i+1 < len(more); i += 2 {
		src = strings.Replace(src, more[i], more[i+1], 1)
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReportIATIFromConfig: `report -format iati` writes the [iati]
// table's classifications, budgets and related activities, and gives as
// last update the data's last change, not when the file is written.
func TestReportIATIFromConfig(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	if code, _, errOut := run(t, `training kenya 2026-09-20 "OSINT" trained=25 women=9`+"\n", "console", "-db", db); code != 0 {
		t.Fatalf("console: %s", errOut)
	}
	cfg := publishing(t, `budget_not_provided = "1"`, `[[iati.budget]]
period_start = 2026-01-01
period_end = 2026-12-31
value = 750000
[[iati.related_activity]]
ref = "XM-DAC-41114-CTTECH"
type = "3"`)
	out := filepath.Join(dir, "activity.xml")
	var stdout, stderr bytes.Buffer
	app := &App{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" },
		Clock: fakeclock.At("2026-12-03T10:00:00Z")}
	if code := app.Run(context.Background(), []string{"report", "-config", cfg, "-db", db, "-period", "2026-Q3", "-format", "iati", "-o", out}); code != 0 {
		t.Fatalf("iati: %s", stderr.String())
	}
	doc, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`generated-datetime="2026-12-03T10:00:00Z"`, `last-updated-datetime="2026-11-27T09:00:00Z"`,
		`default-currency="EUR"`, `<sector vocabulary="1" code="15210"></sector>`, `<participating-org type="15" role="1">`,
		`<budget type="1" status="1">`, `<value value-date="2026-01-01">750000</value>`, `<related-activity ref="XM-DAC-41114-CTTECH" type="3">`,
		`<default-aid-type code="C01" vocabulary="1">`} {
		if !bytes.Contains(doc, []byte(want)) {
			t.Errorf("the file lacks %s", want)
		}
	}
	if bytes.Contains(doc, []byte("budget-not-provided")) {
		t.Error("budget-not-provided beside budgets")
	}
	if o, err := exec.Command("xmllint", "--noout", "--nonet", "--schema", "../../export/testdata/iati-2.03/iati-activities-schema.xsd", out).CombinedOutput(); err != nil {
		t.Fatalf("the IATI export does not validate: %v\n%s", err, o)
	}
}

// TestCheckConfigRefusesWhatTheIATIValidatorWould: codes outside the IATI
// codelists, named with their line.
func TestCheckConfigRefusesWhatTheIATIValidatorWould(t *testing.T) {
	cfg := publishing(t, `code = "KE"`, `code = "KX"`, `reporting_org_ref = "XM-DAC-41114"`, `reporting_org_ref = "XX-41114"`,
		`reporting_org_type = "40"`, `reporting_org_type = "45"`, `code = "15210"`, `code = "15120"`)
	code, _, errOut := run(t, "", "check-config", "-config", cfg)
	for _, want := range []string{"4 problems", `country KX.code: "KX" is not an IATI country code (codelist Country; ISO 3166-1 alpha-2, e.g. KE for Kenya)`,
		`iati.reporting_org_ref: "XX-41114" does not start with the prefix of a registration agency`,
		`iati.reporting_org_type: "45" is not an IATI organisation type`,
		`iati.sector[0].code: "15120" (Public sector financial management) is withdrawn`} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
}
