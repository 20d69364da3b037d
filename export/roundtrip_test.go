package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
)

// sampleEntries are entries with every field set somewhere, and text that
// a spreadsheet would take for a formula.
func sampleEntries(n int) []*ctbot.Entry {
	rng := rand.New(rand.NewPCG(1, 2))
	at := time.Date(2026, 9, 1, 8, 30, 15, 123456000, time.UTC)
	hostile := []string{"=HYPERLINK(\"http://x\")", "+1 and more", "-2 people", "@SUM(A1)", "\tTab", "'quoted", "plain, with \"quotes\"\nand a line", ""}
	var es []*ctbot.Entry
	for i := range n {
		e := &ctbot.Entry{ID: int64(i + 1), Version: 1 + i%3, Kind: []ctbot.Kind{ctbot.KindTraining, ctbot.KindIndicator, ctbot.KindWorkshop, ctbot.KindLog}[i%4],
			Country: []string{"KE", "GH", ""}[i%3], Date: ctbot.MustParseDate("2026-01-01").AddDays(rng.IntN(300)),
			Title: hostile[i%len(hostile)], Note: hostile[(i+3)%len(hostile)], UserID: "U" + strconv.Itoa(i%5),
			Source: "not exported", CreatedAt: at.Add(time.Duration(i) * time.Hour), KnownFrom: at.Add(time.Duration(i)*time.Hour + time.Minute)}
		switch e.Kind {
		case ctbot.KindTraining:
			e.Trained, e.New, e.Online = 20+i, 10+i, i%2 == 0
			if i%8 != 0 {
				e.Women = ctbot.Int(i % 20)
			}
			if i%3 == 1 {
				e.DateTo, e.NewWomen = e.Date.AddDays(2), ctbot.Int(i%10)
			}
		case ctbot.KindIndicator:
			e.Indicator, e.Op, e.Value, e.Denom = "unsr-recs", ctbot.OpAdd, int64(-3+i%7), int64(i%4)
		case ctbot.KindWorkshop:
			e.Status, e.Series, e.Participants, e.Women = ctbot.StatusHeld, int64(i), 30, ctbot.Int(12)
			if i%3 == 0 {
				e.Scores = map[string]int{"policy": i % 5, "legal": (i + 1) % 5}
			}
		}
		if e.Kind == ctbot.KindTraining && i%3 > 0 {
			e.Course, e.Topic, e.Level = "dva-basic", "darknet", "basic"
		}
		if i%5 == 0 {
			e.Evidence, e.Link = "Gazette No. "+strconv.Itoa(i), "https://example.org/doc"+strconv.Itoa(i)+".pdf"
			e.VerifiedBy, e.VerifiedAt = "UCOORD", at.Add(48*time.Hour)
		}
		if i%7 == 0 {
			e.Retracted, e.RetractedAt, e.RetractedBy, e.RetractReason = true, at.Add(72*time.Hour), "UCOORD", "=cmd|' /C calc'!A0"
		}
		e.AfterClose, e.Redacted = i%11 == 0, i%13 == 0
		es = append(es, e)
	}
	return es
}

