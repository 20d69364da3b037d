// Package export writes ctbot's data and reports in formats other tools
// read: CSV (RFC 4180), XLSX workbooks and IATI 2.03 activity XML. It
// depends on the domain only; the same column definitions serve every
// format, so a CSV and a workbook of the same data agree.
package export

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// kind is how a cell is typed.
type kind int

const (
	text    kind = iota // typed by a person
	code                // written by ctbot (kinds, codes, IDs of people)
	number              // an integer
	decimal             // a number with decimals
	share               // a fraction shown as a percentage
	date                // a calendar date
	instant             // a point in time (UTC)
	boolean             // yes/no
)

// cell is one typed value; Empty leaves the cell blank (a count not reported).
type cell struct {
	Kind  kind
	Text  string
	Int   int64
	Float float64
	Date  ctbot.Date
	Time  time.Time
	Bool  bool
	Empty bool
}

// isText reports whether c holds a string, which a spreadsheet could read
// as a formula: text and codes alike are neutralised in CSV.
func (c cell) isText() bool { return c.Kind == text || c.Kind == code }

// Rows are a table's rows, read once, in order, as they are written: fn is
// called with each, and an error from it ends the reading.
type Rows[T any] func(fn func(T) error) error

// Slice is rows held in memory.
func Slice[T any](xs []T) Rows[T] {
	return func(fn func(T) error) error {
		for _, x := range xs {
			if err := fn(x); err != nil {
				return err
			}
		}
		return nil
	}
}

func textCell(s string) cell { return cell{Kind: text, Text: s} }
func codeCell(s string) cell { return cell{Kind: code, Text: s} }
func intCell(n int64) cell   { return cell{Kind: number, Int: n} }
func boolCell(b bool) cell   { return cell{Kind: boolean, Bool: b} }
func dateCell(d ctbot.Date) cell {
	return cell{Kind: date, Date: d, Empty: d.IsZero()}
}
func timeCell(t time.Time) cell { return cell{Kind: instant, Time: t, Empty: t.IsZero()} }
func optInt(p *int) cell {
	if p == nil {
		return cell{Kind: number, Empty: true}
	}
	return intCell(int64(*p))
}

// String is the cell as CSV text: RFC 3339 for instants, ISO dates, plain
// integers, numbers with at most two decimals (5, 4.56), shares as
// percentages (20%), "true"/"false".
func (c cell) String() string {
	if c.Empty {
		return ""
	}
	switch c.Kind {
	case number:
		return strconv.FormatInt(c.Int, 10)
	case decimal:
		return strconv.FormatFloat(math.Round(c.Float*100)/100, 'f', -1, 64)
	case share: // a percentage with at most one decimal, halves up: 31.3%
		return strconv.FormatFloat(math.Round(c.Float*1000)/10, 'f', -1, 64) + "%"
	case date:
		return c.Date.String()
	case instant:
		return c.Time.UTC().Format(time.RFC3339Nano)
	case boolean:
		return strconv.FormatBool(c.Bool)
	}
	return c.Text
}

// column is one column of a table: its title, width hint and value.
type column[T any] struct {
	Title string
	Value func(T) cell
}

