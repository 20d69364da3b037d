package export

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/cttechplus/ctbot"
)

// dangerous are the first characters that make a spreadsheet read a cell
// as a formula (CSV injection), and the quote that marks a neutralised one.
const dangerous = "=+-@\t\r'"

// Neutralise makes typed text safe to open in a spreadsheet: a text that
// starts with = + - @, a tab, a carriage return or a quote gets a leading
// quote. Unneutralise undoes it exactly.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune(dangerous, rune(s[0])) {
		return "'" + s
	}
	return s
}

// Unneutralise is the inverse of Neutralise.
func Unneutralise(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune(dangerous, rune(s[1])) {
		return s[1:]
	}
	return s
}

// writeCSV writes rows under a header row, RFC 4180 (CRLF line ends),
// UTF-8, with text neutralised.
func writeCSV[T any](w io.Writer, cols []column[T], rows func(yield func(T) bool)) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(titles(cols)); err != nil {
		return err
	}
	record := make([]string, len(cols))
	var err error
	rows(func(row T) bool {
		for i, c := range cols {
			v := c.Value(row)
			record[i] = v.String()
			if v.Kind == text {
				record[i] = Neutralise(record[i])
			}
		}
		err = cw.Write(record)
		return err == nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func each[T any](xs []T) func(func(T) bool) {
	return func(yield func(T) bool) {
		for _, x := range xs {
			if !yield(x) {
				return
			}
		}
	}
}

// EntriesCSV writes entries, one per row, every field.
func EntriesCSV(w io.Writer, es []*ctbot.Entry) error { return writeCSV(w, entryColumns, each(es)) }

// AuditCSV writes the audit trail, one change per row.
func AuditCSV(w io.Writer, rs []ctbot.AuditRecord) error { return writeCSV(w, auditColumns, each(rs)) }

// LogframeCSV writes a logframe as one table: each indicator's programme
// row (country empty), then its states' rows.
func LogframeCSV(w io.Writer, lf *ctbot.Logframe) error {
	var rows []reportRow
	for i := range lf.Rows {
		rows = append(rows, reportRow{Row: &lf.Rows[i]})
		for j := range lf.Rows[i].States {
			rows = append(rows, reportRow{Row: &lf.Rows[i], State: &lf.Rows[i].States[j]})
		}
	}
	return writeCSV(w, reportColumns, each(rows))
}
