package ctbot

import (
	"slices"
	"time"
)

// Range bounds the entries a store reads (for a query, a report, a
// replay); the zero value of a field does not bound it.
type Range struct {
	Kinds  []Kind
	States []string // country codes ("" programme-wide)
	// From and To bound the value dates, both included.
	From, To Date
	// Since and Until bound when entries were first recorded: after
	// Since, up to Until.
	Since, Until time.Time
	// Series keeps the entries of these event series only.
	Series []int64
	// Unordered lets the store give the entries in any order (else in
	// value order, ValueOrder).
	Unordered bool
	// Narrow lets the store fill, of each entry, only its ID and Fields
	// (the others may be zero), and give the same Entry each time, filled
	// anew: a reader of a narrow range keeps none.
	Narrow bool
	Fields Fields
}

// Fields is a set of an entry's fields: those a narrow read fills
// (Range.Narrow).
type Fields uint16

// The fields a narrow read can fill.
const (
	FieldKind Fields = 1 << iota
	FieldCountry
	FieldDate
	FieldIndicator
	FieldTopic
	FieldLevel
	FieldCourse
	FieldOnline
	FieldUserID
	FieldCreatedAt
	FieldEvidence // Evidence and Link
	FieldVerifiedBy
)

// Holds reports whether e is in the range.
func (r Range) Holds(e *Entry) bool {
	return (len(r.Kinds) == 0 || slices.Contains(r.Kinds, e.Kind)) && (len(r.States) == 0 || slices.Contains(r.States, e.Country)) &&
		(r.From.IsZero() || !e.Date.Before(r.From)) && (r.To.IsZero() || !e.Date.After(r.To)) &&
		(r.Since.IsZero() || e.CreatedAt.After(r.Since)) && (r.Until.IsZero() || !e.CreatedAt.After(r.Until)) &&
		(len(r.Series) == 0 || slices.Contains(r.Series, e.Series))
}
