package export

import (
	"archive/zip"
	"cmp"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/cttechplus/ctbot"
)

// Workbook is what an XLSX export holds: a logframe (optional) and the
// entries and audit trail behind it, read as their sheets are written.
type Workbook struct {
	Logframe *ctbot.Logframe
	// Programme names the programme, Zone is its time zone and Generated
	// when the workbook was made: a logframe's cover and document
	// properties say them.
	Programme string
	Zone      *time.Location
	Generated time.Time
	// Trainings are the trainings a logframe's figures rest on (dated up
	// to its period's end, in force at its instant), read as its Sources
	// sheet is written.
	Trainings Rows[*ctbot.Entry]
	Entries   Rows[*ctbot.Entry]
	Audit     Rows[ctbot.AuditRecord]
	// Pillars are the readiness benchmark's: with them, a Readiness sheet
	// lists the assessments among the entries.
	Pillars []string
}

// Sheet names of a workbook.
const (
	SheetCover      = "Cover"
	SheetLogframe   = "Logframe"
	SheetStates     = "States"
	SheetActivities = "Activities"
	SheetSources    = "Sources"
	SheetNotes      = "Notes"
	SheetEntries    = "Entries"
	SheetAudit      = "Audit"
	SheetReadiness  = "Readiness"
)

// widthRows is how many rows a sheet's column widths are measured on: a
// sheet is written as it is read, and its widths are set before its rows.
const widthRows = 1000

// styles are the cell styles of a workbook, by kind; literal marks a text
// that a spreadsheet would take for a formula if it were typed in, so that
// it stays text when edited.
type styles struct {
	header  int
	literal int
	byKind  map[kind]int
}

// WriteXLSX writes wb as an XLSX workbook: sheets Cover, Logframe,
// States, Activities, Sources and Notes (if it has a logframe), Entries,
// Readiness (if it has pillars and assessments) and Audit, each with a
// frozen header row, filters, dates as dates, shares as percentages,
// counts as numbers, text as text (never a formula) and columns as wide
// as their first rows; a logframe's period, whether it is closed and as
// of when are on its cover and in the document's properties. Entries and
// audit rows are written as they are read: the workbook's rows are never
// all in memory (excelize keeps a large sheet in a temporary file).
func WriteXLSX(w io.Writer, wb Workbook) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	// Sheets are added as they are written: one added or deleted later, or
	// an active sheet set, would make excelize read back every sheet
	// written, the streamed ones whole. The first sheet is the active one.
	first := true
	sheet := func(name string) error {
		var err error
		if first {
			err, first = f.SetSheetName("Sheet1", name), false
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("export: sheet %s: %w", name, err)
		}
		return nil
	}
	if wb.Logframe != nil {
		for _, name := range []string{SheetCover, SheetLogframe, SheetStates, SheetActivities, SheetSources, SheetNotes} {
			if err := sheet(name); err != nil {
				return err
			}
		}
		if err := writeLogframe(f, st, wb); err != nil {
			return err
		}
	}
	var scored []*ctbot.Entry
	keep := func(e *ctbot.Entry) {
		if len(e.Scores) > 0 {
			scored = append(scored, e)
		}
	}
	if err := sheet(SheetEntries); err != nil {
		return err
	}
	if err := writeSheet(f, st, SheetEntries, entryColumns, wb.Entries, keep); err != nil {
		return err
	}
	if as := assessments(scored); len(wb.Pillars) > 0 && len(as) > 0 {
		if err := sheet(SheetReadiness); err != nil {
			return err
		}
		if err := writeSheet(f, st, SheetReadiness, readinessColumns(wb.Pillars), Slice(as), nil); err != nil {
			return err
		}
	}
	if err := sheet(SheetAudit); err != nil {
		return err
	}
	if err := writeSheet(f, st, SheetAudit, auditColumns, wb.Audit, nil); err != nil {
		return err
	}
	// Straight to w: WriteTo would build the whole file in memory first.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	if _, err := f.WriteToBuffer(); err != nil {
		return fmt.Errorf("export: write workbook: %w", err)
	}
	return nil
}

