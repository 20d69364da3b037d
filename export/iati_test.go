package export

import (
	"bytes"
	"encoding/xml"
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

// validateIATI is everything the IATI Validator and ctbot check of a
// file: the schema, the codelists, the Standard's ruleset as of instant
// now, and ctbot's own promises (checkCtbot). It lists every problem.
func validateIATI(t *testing.T, doc []byte, now time.Time) []string {
	t.Helper()
	var problems []string
	if err := xmllint(t, doc); err != nil {
		problems = append(problems, "schema: "+err.Error())
	}
	problems = append(problems, checkCodes(t, doc)...)
	problems = append(problems, checkRules(t, loadRuleset(t), doc, now)...)
	return append(problems, checkCtbot(t, doc)...)
}

// iatiCase is a programme and what is known of it when its file is made.
type iatiCase struct {
	fw       *ctbot.Framework
	entries  []*ctbot.Entry
	activity Activity
	through  string // the last period reported, "" for none
}

func (c iatiCase) write(t *testing.T) []byte {
	t.Helper()
	var lfs []*ctbot.Logframe
	if c.through != "" {
		last, err := ctbot.ParsePeriod(c.fw.Period, c.through)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range c.fw.Periods() {
			if p.Start.After(last.Start) {
				break
			}
			lfs = append(lfs, c.fw.Logframe(p, c.entries, c.activity.Generated, ""))
		}
	}
	var buf bytes.Buffer
	if err := WriteIATI(&buf, c.fw, c.activity, lfs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pct(v float64) *float64 { return &v }

// publisher is CT TECH+ published as the example configuration describes.
func publisher(generated time.Time) Activity {
	return Activity{Identifier: "XM-DAC-41114-CTTECH", ReportingOrgRef: "XM-DAC-41114", ReportingOrgType: "40",
		ReportingOrgName: "UNOCT & partners", FundingOrgName: "European Union", FundingOrgType: "15",
		DefaultCurrency: "EUR", CollaborationType: "1", FlowType: "10", FinanceType: "110", AidType: "C01",
		BudgetNotProvided: "1", Sectors: []Sector{{Code: "15210"}},
		Updated: generated.Add(-50 * 24 * time.Hour), Generated: generated}
}

func ctTechEntries() []*ctbot.Entry {
	d := ctbot.MustParseDate
	return []*ctbot.Entry{
		{ID: 1, Version: 1, Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-08-10"), Title: "OSINT", Trained: 20, New: 20, Women: ctbot.Int(8),
			Evidence: "Attendance sheet <signed>", Link: "https://example.org/sheet.pdf?x=1&y=2", VerifiedBy: "UCOORD"},
		{ID: 2, Version: 1, Kind: ctbot.KindIndicator, Indicator: "women-policy", Country: "GH", Date: d("2026-07-01"), Op: ctbot.OpSet, Value: 4, Denom: 15},
		{ID: 3, Version: 1, Kind: ctbot.KindIndicator, Indicator: "women-policy", Country: "NG", Date: d("2026-07-01"), Op: ctbot.OpSet, Value: 1, Denom: 3},
		{ID: 4, Version: 1, Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "PH", Date: d("2026-08-01"), Op: ctbot.OpStage, Stage: "adopted",
			Link: "https://example.org/gazette"},
		{ID: 5, Version: 1, Kind: ctbot.KindIndicator, Indicator: "intl-investigation", Date: d("2026-09-15"), Op: ctbot.OpSet, Value: 1},
		{ID: 6, Version: 1, Kind: ctbot.KindTraining, Country: "GH", Date: d("2026-05-12"), Title: "Darknet", Trained: 12, New: 12, Women: ctbot.Int(5)},
		{ID: 7, Version: 1, Kind: ctbot.KindIndicator, Indicator: "unsr-recs", Country: "KE", Date: d("2025-11-20"), Op: ctbot.OpAdd, Value: 1},
		{ID: 8, Version: 1, Kind: ctbot.KindIndicator, Indicator: "women-policy", Country: "KE", Date: d("2026-02-01"), Op: ctbot.OpSet, Value: 3, Denom: 10},
	}
}

// onePilot is a one-state programme of half-year periods that starts and
// ends inside them, with an intermediate target and a state's own target.
const onePilot = `
[programme]
name = "Pilot"
start = 2025-03-01
end = 2026-08-31
[reporting]
period = "half"
[[country]]
code = "KE"
name = "Kenya"
[[indicator]]
code = "trained"
title = "Investigators trained"
measure = "count"
scope = "each"
target = 30
targets = { KE = 24 }
source = "trainings"
[[indicator.milestone]]
date = 2025-12-31
value = 10
[[indicator]]
code = "women"
title = "Share of women in policy design"
measure = "percent"
scope = "each"
target = 20
[[indicator]]
code = "strategy"
title = "National strategy adopted"
measure = "milestone"
scope = "each"
target = 1
stages = ["drafting", "adopted"]
level = "outcome"
[[indicator]]
code = "investigation"
title = "International investigation"
measure = "count"
scope = "programme"
target = 1
pace = "due"
`

// iatiCases are the programmes every check runs on: CT TECH+ open and
// ended, not yet started, and a one-state pilot.
func iatiCases(t *testing.T) map[string]iatiCase {
	t.Helper()
	fw := config.Default().Framework
	d := ctbot.MustParseDate
	open := iatiCase{fw: fw, entries: ctTechEntries(), through: "2026-Q3",
		activity: publisher(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))}
	ended := iatiCase{fw: fw, through: "2026-Q4", activity: publisher(time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)),
		entries: append(ctTechEntries(), &ctbot.Entry{ID: 9, Version: 1, Kind: ctbot.KindTraining, Country: "NG", Date: d("2026-11-02"),
			Title: "AI", Trained: 9, New: 9})}
	ended.activity.BudgetNotProvided = ""
	ended.activity.Budgets = []Budget{{Type: "1", Status: "2", Start: d("2025-01-01"), End: d("2025-12-31"), Value: 1500000, ValueDate: d("2025-01-01")},
		{Type: "1", Status: "2", Start: d("2026-01-01"), End: d("2026-12-31"), Value: 1250000.5, ValueDate: d("2026-01-01")}}
	ended.activity.Related = []Related{{Ref: "XM-DAC-41114-CTTECH1", Type: "3"}}
	ended.activity.Sectors = []Sector{{Code: "15210", Percentage: pct(70)}, {Code: "15160", Percentage: pct(30)}}
	pipeline := iatiCase{fw: fw, activity: publisher(time.Date(2024, 11, 1, 9, 0, 0, 0, time.UTC))}
	pipeline.activity.FundingOrgName, pipeline.activity.Updated = "", time.Time{}
	cfg, err := config.Parse("pilot.toml", []byte(onePilot))
	if err != nil {
		t.Fatal(err)
	}
	pilot := iatiCase{fw: cfg.Framework, through: "2026-H1", activity: publisher(time.Date(2026, 7, 15, 9, 0, 0, 0, time.UTC)),
		entries: []*ctbot.Entry{
			{ID: 1, Version: 1, Kind: ctbot.KindTraining, Country: "KE", Date: d("2025-10-01"), Title: "OSINT", Trained: 8, New: 8, Women: ctbot.Int(3)},
			{ID: 2, Version: 1, Kind: ctbot.KindIndicator, Indicator: "women", Country: "KE", Date: d("2026-02-01"), Op: ctbot.OpSet, Value: 2, Denom: 8},
			{ID: 3, Version: 1, Kind: ctbot.KindIndicator, Indicator: "strategy", Country: "KE", Date: d("2026-03-01"), Op: ctbot.OpStage, Stage: "drafting"},
		}}
	pilot.activity.Identifier = "XM-DAC-41114-PILOT"
	return map[string]iatiCase{"open": open, "ended": ended, "pipeline": pipeline, "pilot": pilot}
}

// TestIATIExportPassesTheValidatorsChecks: every programme's file passes
// the schema, the codelists and the Standard's rulesets.
func TestIATIExportPassesTheValidatorsChecks(t *testing.T) {
	for name, c := range iatiCases(t) {
		t.Run(name, func(t *testing.T) {
			doc := c.write(t)
			for _, p := range validateIATI(t, doc, c.activity.Generated) {
				t.Error(p)
			}
			if t.Failed() {
				t.Logf("%s", doc)
			}
		})
	}
}

// parseIATI reads a file back.
func parseIATI(t *testing.T, doc []byte) iatiActivity {
	t.Helper()
	var d iatiActivities
	if err := xml.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	return d.Activity
}

// periodOf finds an indicator's period by its end.
func periodOf(t *testing.T, a iatiActivity, code, end string) iatiPeriod {
	t.Helper()
	for _, r := range a.Results {
		if !strings.HasPrefix(r.Indicator[0].Title.Narrative[0].Text, code+" — ") {
			continue
		}
		for _, p := range r.Indicator[0].Period {
			if p.End.Date == end {
				return p
			}
		}
	}
	t.Fatalf("no period of %s ending %s", code, end)
	return iatiPeriod{}
}

// value finds the value of a location ("" for the programme) and
// dimension ("" for none) among vs; "-" when there is none.
func value(vs []iatiValue, loc, dim string) string {
	for _, v := range vs {
		l, d := "", ""
		if len(v.Location) > 0 {
			l = v.Location[0].Ref
		}
		if len(v.Dimension) > 0 {
			d = v.Dimension[0].Value
		}
		if l == loc && d == dim {
			return v.Value
		}
	}
	return "-"
}

func TestIATIActivityIsComplete(t *testing.T) {
	cases := iatiCases(t)
	open := cases["open"].write(t)
	a := parseIATI(t, open)
	if a.Updated != "2026-10-08T09:00:00Z" {
		t.Errorf("last-updated-datetime %s, want the last change, not when the file was made", a.Updated)
	}
	if a.Currency != "EUR" || a.BudgetNotProvided != "1" || len(a.Sectors) != 1 || a.Sectors[0] != (iatiSector{Vocabulary: "1", Code: "15210"}) {
		t.Errorf("currency %q, budget-not-provided %q, sectors %+v", a.Currency, a.BudgetNotProvided, a.Sectors)
	}
	if a.Collaboration.Code != "1" || a.FlowType.Code != "10" || a.FinanceType.Code != "110" || *a.AidType != (iatiCode{Code: "C01", Vocabulary: "1"}) {
		t.Errorf("classifications %v %v %v %v", a.Collaboration, a.FlowType, a.FinanceType, a.AidType)
	}
	if a.Orgs[0].Role != "1" || a.Orgs[0].Type != "15" {
		t.Errorf("funding organisation %+v", a.Orgs[0])
	}
	if d := a.Description.Narrative[0].Text; !strings.Contains(d, "9 partner states (Ghana, Iraq,") || d == a.Title.Narrative[0].Text {
		t.Errorf("description %q", d)
	}
	if l := a.Locations[2]; l.Ref != "KE" || l.Reach.Code != "1" || l.ID != (iatiCode{Code: "KE", Vocabulary: "A4"}) || l.Exactness.Code != "2" || l.Class.Code != "1" {
		t.Errorf("location %+v", l)
	}
	if a.Status.Code != "2" || len(a.Dates) != 3 {
		t.Errorf("open programme: status %s, dates %+v", a.Status.Code, a.Dates)
	}
	for _, r := range a.Results {
		if r.Aggregation != "0" || !strings.Contains(r.Indicator[0].Description.Narrative[0].Text, "cumulative") {
			t.Errorf("result %q: aggregation-status %q, description %q", r.Title.Narrative[0].Text, r.Aggregation, r.Indicator[0].Description.Narrative[0].Text)
		}
	}
	// Agreed targets, not the straight line to them; actuals add up.
	q3 := periodOf(t, a, "investigators-trained", "2026-09-30")
	for _, want := range [][3]string{{"", "", "360"}, {"KE", "", "40"}} {
		if got := value(q3.Target, want[0], want[1]); got != want[2] {
			t.Errorf("investigators-trained 2026-Q3 target %v = %s, want %s", want[:2], got, want[2])
		}
	}
	for _, want := range [][3]string{{"", "", "32"}, {"", "female", "13"}, {"KE", "", "20"}, {"KE", "female", "8"}, {"GH", "female", "5"}} {
		if got := value(q3.Actual, want[0], want[1]); got != want[2] {
			t.Errorf("investigators-trained 2026-Q3 actual %v = %s, want %s", want[:2], got, want[2])
		}
	}
	share := periodOf(t, a, "women-policy", "2026-09-30")
	if got := value(share.Actual, "", ""); got != "28" || value(share.Actual, "NG", "") != "-" {
		t.Errorf("women-policy: programme %s (want 7 of 25 = 28, NG's 3 people left out), NG %s", got, value(share.Actual, "NG", ""))
	}
	if !strings.Contains(string(open), "7 of 25 people") {
		t.Error("the pooled share does not say how it is made")
	}

	ended := parseIATI(t, cases["ended"].write(t))
	if ended.Status.Code != "3" || ended.Dates[len(ended.Dates)-1] != (iatiDate{"4", "2026-12-31"}) {
		t.Errorf("ended programme: status %s, dates %+v", ended.Status.Code, ended.Dates)
	}
	if ended.BudgetNotProvided != "" || len(ended.Budgets) != 2 || ended.Budgets[1].Value.Value != "1250000.5" || ended.Related[0].Ref != "XM-DAC-41114-CTTECH1" {
		t.Errorf("budgets %+v, related %+v", ended.Budgets, ended.Related)
	}
	q4 := periodOf(t, ended, "investigators-trained", "2026-12-31")
	if value(q4.Actual, "", "female") != "-" || value(q4.Actual, "", "") != "41" {
		t.Errorf("Nigeria's women unknown: the programme's women must not be given; actual %s, women %s", value(q4.Actual, "", ""), value(q4.Actual, "", "female"))
	}

	pipeline := parseIATI(t, cases["pipeline"].write(t))
	if pipeline.Status.Code != "1" || len(pipeline.Dates) != 2 || pipeline.Updated != "2024-11-01T09:00:00Z" {
		t.Errorf("not started: status %s, dates %+v, updated %s", pipeline.Status.Code, pipeline.Dates, pipeline.Updated)
	}

	pilot := parseIATI(t, cases["pilot"].write(t))
	if c := pilot.Countries; len(c) != 1 || c[0].Percentage != "100.00" {
		t.Errorf("one state: %+v", c)
	}
	first := periodOf(t, pilot, "trained", "2025-06-30")
	h2 := periodOf(t, pilot, "trained", "2025-12-31")
	h1 := periodOf(t, pilot, "trained", "2026-06-30")
	// Kenya's target of 24 scales the milestone of 10 (of 30) to 8.
	if first.Start.Date != "2025-03-01" || value(first.Target, "KE", "") != "8" || value(h2.Target, "KE", "") != "8" || value(h1.Target, "KE", "") != "24" {
		t.Errorf("pilot: first period from %s, targets %s, %s then %s (want the milestone 8 until it is due, then 24)",
			first.Start.Date, value(first.Target, "KE", ""), value(h2.Target, "KE", ""), value(h1.Target, "KE", ""))
	}
}

// mutation breaks a valid file in one way; want is a problem it must
// cause.
type mutation struct {
	name, from, to, want string
}

// TestIATIChecksCatchEveryKindOfMistake: each check fails on the mistake
// it is for, so a file with a codelist or ruleset error fails the suite.
func TestIATIChecksCatchEveryKindOfMistake(t *testing.T) {
	cases := iatiCases(t)
	for _, c := range []struct {
		doc       string
		mutations []mutation
	}{
		{"open", []mutation{
			{"no sector", `<sector vocabulary="1" code="15210"></sector>`, "", "rule 6.2.2"},
			{"shares not 100", `<recipient-country code="MY" percentage="11.12">`, `<recipient-country code="MY" percentage="12.12">`, "rule 3.1.2"},
			{"end before start", `<activity-date type="3" iso-date="2026-12-31">`, `<activity-date type="3" iso-date="2024-12-31">`, "rule 11.1.2"},
			{"updated in the future", `last-updated-datetime="2026-10-08T09:00:00Z"`, `last-updated-datetime="2026-11-28T09:00:00Z"`, "rule 11.1.1"},
			{"actual start in the future", `<activity-date type="2" iso-date="2025-01-01">`, `<activity-date type="2" iso-date="2026-12-01">`, "rule 11.1.4"},
			{"baseline without value", `<baseline year="2025" iso-date="2025-01-01" value="0">`, `<baseline year="2025" iso-date="2025-01-01">`, "rule 8.8.1"},
			{"identifier of another org", `<iati-identifier>XM-DAC-41114-CTTECH`, `<iati-identifier>XM-DAC-41115-CTTECH`, "rule 1.1.21"},
			{"org without agency", `<reporting-org ref="XM-DAC-41114"`, `<reporting-org ref="ZZ-41114"`, "rule 1.14.8"},
			{"identifier with a slash", `<iati-identifier>XM-DAC-41114-CTTECH`, `<iati-identifier>XM-DAC-41114-CT/TECH`, "rule 1.3.13"},
			{"identifier with spaces", `<iati-identifier>XM-DAC-41114-CTTECH`, `<iati-identifier> XM-DAC-41114-CTTECH`, "rule 1.3.1"},
			{"period ends before it starts", `<period-end iso-date="2026-09-30">`, `<period-end iso-date="2026-06-30">`, "rule 8.6.1"},
			{"qualitative target value", `<target>` + "\n" + `            <comment>`, `<target value="5">` + "\n" + `            <comment>`, "rule 8.9.3"},
			{"single sector at 50", `code="15210">`, `code="15210" percentage="50">`, "rule 2.1.4"},
			{"no language", `xml:lang="en"`, ``, "rule 4.1.1"},
			{"country not in the codelist", `<recipient-country code="KE"`, `<recipient-country code="ZZ"`, "codelist Country"},
			{"withdrawn flow type", `<default-flow-type code="10">`, `<default-flow-type code="20">`, "codelist FlowType: /iati-activities/iati-activity/default-flow-type/@code=\"20\" is withdrawn"},
			{"identifier is the org's", `<iati-identifier>XM-DAC-41114-CTTECH`, `<iati-identifier>XM-DAC-41114`, "rule 1.1.3"},
			{"share over 100", `<recipient-country code="KE" percentage="11.11">`, `<recipient-country code="KE" percentage="111.11">`, "rule 12.1.1"},
			{"two DAC aid types", `<default-aid-type code="C01" vocabulary="1"></default-aid-type>`,
				`<default-aid-type code="C01" vocabulary="1"></default-aid-type><default-aid-type code="D02" vocabulary="1"></default-aid-type>`, "rule 107.1.2"},
			{"other vocabulary without shares", `<sector vocabulary="1" code="15210"></sector>`,
				`<sector vocabulary="1" code="15210"></sector><sector vocabulary="2" code="152" percentage="50"></sector><sector vocabulary="2" code="151"></sector>`, "rule 2.1.1"},
			{"sector not DAC", `code="15210">`, `code="152">`, "codelist Sector"},
			{"unknown org type", `type="40"`, `type="45"`, "codelist OrganisationType"},
			{"unknown attribute", `<result type="1"`, `<result type="1" secret="x"`, "maps to no codelist"},
			{"location not in the activity", `<actual value="8">` + "\n" + `            <location ref="KE">`, `<actual value="8">` + "\n" + `            <location ref="XX">`, `location "XX" is no activity location`},
			{"actuals that do not add up", `<actual value="32">`, `<actual value="33">`, "is not the sum of the states'"},
			{"finalised without an end", `<activity-status code="2">`, `<activity-status code="3">`, "actual end date"},
		}},
		{"ended", []mutation{
			{"budget over a year", `<period-end iso-date="2025-12-31"></period-end>` + "\n" + `      <value value-date="2025-01-01">`,
				`<period-end iso-date="2026-06-30"></period-end>` + "\n" + `      <value value-date="2025-01-01">`, "rule 7.5.3"},
			{"sector shares not 100", `percentage="30"`, `percentage="35"`, "rule 2.1.2"},
			{"no currency", `default-currency="EUR"`, ``, "rule 7.8.1"},
			{"ended in the future", `<activity-date type="4" iso-date="2026-12-31">`, `<activity-date type="4" iso-date="2027-03-02">`, "rule 11.1.5"},
		}},
		{"pilot", []mutation{
			{"period outside the activity", `<period-start iso-date="2025-03-01">`, `<period-start iso-date="2025-01-01">`, "outside the activity"},
			{"one country not at 100", `percentage="100.00"`, `percentage="90"`, "rule 3.1.4"},
		}},
	} {
		doc := string(cases[c.doc].write(t))
		now := cases[c.doc].activity.Generated
		for _, m := range c.mutations {
			t.Run(c.doc+"/"+m.name, func(t *testing.T) {
				if !strings.Contains(doc, m.from) {
					t.Fatalf("the %s file has no %q to change", c.doc, m.from)
				}
				problems := validateIATI(t, []byte(strings.Replace(doc, m.from, m.to, 1)), now)
				for _, p := range problems {
					if strings.Contains(p, m.want) {
						return
					}
				}
				t.Errorf("want a problem %q; got %q", m.want, problems)
			})
		}
	}
}

// TestIATIExportEscapesAndHidesSmallShares: text is escaped, links are
// document links, and a share of fewer than 5 people is left out.
func TestIATIExportEscapesAndHidesSmallShares(t *testing.T) {
	doc := string(iatiCases(t)["open"].write(t))
	for _, want := range []string{
		`<location ref="KE">`,
		`<indicator measure="5" ascending="1">`, // milestones are qualitative
		`<indicator measure="2" ascending="1">`, // shares are percentages
		`<dimension name="sex" value="female"></dimension>`,
		`url="https://example.org/sheet.pdf?x=1&amp;y=2" format="application/pdf"`,
		`Attendance sheet &lt;signed&gt;`,
		`<result type="1" aggregation-status="0">`, `<result type="2" aggregation-status="0">`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("the export lacks %s", want)
		}
	}
	// Nigeria's 1 of 3 is too few people to show.
	if strings.Contains(doc, `value="33.33"`) {
		t.Error("a share of 3 people is in the export")
	}
}
