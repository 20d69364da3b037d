package export

import (
	"bufio"
	"io"
	"strings"

	"github.com/cttechplus/ctbot"
)

// A spreadsheet reads a cell as a formula when it starts with one of
// triggers (CSV injection); a neutralised text has a quote before each.
// Where a text may be cut into cells: at a separator of any locale's CSV
// (comma, semicolon, tab) and at a line end; quotes right after one are
// skipped over, as a reader that splits there would take them off.
const (
	triggers   = "=+-@\t\r'"
	separators = ",;\t\r\n"
)

// Neutralise makes a text safe to open in a spreadsheet, however the
// spreadsheet splits it into cells: wherever a cell could start (the
// text's start, or right after a comma, semicolon, tab or line end, and
// any double quotes there), a character that would start a formula (= + -
// @, a tab or a carriage return) or a quote gets a quote before it.
// Unneutralise undoes it exactly.
func Neutralise(s string) string {
	if !needsNeutralising(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	start := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if start && strings.IndexByte(triggers, c) >= 0 {
			b.WriteByte('\'')
		}
		b.WriteByte(c)
		start = cellStartAfter(start, c)
	}
	return b.String()
}

// Unneutralise is the inverse of Neutralise.
func Unneutralise(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if start && c == '\'' && i+1 < len(s) && strings.IndexByte(triggers, s[i+1]) >= 0 {
			i++
			c = s[i]
		}
		b.WriteByte(c)
		start = cellStartAfter(start, c)
	}
	return b.String()
}

// cellStartAfter reports whether a cell could start after c, given
// whether one could start at c.
func cellStartAfter(start bool, c byte) bool {
	return strings.IndexByte(separators, c) >= 0 || start && c == '"'
}

// needsNeutralising reports whether Neutralise changes s.
func needsNeutralising(s string) bool {
	start := true
	for i := 0; i < len(s); i++ {
		if start && strings.IndexByte(triggers, s[i]) >= 0 {
			return true
		}
		start = cellStartAfter(start, s[i])
	}
	return false
}

// writeCSV writes rows under a header row: RFC 4180 with every field
// quoted, CRLF line ends, UTF-8, text neutralised (numbers are written as
// they are, -3 stays a number). It returns how many rows it wrote.
func writeCSV[T any](w io.Writer, cols []column[T], rows Rows[T]) (int, error) {
	bw := bufio.NewWriter(w)
	field := func(i int, s string) {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('"')
		bw.WriteString(strings.ReplaceAll(s, `"`, `""`))
		bw.WriteByte('"')
	}
	for i, c := range cols {
		field(i, c.Title)
	}
	bw.WriteString("\r\n")
	n := 0
	err := rows(func(row T) error {
		for i, c := range cols {
			v := c.Value(row)
			s := v.String()
			if v.isText() {
				s = Neutralise(s)
			}
			field(i, s)
		}
		n++
		_, err := bw.WriteString("\r\n")
		return err
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// EntriesCSV writes entries, one per row, every field; it returns how many.
func EntriesCSV(w io.Writer, es Rows[*ctbot.Entry]) (int, error) {
	return writeCSV(w, entryColumns, es)
}

// AuditCSV writes the audit trail, one change per row; it returns how many.
func AuditCSV(w io.Writer, rs Rows[ctbot.AuditRecord]) (int, error) {
	return writeCSV(w, auditColumns, rs)
}

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
	_, err := writeCSV(w, reportColumns, Slice(rows))
	return err
}
