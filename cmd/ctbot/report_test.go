package main

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cttechplus/ctbot"
)

// TestReportAndExportCommands writes every format from a console session's
// database: text, CSV, XLSX and IATI XML (valid against the 2.03 schema),
// and the entries export; files are private.
func TestReportAndExportCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	session := strings.Join([]string{
		`training kenya 2026-09-20 "OSINT" trained=25 women=9 source="Attendance sheet" link=https://example.org/sheet.pdf`,
		`indicator women-policy ghana 4/15 on=2026-09-01`,
		`indicator strategies philippines adopted on=2026-08-01 source="Gazette No. 45"`,
		`log kenya =HYPERLINK("http://evil") met the unit`,
		`amend 4 note="=HYPERLINK(\"http://evil\") met the unit again"`,
		`period close 2026-Q3 approved`,
	}, "\n")
	if code, _, errOut := run(t, session, "console", "-db", db); code != 0 {
		t.Fatalf("console: %s", errOut)
	}
	code, out, errOut := run(t, "", "report", "-db", db, "-period", "2026-Q3")
	if code != 0 {
		t.Fatalf("report: %s", errOut)
	}
	for _, want := range []string{"Logframe of CT TECH+ — 2026-Q3", "Closed by @UCONSOLE", "`investigators-trained`", "26.7% (4/15)"} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	csvPath := filepath.Join(dir, "q3.csv")
	if code, _, errOut := run(t, "", "report", "-db", db, "-period", "2026-Q3", "-format", "csv", "-o", csvPath); code != 0 {
		t.Fatalf("csv: %s", errOut)
	}
	rows := readCSV(t, csvPath)
	// A header, 6 indicators, 9 states each for the 5 with states.
	if rows[0][0] != "indicator" || len(rows) != 1+6+5*9 {
		t.Errorf("%d rows, header %v", len(rows), rows[0])
	}
	found := false
	country, value := slices.Index(rows[0], "country"), slices.Index(rows[0], "value")
	for _, r := range rows {
		if r[0] == "investigators-trained" && r[country] == "KE" && r[value] == "25" {
			found = true
		}
	}
	if !found {
		t.Errorf("no Kenya row with 25 in %v", rows)
	}
	xlsxPath := filepath.Join(dir, "q3.xlsx")
	if code, _, errOut := run(t, "", "report", "-db", db, "-format", "xlsx", "-o", xlsxPath); code != 0 {
		t.Fatalf("xlsx: %s", errOut)
	}
	f, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "Cover,Logframe,States,Activities,Sources,Notes,Entries,Audit" {
		t.Errorf("sheets %s", got)
	}
	f.Close()
	// IATI needs the [iati] table.
	if code, _, errOut := run(t, "", "report", "-db", db, "-format", "iati"); code == 0 || !strings.Contains(errOut, "[iati]") {
		t.Errorf("iati without config: %d %s", code, errOut)
	}
	cfg := filepath.Join(dir, "config.toml")
	src := strings.NewReplacer(`identifier = ""`, `identifier = "XM-DAC-41114-CT"`, `reporting_org_ref = ""`, `reporting_org_ref = "XM-DAC-41114"`,
		`reporting_org_type = ""`, `reporting_org_type = "40"`, `reporting_org_name = ""`, `reporting_org_name = "UNOCT"`).Replace(string(ctbot.DefaultConfig))
	if err := os.WriteFile(cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	iatiPath := filepath.Join(dir, "activity.xml")
	if code, _, errOut := run(t, "", "report", "-config", cfg, "-db", db, "-format", "iati", "-o", iatiPath); code != 0 {
		t.Fatalf("iati: %s", errOut)
	}
	out2, err := exec.Command("xmllint", "--noout", "--nonet", "--schema", "../../export/testdata/iati-2.03/iati-activities-schema.xsd", iatiPath).CombinedOutput()
	if err != nil {
		t.Fatalf("the IATI export does not validate: %v\n%s", err, out2)
	}
	// The entries export: CSV, two files, neutralised; all 0600.
	entries := filepath.Join(dir, "entries.csv")
	if code, _, errOut := run(t, "", "export", "-db", db, "-format", "csv", "-o", entries, "-from", "2026-09-01"); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	er := readCSV(t, entries)
	if len(er) != 1+3 { // the training, the share and the log (today); the stage of 1 Aug is before -from
		t.Errorf("%d entry rows", len(er)-1)
	}
	for _, r := range er {
		for _, c := range r {
			if strings.HasPrefix(c, "=") {
				t.Errorf("a cell starts with =: %q", c)
			}
		}
	}
	ar := readCSV(t, filepath.Join(dir, "entries-audit.csv"))
	// Recordings are in the entries (recorded_by, recorded_at); the audit
	// trail has the amendment.
	if ar[0][2] != "action" || len(ar) != 1+1 || ar[1][2] != "amend" {
		t.Errorf("audit csv %v", ar)
	}
	for _, p := range []string{csvPath, xlsxPath, iatiPath, entries, filepath.Join(dir, "entries-audit.csv")} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", p, st.Mode(), err)
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
