package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
)

// euEntries are a quarter's entries of the example framework: trainings
// in Kenya (one after the period), an adjustment, recommendations reduced
// below their target, a set and an add of one day by different people,
// and a workshop held in Ghana.
func euEntries() []*ctbot.Entry {
	d := ctbot.MustParseDate
	return []*ctbot.Entry{
		{ID: 1, Version: 1, Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-08-10"), Trained: 20, New: 20, Women: ctbot.Int(8), Evidence: "sheet"},
		{ID: 2, Version: 1, Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-09-10"), Trained: 10, New: 10, Women: ctbot.Int(2)},
		{ID: 3, Version: 1, Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-10-02"), Trained: 30, New: 30},
		{ID: 4, Version: 1, Kind: ctbot.KindIndicator, Indicator: "investigators-trained", Country: "KE", Date: d("2026-09-12"), Op: ctbot.OpAdd, Value: -2, Note: "twice"},
		{ID: 5, Version: 1, Kind: ctbot.KindIndicator, Indicator: "unsr-recs", Country: "KE", Date: d("2026-07-01"), Op: ctbot.OpSet, Value: 2, UserID: "UA"},
		{ID: 6, Version: 1, Kind: ctbot.KindIndicator, Indicator: "unsr-recs", Country: "KE", Date: d("2026-07-01"), Op: ctbot.OpAdd, Value: 1, UserID: "UB"},
		{ID: 7, Version: 1, Kind: ctbot.KindIndicator, Indicator: "unsr-recs", Country: "KE", Date: d("2026-08-01"), Op: ctbot.OpSet, Value: 1, UserID: "UA", Note: "one was withdrawn"},
		{ID: 8, Version: 1, Kind: ctbot.KindWorkshop, Series: 8, Country: "GH", Date: d("2026-09-01"), Status: ctbot.StatusHeld, Participants: 30, Women: ctbot.Int(12)},
	}
}

// TestLogframeStatesWhatTheEUAsks: each row has its result and level,
// its baseline and year, its final and due targets with dates (due in
// whole people), its value and date, the women among the people it
// counts, its means of verification and its assumptions.
func TestLogframeStatesWhatTheEUAsks(t *testing.T) {
	fw := config.Default().Framework
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	var buf bytes.Buffer
	must(t, LogframeCSV(&buf, fw.Logframe(q3, euEntries(), time.Now(), "")))
	rows, err := csv.NewReader(&buf).ReadAll()
	must(t, err)
	get := func(ind, country string) map[string]string {
		for _, r := range rows[1:] {
			if r[0] == ind && r[slices.Index(rows[0], "country")] == country {
				m := map[string]string{}
				for i, h := range rows[0] {
					m[h] = r[i]
				}
				return m
			}
		}
		t.Fatalf("no row %s %s", ind, country)
		return nil
	}
	ke := get("investigators-trained", "KE")
	want := map[string]string{"level": "output", "level_name": "output", "baseline": "0", "baseline_year": "2025", "target": "40", "target_date": "2026-12-31",
		"intermediate_target": "", "target_due": "35", "value": "28", "value_date": "2026-09-12", "women": "", "attendances": "30",
		"attendances_reporting_sex": "30", "attendances_women": "10", "attendances_women_share": "33.3%", "values": "3", "with_evidence": "1"}
	for k, v := range want {
		if ke[k] != v {
			t.Errorf("investigators-trained KE %s = %q, want %q", k, ke[k], v)
		}
	}
	if !strings.HasPrefix(ke["result"], "Counter-terrorism investigators are trained") || !strings.Contains(ke["assumptions"], "investigators") ||
		!strings.Contains(ke["means_of_verification"], "attendance sheets") {
		t.Errorf("statements: %q, %q, %q", ke["result"], ke["assumptions"], ke["means_of_verification"])
	}
	// 30 Sep 2026 is 637 days into 729: 2 × 637/729 = 1.75 recommendations
	// due, stated as 2; 9 states' 35 people are 315.
	if r := get("unsr-recs", "KE"); r["target_due"] != "2" || r["value"] != "1" || r["value_date"] != "2026-08-01" {
		t.Errorf("unsr-recs KE: due %q, value %q on %q", r["target_due"], r["value"], r["value_date"])
	}
	if r := get("investigators-trained", ""); r["target_due"] != "315" || r["attendances"] != "30" || r["value_date"] != "2026-09-12" {
		t.Errorf("investigators-trained: due %q, attendances %q, date %q", r["target_due"], r["attendances"], r["value_date"])
	}
	if r := get("strategies", ""); r["level_name"] != "specific objective (outcome)" || r["attendances"] != "" {
		t.Errorf("strategies: level %q, attendances %q", r["level_name"], r["attendances"])
	}
}

// TestLogframeWorkbook: a logframe's workbook opens on a cover saying its
// period, that it is closed (by whom, when) and as of when, as its
// document properties do; lists each figure's entries on a Sources
// sheet, the people reached by sex on Activities and what a reader should
// know on Notes; and writes whole numbers as whole numbers.
func TestLogframeWorkbook(t *testing.T) {
	fw := config.Default().Framework
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	closedAt := time.Date(2026, 10, 2, 9, 30, 0, 0, time.UTC)
	lf := fw.Logframe(q3, euEntries(), closedAt, "")
	lf.Closed = &ctbot.PeriodEvent{Period: "2026-Q3", Action: ctbot.PeriodClose, Actor: "UCOORD", At: closedAt}
	var buf bytes.Buffer
	must(t, WriteXLSX(&buf, Workbook{Logframe: lf, Programme: "CT TECH+", Zone: fw.Location, Generated: closedAt.Add(48 * time.Hour),
		Entries: Slice(euEntries()), Audit: Slice([]ctbot.AuditRecord(nil)), Trainings: Slice(euEntries()[:2])}))
	f, err := excelize.OpenReader(&buf)
	must(t, err)
	defer f.Close()
	want := []string{SheetCover, SheetLogframe, SheetStates, SheetActivities, SheetSources, SheetNotes, SheetEntries, SheetAudit}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Errorf("sheets %v", got)
	}
	cover := map[string]string{}
	rows, err := f.GetRows(SheetCover)
	must(t, err)
	for _, r := range rows[1:] {
		cover[r[0]] = r[1]
	}
	for k, v := range map[string]string{"programme": "CT TECH+", "period": "2026-Q3", "states": "all states", "closed_by": "UCOORD",
		"figures_as_of_local": "2026-10-02 11:30 (Europe/Brussels)"} {
		if cover[k] != v {
			t.Errorf("cover %s = %q, want %q", k, cover[k], v)
		}
	}
	if !strings.HasPrefix(cover["period_state"], "closed") || cover["period_start"] == "" || cover["figures_as_of"] == "" {
		t.Errorf("cover %v", cover)
	}
	props, err := f.GetDocProps()
	must(t, err)
	if props.Title != "CT TECH+ — logframe 2026-Q3" || !strings.Contains(props.Subject, "(closed)") || !strings.Contains(props.Subject, "2026-10-02T09:30:00Z") ||
		props.Creator != "ctbot" || props.Created != "2026-10-04T09:30:00Z" {
		t.Errorf("document properties %+v", props)
	}
	custom, err := f.GetCustomProps()
	must(t, err)
	got := map[string]any{}
	for _, p := range custom {
		got[p.Name] = p.Value
	}
	if got["period"] != "2026-Q3" || got["period_closed"] != true || got["states"] != "all" {
		t.Errorf("custom properties %v", got)
	}
	// Whole numbers are numbers with no decimal point to show ("5."
	// under the 0.## format).
	header, _ := f.GetRows(SheetLogframe)
	col := slices.Index(header[0], "target") + 1
	cell, _ := excelize.CoordinatesToCellName(col, 5) // investigators-trained, the fourth indicator
	raw, _ := f.GetCellValue(SheetLogframe, cell, excelize.Options{RawCellValue: true})
	styleID, _ := f.GetCellStyle(SheetLogframe, cell)
	style, err := f.GetStyle(styleID)
	must(t, err)
	if raw != "360" || style.CustomNumFmt != nil && *style.CustomNumFmt == "0.##" {
		t.Errorf("target %s: %q, number format %v", cell, raw, style.CustomNumFmt)
	}
	sources := sheetRecords(t, f, SheetSources, "figure", "country", "part", "entry_id")
	for _, w := range []string{"unsr-recs|KE|value|7", "investigators-trained|KE|trainings|1", "investigators-trained|KE|trainings|2",
		"investigators-trained|KE|value|4", "activities|GH|workshops|8"} {
		if !slices.Contains(sources, w) {
			t.Errorf("Sources lacks %s: %v", w, sources)
		}
	}
	for _, s := range sources {
		// Not what a figure does not rest on; a state's trainings once.
		if strings.HasSuffix(s, "|3") || strings.HasPrefix(s, "unsr-recs|KE|value|5") || strings.HasPrefix(s, "activities|KE|trainings") {
			t.Errorf("Sources lists %s", s)
		}
	}
	if got := sheetRecords(t, f, SheetSources, "figure", "entry_id", "value", "people", "new_people", "women", "has_evidence"); !slices.Contains(got, "investigators-trained|1||20|20|8|1") ||
		!slices.Contains(got, "unsr-recs|7|1||||0") {
		t.Errorf("what the entries give: %v", got)
	}
	if got := sheetRecords(t, f, SheetActivities, "country", "workshops_held", "participants", "participants_women", "participants_women_share"); !slices.Contains(got, "GH|1|30|12|0.4") {
		t.Errorf("Activities %v", got)
	}
	notes := sheetRecords(t, f, SheetNotes, "note", "indicator", "country", "entry_id", "first_entry_id", "from", "to")
	if !reflect.DeepEqual(notes, []string{"same_day|unsr-recs|KE|6|5||", "achieved_reduced|unsr-recs|KE|7||3|1"}) {
		t.Errorf("Notes %q", notes)
	}
}

// TestSourcesListTrainingsFeedingNoIndicator: a state's trainings that
// feed no indicator there are listed under its activities.
func TestSourcesListTrainingsFeedingNoIndicator(t *testing.T) {
	fw := config.Default().Framework
	fw.Indicator("investigators-trained").Countries = []string{"GH"}
	defer func() { fw.Indicator("investigators-trained").Countries = nil }()
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	var got []string
	lf := fw.Logframe(q3, euEntries(), time.Now(), "")
	must(t, sources(Workbook{Logframe: lf, Trainings: Slice(euEntries()[:2])})(func(r sourceRow) error {
		got = append(got, fmt.Sprintf("%s|%s|%s|%d", r.Figure, r.Country, r.Part, r.ID))
		return nil
	}))
	if !slices.Contains(got, "activities|KE|trainings|1") || !slices.Contains(got, "activities|KE|trainings|2") {
		t.Errorf("sources %v", got)
	}
	// A state's workbook lists its trainings only.
	got = nil
	lf = fw.Logframe(q3, euEntries(), time.Now(), "GH")
	must(t, sources(Workbook{Logframe: lf, Trainings: Slice(euEntries()[:2])})(func(r sourceRow) error {
		got = append(got, fmt.Sprintf("%s|%s|%s|%d", r.Figure, r.Country, r.Part, r.ID))
		return nil
	}))
	if !reflect.DeepEqual(got, []string{"activities|GH|workshops|8"}) {
		t.Errorf("Ghana's sources %v", got)
	}
}

// sheetRecords are a sheet's rows below its header, the named columns of
// each joined with |, raw values.
func sheetRecords(t *testing.T, f *excelize.File, sheet string, cols ...string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	must(t, err)
	var out []string
	for _, r := range rows[1:] {
		var parts []string
		for _, c := range cols {
			i := slices.Index(rows[0], c)
			if i < 0 {
				t.Fatalf("%s has no column %s", sheet, c)
			}
			v := ""
			if i < len(r) {
				v = r[i]
			}
			parts = append(parts, v)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}