// entryFromStrings reads one exported row back into an entry.
func entryFromStrings(t *testing.T, header, row []string) *ctbot.Entry {
	t.Helper()
	e := &ctbot.Entry{}
	for i, h := range header {
		v := row[i]
		atoi := func() int64 { n, err := strconv.ParseInt(v, 10, 64); must(t, err); return n }
		tm := func() time.Time {
			if v == "" {
				return time.Time{}
			}
			x, err := time.Parse(time.RFC3339Nano, v)
			must(t, err)
			return x
		}
		b := func() bool { x, err := strconv.ParseBool(v); must(t, err); return x }
		switch h {
		case "id":
			e.ID = atoi()
		case "version":
			e.Version = int(atoi())
		case "kind":
			e.Kind = ctbot.Kind(v)
		case "country":
			e.Country = v
		case "value_date":
			e.Date = ctbot.MustParseDate(v)
		case "last_day":
			if v != "" {
				e.DateTo = ctbot.MustParseDate(v)
			}
		case "status":
			e.Status = ctbot.Status(v)
		case "title":
			e.Title = v
		case "note":
			e.Note = v
		case "series":
			e.Series = atoi()
		case "indicator":
			e.Indicator = v
		case "op":
			e.Op = ctbot.Op(v)
		case "value":
			e.Value = atoi()
		case "denominator":
			e.Denom = atoi()
		case "stage":
			e.Stage = v
		case "participants":
			e.Participants = int(atoi())
		case "women":
			if v != "" {
				e.Women = ctbot.Int(int(atoi()))
			}
		case "trained":
			e.Trained = int(atoi())
		case "new":
			e.New = int(atoi())
		case "new_women":
			if v != "" {
				e.NewWomen = ctbot.Int(int(atoi()))
			}
		case "online":
			e.Online = b()
		case "evidence":
			e.Evidence = v
		case "link":
			e.Link = v
		case "verified_by":
			e.VerifiedBy = v
		case "verified_at":
			e.VerifiedAt = tm()
		case "recorded_by":
			e.UserID = v
		case "recorded_at":
			e.CreatedAt = tm()
		case "known_from":
			e.KnownFrom = tm()
		case "retracted":
			e.Retracted = b()
		case "retracted_at":
			e.RetractedAt = tm()
		case "retracted_by":
			e.RetractedBy = v
		case "retract_reason":
			e.RetractReason = v
		case "after_close":
			e.AfterClose = b()
		case "redacted":
			e.Redacted = b()
		case "course":
			e.Course = v
		case "topic":
			e.Topic = v
		case "level":
			e.Level = v
		case "scores":
			e.Scores = scoresFromString(t, v)
		default:
			t.Fatalf("unknown column %q", h)
		}
	}
	return e
}

// scoresFromString reads scores as exported: "legal=1 policy=2".
func scoresFromString(t *testing.T, s string) map[string]int {
	t.Helper()
	if s == "" {
		return nil
	}
	out := map[string]int{}
	for _, kv := range strings.Fields(s) {
		k, v, _ := strings.Cut(kv, "=")
		n, err := strconv.Atoi(v)
		must(t, err)
		out[k] = n
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// comparable drops what exports leave out (the command typed).
func comparable(es []*ctbot.Entry) []ctbot.Entry {
	out := make([]ctbot.Entry, len(es))
	for i, e := range es {
		out[i] = *e
		out[i].Source = ""
	}
	return out
}

func TestEntriesCSVRoundTrip(t *testing.T) {
	es := sampleEntries(200)
	var buf bytes.Buffer
	n, err := EntriesCSV(&buf, Slice(es))
	must(t, err)
	raw := buf.String()
	if !strings.HasPrefix(raw, `"id","version","kind",`) || !strings.Contains(raw, "\r\n") || n != len(es) {
		t.Fatalf("not an RFC 4180 header: %.60q (%d rows)", raw, n)
	}
	records, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	must(t, err)
	// No cell opens with a formula character.
	for _, rec := range records[1:] {
		for _, c := range rec {
			if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) {
				t.Fatalf("cell %q would run as a formula", c)
			}
		}
	}
	var back []*ctbot.Entry
	for _, rec := range records[1:] {
		for i := range rec {
			rec[i] = Unneutralise(rec[i])
		}
		back = append(back, entryFromStrings(t, records[0], rec))
	}
	if got, want := comparable(back), comparable(es); !reflect.DeepEqual(got, want) {
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("entry %d read back differs:\n got %+v\nwant %+v", i, got[i], want[i])
			}
		}
	}
}