// EntryColumns are the columns of an entries export: every field, the
// value date (a training's first day; last_day its last, when it ran over
// several), who recorded it and when, its status, evidence and
// verification; new columns come last, so the earlier ones keep their
// places.
var entryColumns = []column[*ctbot.Entry]{
	{"id", func(e *ctbot.Entry) cell { return intCell(e.ID) }},
	{"version", func(e *ctbot.Entry) cell { return intCell(int64(e.Version)) }},
	{"kind", func(e *ctbot.Entry) cell { return codeCell(string(e.Kind)) }},
	{"country", func(e *ctbot.Entry) cell { return codeCell(e.Country) }},
	{"value_date", func(e *ctbot.Entry) cell { return dateCell(e.Date) }},
	{"status", func(e *ctbot.Entry) cell { return codeCell(string(e.Status)) }},
	{"title", func(e *ctbot.Entry) cell { return textCell(e.Title) }},
	{"note", func(e *ctbot.Entry) cell { return textCell(e.Note) }},
	{"series", func(e *ctbot.Entry) cell { return intCell(e.Series) }},
	{"indicator", func(e *ctbot.Entry) cell { return codeCell(e.Indicator) }},
	{"op", func(e *ctbot.Entry) cell { return codeCell(string(e.Op)) }},
	{"value", func(e *ctbot.Entry) cell { return intCell(e.Value) }},
	{"denominator", func(e *ctbot.Entry) cell { return intCell(e.Denom) }},
	{"stage", func(e *ctbot.Entry) cell { return codeCell(e.Stage) }},
	{"participants", func(e *ctbot.Entry) cell { return intCell(int64(e.Participants)) }},
	{"women", func(e *ctbot.Entry) cell { return optInt(e.Women) }},
	{"trained", func(e *ctbot.Entry) cell { return intCell(int64(e.Trained)) }},
	{"new", func(e *ctbot.Entry) cell { return intCell(int64(e.New)) }},
	{"online", func(e *ctbot.Entry) cell { return boolCell(e.Online) }},
	{"course", func(e *ctbot.Entry) cell { return codeCell(e.Course) }},
	{"topic", func(e *ctbot.Entry) cell { return codeCell(e.Topic) }},
	{"level", func(e *ctbot.Entry) cell { return codeCell(e.Level) }},
	{"scores", func(e *ctbot.Entry) cell { return codeCell(ctbot.FormatScores(e.Scores)) }},
	{"evidence", func(e *ctbot.Entry) cell { return textCell(e.Evidence) }},
	{"link", func(e *ctbot.Entry) cell { return textCell(e.Link) }},
	{"verified_by", func(e *ctbot.Entry) cell { return codeCell(e.VerifiedBy) }},
	{"verified_at", func(e *ctbot.Entry) cell { return timeCell(e.VerifiedAt) }},
	{"recorded_by", func(e *ctbot.Entry) cell { return codeCell(e.UserID) }},
	{"recorded_at", func(e *ctbot.Entry) cell { return timeCell(e.CreatedAt) }},
	{"known_from", func(e *ctbot.Entry) cell { return timeCell(e.KnownFrom) }},
	{"retracted", func(e *ctbot.Entry) cell { return boolCell(e.Retracted) }},
	{"retracted_at", func(e *ctbot.Entry) cell { return timeCell(e.RetractedAt) }},
	{"retracted_by", func(e *ctbot.Entry) cell { return codeCell(e.RetractedBy) }},
	{"retract_reason", func(e *ctbot.Entry) cell { return textCell(e.RetractReason) }},
	{"after_close", func(e *ctbot.Entry) cell { return boolCell(e.AfterClose) }},
	{"redacted", func(e *ctbot.Entry) cell { return boolCell(e.Redacted) }},
	// Trainings' later columns, after those of earlier releases.
	{"last_day", func(e *ctbot.Entry) cell { return dateCell(e.DateTo) }},
	{"new_women", func(e *ctbot.Entry) cell { return optInt(e.NewWomen) }},
}

// auditColumns are the columns of the audit trail: one row per change
// made, its fields old → new as JSON.
var auditColumns = []column[ctbot.AuditRecord]{
	{"id", func(r ctbot.AuditRecord) cell { return intCell(r.ID) }},
	{"entry_id", func(r ctbot.AuditRecord) cell { return intCell(r.EntryID) }},
	{"action", func(r ctbot.AuditRecord) cell { return codeCell(r.Action) }},
	{"by", func(r ctbot.AuditRecord) cell { return codeCell(r.Actor) }},
	{"at", func(r ctbot.AuditRecord) cell { return timeCell(r.At) }},
	{"changes", func(r ctbot.AuditRecord) cell {
		if len(r.Changes) == 0 {
			return textCell("")
		}
		b, _ := json.Marshal(r.Changes)
		return textCell(string(b))
	}},
	{"reason", func(r ctbot.AuditRecord) cell { return textCell(r.Reason) }},
	{"after_close", func(r ctbot.AuditRecord) cell { return boolCell(r.AfterClose) }},
}

// readinessColumns are the columns of the Readiness sheet: an assessment
// a row, a column per pillar (blank when not scored).
func readinessColumns(pillars []string) []column[*ctbot.Entry] {
	cols := []column[*ctbot.Entry]{
		{"country", func(e *ctbot.Entry) cell { return codeCell(e.Country) }},
		{"assessed_on", func(e *ctbot.Entry) cell { return dateCell(e.Date) }},
	}
	for _, p := range pillars {
		cols = append(cols, column[*ctbot.Entry]{p, func(e *ctbot.Entry) cell {
			n, ok := e.Scores[p]
			if !ok {
				return cell{Kind: number, Empty: true}
			}
			return intCell(int64(n))
		}})
	}
	return append(cols,
		column[*ctbot.Entry]{"entry_id", func(e *ctbot.Entry) cell { return intCell(e.ID) }},
		column[*ctbot.Entry]{"kind", func(e *ctbot.Entry) cell { return codeCell(string(e.Kind)) }},
		column[*ctbot.Entry]{"note", func(e *ctbot.Entry) cell { return textCell(e.Note) }},
		column[*ctbot.Entry]{"recorded_by", func(e *ctbot.Entry) cell { return codeCell(e.UserID) }},
		column[*ctbot.Entry]{"recorded_at", func(e *ctbot.Entry) cell { return timeCell(e.CreatedAt) }},
	)
}

// assessments are the readiness assessments among es that are not
// retracted, by state and date.
func assessments(es []*ctbot.Entry) []*ctbot.Entry {
	var out []*ctbot.Entry
	for _, e := range es {
		if len(e.Scores) > 0 && !e.Retracted {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b *ctbot.Entry) int {
		if a.Country != b.Country {
			return strings.Compare(a.Country, b.Country)
		}
		return a.Date.Ordinal() - b.Date.Ordinal()
	})
	return out
}
