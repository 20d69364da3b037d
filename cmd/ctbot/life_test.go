package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// phasedConfig is the built-in configuration publishing to IATI, whose
// first phase ended on 30 June 2026, Malaysia having withdrawn on 1 March,
// and whose second runs from 1 July 2026 (the test clock says 27 Nov
// 2026), carrying on investigators-trained.
const phasedConfig = `
[[phase]]
name = "CT TECH+ phase 2"
start = 2026-07-01
end = 2027-12-31
iati_identifier = "XM-DAC-41114-CT-2"

[[phase.indicator]]
code = "investigators-trained"
from_previous = true
target = 80
`

func writePhasedConfig(t *testing.T) string {
	t.Helper()
	src := strings.NewReplacer(`identifier = ""`, `identifier = "XM-DAC-41114-CT"`, `reporting_org_ref = ""`, `reporting_org_ref = "XM-DAC-41114"`,
		`reporting_org_type = ""`, `reporting_org_type = "40"`, `reporting_org_name = ""`, `reporting_org_name = "UNOCT"`,
		"end = 2026-12-31", "end = 2026-06-30", "name = \"Malaysia\"\n", "name = \"Malaysia\"\nwithdrawn = 2026-03-01\n").Replace(string(ctbot.DefaultConfig))
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(src+phasedConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReportsOfAPhasedProgramme: `ctbot report` of the final report, a
// half-year and a year whatever the programme reports by, of either
// phase; each phase an IATI activity of its own, linked to the other,
// its periods ending with it, without the state withdrawn.
func TestReportsOfAPhasedProgramme(t *testing.T) {
	cfg, db := writePhasedConfig(t), filepath.Join(t.TempDir(), "p.db")
	session := strings.Join([]string{
		`training kenya 2026-05-10 "OSINT" trained=43 women=10 new=43`,
		`training kenya 2026-09-10 "Darknet" trained=12 women=5 new=12`,
	}, "\n")
	if code, out, errOut := run(t, session, "console", "-config", cfg, "-db", db); code != 0 || strings.Contains(out, "⚠️") {
		t.Fatalf("console: %s%s", out, errOut)
	}
	report := func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, "", append([]string{"report", "-config", cfg, "-db", db}, args...)...)
		if code != 0 {
			t.Fatalf("report %v: %s", args, errOut)
		}
		return out
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"-period", "final", "-phase", "1"}, []string{"Logframe of CT TECH+ — final report (Wed 1 Jan 2025 – Tue 30 Jun 2026)", "partly achieved"}},
		{[]string{"-period", "final"}, []string{"Logframe of CT TECH+ phase 2 — final report (Wed 1 Jul 2026 – Fri 31 Dec 2027)"}},
		{[]string{"-period", "2026-H2", "-country", "KE"}, []string{"CT TECH+ phase 2 — 2026-H2, Kenya", "55"}},
		{[]string{"-period", "2026"}, []string{"CT TECH+ phase 2 — 2026 (Wed 1 Jul 2026 – Thu 31 Dec 2026)"}},
		{[]string{"-period", "2026", "-phase", "CT TECH+"}, []string{"CT TECH+ — 2026 (Thu 1 Jan 2026 – Tue 30 Jun 2026)"}},
	} {
		out := report(tc.args...)
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("report %v lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
	for args, want := range map[string]string{"-period 2031": "is outside the programme", "-phase 3": "is not a phase of the programme",
		"-period 2026-Q9": "is not a reporting period"} {
		if code, _, errOut := run(t, "", append([]string{"report", "-config", cfg, "-db", db}, strings.Fields(args)...)...); code == 0 || !strings.Contains(errOut, want) {
			t.Errorf("report %s: %d %s", args, code, errOut)
		}
	}
	iati := func(path string, args ...string) string {
		t.Helper()
		report(append(args, "-format", "iati", "-o", path)...)
		out, err := exec.Command("xmllint", "--noout", "--nonet", "--schema", "../../export/testdata/iati-2.03/iati-activities-schema.xsd", path).CombinedOutput()
		if err != nil {
			t.Fatalf("the IATI export %v does not validate: %v\n%s", args, err, out)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	dir := t.TempDir()
	first := iati(filepath.Join(dir, "1.xml"), "-period", "final", "-phase", "1")
	for _, want := range []string{`<iati-identifier>XM-DAC-41114-CT</iati-identifier>`, `<related-activity ref="XM-DAC-41114-CT-2" type="3">`,
		`<activity-status code="3">`, `<activity-date type="3" iso-date="2026-06-30">`, `<period-end iso-date="2026-06-30">`,
		`<recipient-country code="KE" percentage="12.50">`} {
		if !strings.Contains(first, want) {
			t.Errorf("the first phase's activity lacks %s", want)
		}
	}
	if strings.Contains(first, `code="MY"`) || strings.Contains(first, `<period-end iso-date="2026-09-30">`) {
		t.Error("the first phase's activity names Malaysia, or a period after its end")
	}
	second := iati(filepath.Join(dir, "2.xml"), "-period", "final")
	for _, want := range []string{`<iati-identifier>XM-DAC-41114-CT-2</iati-identifier>`, `<related-activity ref="XM-DAC-41114-CT" type="3">`,
		`<period-start iso-date="2026-07-01">`, `<activity-status code="2">`,
		// Kenya's 43 trained in the first phase are its baseline in the second.
		"<baseline year=\"2026\" iso-date=\"2026-07-01\" value=\"43\">\n          <location ref=\"KE\"></location>"} {
		if !strings.Contains(second, want) {
			t.Errorf("the second phase's activity lacks %s", want)
		}
	}
}