func TestEntriesXLSXRoundTrip(t *testing.T) {
	es := sampleEntries(widthRows + 200) // past the rows the widths are measured on
	audit := []ctbot.AuditRecord{{ID: 1, EntryID: 1, Action: "amend", Actor: "U1", At: time.Date(2026, 9, 2, 10, 0, 0, 0, time.UTC),
		Changes: []ctbot.Change{{Field: "women", Old: "9", New: "11"}}, Reason: "=sheet"}}
	var buf bytes.Buffer
	must(t, WriteXLSX(&buf, Workbook{Entries: Slice(es), Audit: Slice(audit)}))
	f, err := excelize.OpenReader(&buf)
	must(t, err)
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{SheetEntries, SheetAudit}) {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows(SheetEntries, excelize.Options{RawCellValue: true})
	must(t, err)
	header := rows[0]
	var back []*ctbot.Entry
	for _, row := range rows[1:] {
		row = append(row, make([]string, len(header)-len(row))...)
		for i, h := range header {
			row[i] = xlsxToCSV(t, h, row[i])
		}
		back = append(back, entryFromStrings(t, header, row))
	}
	// A workbook keeps date-times to the second (the CSV keeps them exactly).
	want := comparable(es)
	for i := range want {
		w := &want[i]
		for _, tm := range []*time.Time{&w.CreatedAt, &w.KnownFrom, &w.VerifiedAt, &w.RetractedAt} {
			*tm = tm.Round(time.Second)
		}
	}
	if got := comparable(back); !reflect.DeepEqual(got, want) {
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("entry %d read back differs:\n got %+v\nwant %+v", i, got[i], want[i])
			}
		}
	}
	// Typed cells: dates are dates, counts are numbers; the header is frozen.
	if typ, _ := f.GetCellType(SheetEntries, "E2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("value_date cell type %v", typ)
	}
	panes, err := f.GetPanes(SheetEntries)
	must(t, err)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v", panes)
	}
	ar, err := f.GetRows(SheetAudit)
	must(t, err)
	var cs []ctbot.Change
	must(t, json.Unmarshal([]byte(ar[1][5]), &cs))
	if ar[1][6] != "=sheet" || len(cs) != 1 || cs[0].New != "11" {
		t.Errorf("audit row %v", ar[1])
	}
}

// xlsxToCSV turns a raw workbook value into the CSV text of that column.
func xlsxToCSV(t *testing.T, header, v string) string {
	t.Helper()
	if v == "" {
		return ""
	}
	switch header {
	case "value_date", "last_day", "verified_at", "recorded_at", "known_from", "retracted_at":
		x, err := strconv.ParseFloat(v, 64)
		must(t, err)
		tm, err := excelize.ExcelDateToTime(x, false)
		must(t, err)
		if header == "value_date" || header == "last_day" {
			return tm.Format("2006-01-02")
		}
		return tm.Format(time.RFC3339Nano)
	case "online", "retracted", "after_close", "redacted":
		return strconv.FormatBool(v == "1")
	}
	return v
}

func ExampleNeutralise() {
	fmt.Println(Neutralise("=1+1"), Neutralise("-3"), Neutralise("ok"), Unneutralise(Neutralise("'x")))
	fmt.Println(Neutralise("Met unit;=cmd|' /C calc'!A0"))
	// Output:
	// '=1+1 '-3 ok 'x
	// Met unit;'=cmd|' /C calc'!A0
}

// TestLogframeColumns: the target is the final one, not the intermediate
// one in force; a state's milestone has no target due; women are left out
// under 5 people and where adjustments make the split unknown.
func TestLogframeColumns(t *testing.T) {
	fw := config.Default().Framework
	share := fw.Indicator("women-policy")
	saved := share.Milestones
	share.Milestones = []ctbot.Milestone{{Date: ctbot.MustParseDate("2026-09-30"), Value: 10}}
	defer func() { share.Milestones = saved }()
	d := ctbot.MustParseDate
	es := []*ctbot.Entry{
		{ID: 1, Version: 1, Kind: ctbot.KindTraining, Country: "GH", Date: d("2026-09-30"), Trained: 3, New: 3, Women: ctbot.Int(1)},
		{ID: 2, Version: 1, Kind: ctbot.KindTraining, Country: "KE", Date: d("2026-09-20"), Trained: 20, New: 20, Women: ctbot.Int(8)},
		{ID: 3, Version: 1, Kind: ctbot.KindTraining, Country: "NG", Date: d("2026-09-20"), Trained: 20, New: 20, Women: ctbot.Int(8)},
		{ID: 4, Version: 1, Kind: ctbot.KindIndicator, Indicator: "investigators-trained", Country: "NG", Date: d("2026-09-21"), Op: ctbot.OpAdd, Value: -2, Note: "dup"},
		{ID: 5, Version: 1, Kind: ctbot.KindIndicator, Indicator: "women-policy", Country: "GH", Date: d("2026-09-01"), Op: ctbot.OpSet, Value: 3, Denom: 12},
		{ID: 6, Version: 1, Kind: ctbot.KindIndicator, Indicator: "strategies", Country: "PH", Date: d("2026-08-01"), Op: ctbot.OpStage, Stage: "adopted"},
	}
	q3, _ := ctbot.ParsePeriod(ctbot.Quarter, "2026-Q3")
	var buf bytes.Buffer
	must(t, LogframeCSV(&buf, fw.Logframe(q3, es, time.Now(), "")))
	rows, err := csv.NewReader(&buf).ReadAll()
	must(t, err)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	get := func(ind, country, column string) string {
		for _, r := range rows[1:] {
			if r[col["indicator"]] == ind && r[col["country"]] == country {
				return r[col[column]]
			}
		}
		t.Fatalf("no row %s %s", ind, country)
		return ""
	}
	if got := get("women-policy", "", "target"); got != "20%" {
		t.Errorf("women-policy target %s, want the final 20%%", got)
	}
	if got := get("women-policy", "", "target_due"); got != "10%" {
		t.Errorf("women-policy target due %s, want the intermediate 10%%", got)
	}
	if got := get("women-policy", "GH", "value"); got != "25%" {
		t.Errorf("Ghana's share %s, want 25%% (3/12)", got)
	}
	if got := get("strategies", "PH", "target_due"); got != "" {
		t.Errorf("a state's milestone target due %q", got)
	}
	if got := get("strategies", "PH", "target"); got != "1" {
		t.Errorf("a state's milestone target %q", got)
	}
	for country, want := range map[string]string{"GH": "", "KE": "8", "NG": ""} {
		if got := get("investigators-trained", country, "women"); got != want {
			t.Errorf("women of %s = %q, want %q", country, got, want)
		}
	}
}