// writeLogframe writes a logframe's sheets and document properties.
func writeLogframe(f *excelize.File, st *styles, wb Workbook) error {
	lf := wb.Logframe
	for _, write := range []func() error{
		func() error { return writeSheet(f, st, SheetCover, coverColumns, Slice(cover(wb)), nil) },
		func() error { return writeSheet(f, st, SheetLogframe, reportColumns, Slice(programmeRows(lf)), nil) },
		func() error { return writeSheet(f, st, SheetStates, reportColumns, Slice(stateRows(lf)), nil) },
		func() error { return writeSheet(f, st, SheetActivities, activityColumns, Slice(activityRows(lf)), nil) },
		func() error { return writeSheet(f, st, SheetSources, sourceColumns, sources(wb), nil) },
		func() error { return writeSheet(f, st, SheetNotes, noteColumns, Slice(lf.Notes), nil) },
	} {
		if err := write(); err != nil {
			return err
		}
	}
	state := "open"
	if lf.Closed != nil {
		state = "closed"
	}
	title := fmt.Sprintf("%s — logframe %s", wb.Programme, lf.Period.Name())
	if lf.Country != "" {
		title += ", " + lf.Country
	}
	asOf := lf.AsOf.UTC().Format(time.RFC3339)
	err := f.SetDocProps(&excelize.DocProperties{Title: title, Subject: fmt.Sprintf("Logframe %s (%s), figures as of %s", lf.Period.Name(), state, asOf),
		Creator: "ctbot", Keywords: fmt.Sprintf("logframe; %s; %s", lf.Period.Name(), state), Category: "logframe",
		Description: fmt.Sprintf("Period %s (%s to %s), %s; figures as known at %s.", lf.Period.Name(), lf.Period.Start, lf.Period.End, state, asOf),
		Created:     wb.Generated.UTC().Format(time.RFC3339), Modified: wb.Generated.UTC().Format(time.RFC3339), Language: "en"})
	for _, p := range []excelize.CustomProperty{{Name: "period", Value: lf.Period.Name()}, {Name: "period_closed", Value: lf.Closed != nil},
		{Name: "figures_as_of", Value: lf.AsOf.UTC()}, {Name: "states", Value: cmp.Or(lf.Country, "all")}} {
		if err != nil {
			break
		}
		err = f.SetCustomProps(p)
	}
	if err != nil {
		return fmt.Errorf("export: document properties: %w", err)
	}
	return nil
}

func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{byKind: map[kind]int{}}
	var err error
	if st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return nil, err
	}
	formats := map[kind]string{date: "yyyy-mm-dd", instant: "yyyy-mm-dd hh:mm:ss", share: "0.0%", decimal: "0.##"}
	for k, nf := range formats {
		if st.byKind[k], err = f.NewStyle(&excelize.Style{CustomNumFmt: &nf}); err != nil {
			return nil, err
		}
	}
	// The text format (@) with a quote prefix: what a spreadsheet records
	// for a cell typed in as '=…. excelize has no option for the prefix.
	if st.literal, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		return nil, err
	}
	yes := true
	f.Styles.CellXfs.Xf[st.literal].QuotePrefix = &yes
	return st, nil
}

// writeSheet streams rows into sheet name under a bold, frozen header with
// filters, calling also (if set) with each row.
func writeSheet[T any](f *excelize.File, st *styles, name string, cols []column[T], rows Rows[T], also func(T)) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("export: sheet %s: %w", name, err)
	}
	n := 0
	values := make([]any, len(cols))
	write := func(r T) error {
		for i, c := range cols {
			values[i] = st.value(c.Value(r))
		}
		n++
		return sw.SetRow(fmt.Sprintf("A%d", n+1), values)
	}
	var first []T // until the widths are set
	started := false
	start := func() error {
		started = true
		if err := startSheet(sw, st, cols, first); err != nil {
			return err
		}
		for _, r := range first {
			if err := write(r); err != nil {
				return err
			}
		}
		first = nil
		return nil
	}
	if rows != nil {
		err = rows(func(r T) error {
			if also != nil {
				also(r)
			}
			if started {
				return write(r)
			}
			if first = append(first, r); len(first) == widthRows {
				return start()
			}
			return nil
		})
	}
	if err == nil && !started {
		err = start()
	}
	if err == nil && n > 0 {
		last, _ := excelize.CoordinatesToCellName(len(cols), n+1)
		err = sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: name, StyleName: "TableStyleLight1", ShowRowStripes: boolPtr(true)})
	}
	if err == nil {
		err = sw.Flush()
	}
	if err != nil {
		return fmt.Errorf("export: sheet %s: %w", name, err)
	}
	return nil
}

// startSheet sets a sheet's column widths from its first rows, freezes
// its header row and writes it.
func startSheet[T any](sw *excelize.StreamWriter, st *styles, cols []column[T], first []T) error {
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = utf8.RuneCountInString(c.Title)
	}
	for _, r := range first {
		for i, c := range cols {
			widths[i] = max(widths[i], cellWidth(c.Value(r)))
		}
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(min(w, 60)+2)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Title}
	}
	return sw.SetRow("A1", header)
}

func boolPtr(b bool) *bool { return &b }

// value is a cell as the workbook stores it: typed, styled, nil when
// empty. Text is always a string cell, never a formula.
func (st *styles) value(c cell) any {
	if c.Empty {
		return nil
	}
	switch c.Kind {
	case number:
		return c.Int
	case decimal, share:
		if c.Kind == decimal && c.Float == math.Trunc(c.Float) {
			return int64(c.Float) // a whole number: 5, never "5."
		}
		return excelize.Cell{StyleID: st.byKind[c.Kind], Value: c.Float}
	case date:
		return excelize.Cell{StyleID: st.byKind[date], Value: c.Date.Midnight(time.UTC)}
	case instant:
		return excelize.Cell{StyleID: st.byKind[instant], Value: c.Time.UTC()}
	case boolean:
		return c.Bool
	}
	if c.Text != "" && strings.IndexByte(triggers, c.Text[0]) >= 0 {
		return excelize.Cell{StyleID: st.literal, Value: c.Text}
	}
	return c.Text
}

// cellWidth is how many characters a cell shows.
func cellWidth(c cell) int {
	switch c.Kind {
	case date:
		return 10
	case instant:
		return 19
	case share:
		return 6
	}
	return utf8.RuneCountInString(c.String())
}
