package export

import (
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/cttechplus/ctbot"
)

// Workbook is what an XLSX export holds: a logframe (optional) and the
// entries and audit trail behind it.
type Workbook struct {
	Logframe *ctbot.Logframe
	Entries  []*ctbot.Entry
	Audit    []ctbot.AuditRecord
	// Pillars are the readiness benchmark's: with them, a Readiness sheet
	// lists the assessments among the entries.
	Pillars []string
}

// Sheet names of a workbook.
const (
	SheetLogframe  = "Logframe"
	SheetStates    = "States"
	SheetEntries   = "Entries"
	SheetAudit     = "Audit"
	SheetReadiness = "Readiness"
)

// styles are the cell styles of a workbook, by kind.
type styles struct {
	header int
	byKind map[kind]int
}

// WriteXLSX writes wb as an XLSX workbook: sheets Logframe and States (if
// it has a logframe), Entries and Audit, each with a frozen header row,
// filters, dates as dates, shares as percentages, counts as numbers and
// columns as wide as their contents.
func WriteXLSX(w io.Writer, wb Workbook) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	first := true
	sheet := func(name string, write func() error) error {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := write(); err != nil {
			return fmt.Errorf("export: sheet %s: %w", name, err)
		}
		return nil
	}
	if lf := wb.Logframe; lf != nil {
		if err := sheet(SheetLogframe, func() error { return writeSheet(f, st, SheetLogframe, reportColumns, programmeRows(lf)) }); err != nil {
			return err
		}
		if err := sheet(SheetStates, func() error { return writeSheet(f, st, SheetStates, reportColumns, stateRows(lf)) }); err != nil {
			return err
		}
	}
	if as := assessments(wb.Entries); len(wb.Pillars) > 0 && len(as) > 0 {
		if err := sheet(SheetReadiness, func() error { return writeSheet(f, st, SheetReadiness, readinessColumns(wb.Pillars), as) }); err != nil {
			return err
		}
	}
	if err := sheet(SheetEntries, func() error { return writeSheet(f, st, SheetEntries, entryColumns, wb.Entries) }); err != nil {
		return err
	}
	if err := sheet(SheetAudit, func() error { return writeSheet(f, st, SheetAudit, auditColumns, wb.Audit) }); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("export: write workbook: %w", err)
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
		nf := nf
		if st.byKind[k], err = f.NewStyle(&excelize.Style{CustomNumFmt: &nf}); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// writeSheet streams rows under a bold, frozen header with filters.
func writeSheet[T any](f *excelize.File, st *styles, name string, cols []column[T], rows []T) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = utf8.RuneCountInString(c.Title)
	}
	for _, r := range rows {
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
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	values := make([]any, len(cols))
	for n, r := range rows {
		for i, c := range cols {
			values[i] = st.value(c.Value(r))
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", n+2), values); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(cols), len(rows)+1)
		if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: name, StyleName: "TableStyleLight1", ShowRowStripes: boolPtr(true)}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func boolPtr(b bool) *bool { return &b }

// value is a cell as the workbook stores it: typed, styled, nil when empty.
func (st *styles) value(c cell) any {
	if c.Empty {
		return nil
	}
	switch c.Kind {
	case number:
		return c.Int
	case decimal, share:
		return excelize.Cell{StyleID: st.byKind[c.Kind], Value: c.Float}
	case date:
		return excelize.Cell{StyleID: st.byKind[date], Value: c.Date.Midnight(time.UTC)}
	case instant:
		return excelize.Cell{StyleID: st.byKind[instant], Value: c.Time.UTC()}
	case boolean:
		return c.Bool
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
