package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
)

// xmllint validates doc against the official IATI 2.03 schema vendored in
// testdata. The schema check is part of the suite: .ci/run installs
// xmllint (Debian's libxml2-utils).
func xmllint(t *testing.T, doc []byte) error {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Fatal("xmllint is needed to validate IATI exports: apt-get install libxml2-utils")
	}
	file := filepath.Join(t.TempDir(), "activity.xml")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--nonet", "--schema", "testdata/iati-2.03/iati-activities-schema.xsd", file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v\n%s", err, out)
	}
	return nil
}

func TestIATIExportValidates(t *testing.T) {
	fw := config.Default().Framework
	d := ctbot.MustParseDate
	es := []*ctbot.Entry{
		{ID: 1, Version: 1, Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-08-10"), Title: "OSINT", Trained: 20, New: 20, Women: ctbot.Int(8),
			Evidence: "Attendance sheet <signed>", Link: "https://example.org/sheet.pdf?x=1&y=2", VerifiedBy: "UCOORD"},
		{ID: 2, Version: 1, Kind: ctbot.KindIndicator, Indicator: "women-policy", Country: "GH", Date: d("2026-07-01"), Op: ctbot.OpSet, Value: 4, Denom: 15},
		{ID: 3, Version: 1, Kind: ctbot.KindIndicator, Indicator: "women-policy", Country: "NG", Date: d("2026-07-01"), Op: ctbot.OpSet, Value: 1, Denom: 3},
		{ID: 4, Version: 1, Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "PH", Date: d("2026-08-01"), Op: ctbot.OpStage, Stage: "adopted",
			Link: "https://example.org/gazette"},
		{ID: 5, Version: 1, Kind: ctbot.KindIndicator, Indicator: "intl-investigation", Date: d("2026-09-15"), Op: ctbot.OpSet, Value: 1},
	}
	var lfs []*ctbot.Logframe
	for _, name := range []string{"2026-Q2", "2026-Q3"} {
		p, _ := ctbot.ParsePeriod(ctbot.Quarter, name)
		lfs = append(lfs, fw.Logframe(p, es, time.Now(), ""))
	}
	a := Activity{Identifier: "XM-DAC-41114-CTTECH", ReportingOrgRef: "XM-DAC-41114", ReportingOrgType: "40", ReportingOrgName: "UNOCT & partners",
		FundingOrgName: "European Union", Generated: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	var buf bytes.Buffer
	if err := WriteIATI(&buf, fw, a, lfs); err != nil {
		t.Fatal(err)
	}
	if err := xmllint(t, buf.Bytes()); err != nil {
		t.Fatalf("the export is not valid IATI 2.03: %v", err)
	}
	doc := buf.String()
	for _, want := range []string{
		`<iati-identifier>XM-DAC-41114-CTTECH</iati-identifier>`,
		`<recipient-country code="KE" percentage="11.11"></recipient-country>`,
		`<recipient-country code="MY" percentage="11.12"></recipient-country>`,
		`<location ref="KE">`,
		`<indicator measure="5" ascending="1">`, // milestones are qualitative
		`<indicator measure="2" ascending="1">`, // shares are percentages
		`<period-start iso-date="2026-07-01"></period-start>`,
		`<dimension name="sex" value="female"></dimension>`,
		`url="https://example.org/sheet.pdf?x=1&amp;y=2" format="application/pdf"`,
		`Attendance sheet &lt;signed&gt;`,
		`<result type="1">`, `<result type="2">`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("the export lacks %s", want)
		}
	}
	// Nigeria's 1 of 3 is too few people to show.
	if strings.Contains(doc, `<location ref="NG"></location>`+"\n"+`          </actual>`) || strings.Contains(doc, `value="33.33"`) {
		t.Error("a share of 3 people is in the export")
	}
	// A document out of the schema's order is caught: the check can fail.
	bad := strings.Replace(doc, "<activity-status", "<activity-state", 1)
	if err := xmllint(t, []byte(bad)); err == nil {
		t.Error("xmllint accepted an activity without activity-status")
	}
}