func TestReadinessSheetListsTheAssessments(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	es := []*ctbot.Entry{
		{ID: 1, Kind: ctbot.KindReadiness, Country: "NG", Date: ctbot.MustParseDate("2026-11-20"), Scores: map[string]int{"policy": 2, "legal": 1}, UserID: "U1", CreatedAt: at, Note: "=after"},
		{ID: 2, Kind: ctbot.KindWorkshop, Country: "GH", Date: ctbot.MustParseDate("2026-11-10"), Status: ctbot.StatusHeld, Scores: map[string]int{"institutional": 3}, UserID: "U2", CreatedAt: at},
		{ID: 3, Kind: ctbot.KindReadiness, Country: "NG", Date: ctbot.MustParseDate("2026-06-01"), Scores: map[string]int{"policy": 1}, UserID: "U1", CreatedAt: at},
		{ID: 4, Kind: ctbot.KindReadiness, Country: "KE", Date: ctbot.MustParseDate("2026-06-01"), Scores: map[string]int{"policy": 4}, UserID: "U1", CreatedAt: at, Retracted: true},
		{ID: 5, Kind: ctbot.KindLog, Country: "KE", Date: ctbot.MustParseDate("2026-06-01"), Note: "x", UserID: "U1", CreatedAt: at},
	}
	var buf bytes.Buffer
	must(t, WriteXLSX(&buf, Workbook{Entries: Slice(es), Pillars: []string{"policy", "legal", "institutional"}}))
	f, err := excelize.OpenReader(&buf)
	must(t, err)
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{SheetEntries, SheetReadiness, SheetAudit}) || f.GetActiveSheetIndex() != 0 {
		t.Errorf("sheets %v, active %d", got, f.GetActiveSheetIndex())
	}
	rows, err := f.GetRows(SheetReadiness, excelize.Options{RawCellValue: true})
	must(t, err)
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join(r[:min(len(r), 7)], "|"))
	}
	want := []string{
		"country|assessed_on|policy|legal|institutional|entry_id|kind",
		"GH|46336|||3|2|workshop",
		"NG|46174|1|||3|readiness",
		"NG|46346|2|1||1|readiness",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Readiness sheet:\n got %q\nwant %q", got, want)
	}
	// No pillars, or no assessment: no sheet.
	buf.Reset()
	must(t, WriteXLSX(&buf, Workbook{Entries: Slice(es[4:]), Pillars: []string{"policy"}}))
	f2, err := excelize.OpenReader(&buf)
	must(t, err)
	defer f2.Close()
	if got := f2.GetSheetList(); !reflect.DeepEqual(got, []string{SheetEntries, SheetAudit}) {
		t.Errorf("sheets without assessments %v", got)
	}
}
