package ctbot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// canonicalFramework is the results framework as stored: every exported
// field of the Framework, its states and its indicators (so that a field
// added to them is kept and compared too), but for what is not the results
// framework, left out (zero): the programme's language, training topics,
// course catalogue and readiness benchmark; the states' aliases, focal
// points, languages, time zones, weekends and holidays. The programme's
// time zone is kept by name; the planned end only where an extension
// moved it. A phase of a deployment of several keeps its place (Phase)
// and every phase of the deployment (Phases, each in canonical JSON
// without its own list), so that what it counts and from when is kept
// too.
type canonicalFramework struct {
	Framework
	Zone   string
	Phase  int               `json:",omitempty"`
	Phases []json.RawMessage `json:",omitempty"`
}

// Canonical is the results framework in canonical JSON: what its versions
// are told apart by (FrameworkHash) and what a close keeps to render its
// report again. The same framework always gives the same bytes.
func (f *Framework) Canonical() ([]byte, error) {
	c := f.canonical()
	if len(f.Phases) > 1 {
		c.Phase = f.Number()
		for _, p := range f.Phases {
			b, err := json.Marshal(p.canonical())
			if err != nil {
				return nil, fmt.Errorf("results framework: phase %s: %w", p.Name, err)
			}
			c.Phases = append(c.Phases, b)
		}
	}
	b, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("results framework: %w", err)
	}
	return b, nil
}

// canonical is f as Canonical writes it, without its phases.
func (f *Framework) canonical() canonicalFramework {
	c := canonicalFramework{Framework: *f, Zone: f.Location.String()}
	c.Location, c.Language, c.Topics, c.TopicNames, c.Courses, c.Readiness, c.Framework.Phases = nil, "", nil, nil, nil, nil, nil
	if len(f.Extensions) == 0 && f.Planned == f.End {
		c.Planned = Date{}
	}
	c.Countries = make([]*Country, len(f.Countries))
	for i, co := range f.Countries {
		k := *co
		k.Aliases, k.FocalPoints, k.Language, k.Location, k.Weekend, k.Holidays = nil, nil, "", nil, nil, nil
		c.Countries[i] = &k
	}
	return c
}

// FrameworkHash names a canonical framework: the hex SHA-256 of its bytes.
func FrameworkHash(canonical []byte) string {
	sum := sha256.Sum256(canonical)
	return hex.EncodeToString(sum[:])
}

// ParseFramework reads a framework written by Canonical: a phase with
// the phases of its deployment.
func ParseFramework(b []byte) (*Framework, error) {
	var c canonicalFramework
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("results framework: %w", err)
	}
	f, err := c.framework()
	if err != nil || len(c.Phases) < 2 {
		return f, err
	}
	if c.Phase < 1 || c.Phase > len(c.Phases) {
		return nil, fmt.Errorf("results framework: phase %d of %d", c.Phase, len(c.Phases))
	}
	phases := make([]*Framework, len(c.Phases))
	for i, raw := range c.Phases {
		if i == c.Phase-1 {
			phases[i] = f
			continue
		}
		var pc canonicalFramework
		if err := json.Unmarshal(raw, &pc); err != nil {
			return nil, fmt.Errorf("results framework: phase %d: %w", i+1, err)
		}
		if phases[i], err = pc.framework(); err != nil {
			return nil, err
		}
	}
	LinkPhases(phases)
	return f, nil
}

// framework is the Framework c keeps, without its phases.
func (c canonicalFramework) framework() (*Framework, error) {
	loc, err := time.LoadLocation(c.Zone)
	if err != nil {
		return nil, fmt.Errorf("results framework: time zone: %w", err)
	}
	f := c.Framework
	f.Location = loc
	if f.Planned.IsZero() {
		f.Planned = f.End
	}
	f.countryIndex = NewFramework(f.Name, f.Start, f.End, loc, f.Countries, f.Indicators).countryIndex
	return &f, nil
}

// FrameworkVersion is one version of the results framework, logged when a
// ctbot started with a configuration whose framework differed from the
// latest logged: the log is the framework's audit trail.
type FrameworkVersion struct {
	ID     int64
	At     time.Time
	Actor  string // "config"
	Source string // the configuration file it came from
	Hash   string // FrameworkHash of Framework
	// Framework is the version in canonical JSON; Changes what changed
	// from the version before (none for the first).
	Framework []byte
	Changes   []FrameworkChange
}

// FrameworkActor is who changes the results framework: its configuration.
const FrameworkActor = "config"

// FrameworkChange is one difference between two versions of the results
// framework: of the programme, of a state (Country, by code; Name is its
// name) or of an indicator (Indicator, by code). Field names what changed,
// in lower case ("end", "target", "short_titles"), with the Key of a
// table's row where the field is a table (a state's code in "targets", a
// language in "titles"); Old and New are its values as text ("" for none).
// Without a Field, the state or indicator was added (Old "") or removed
// (New "").
type FrameworkChange struct {
	Phase     string `json:"phase,omitempty"`
	Country   string `json:"country,omitempty"`
	Name      string `json:"name,omitempty"`
	Indicator string `json:"indicator,omitempty"`
	Field     string `json:"field,omitempty"`
	Key       string `json:"key,omitempty"`
	Old       string `json:"old,omitempty"`
	New       string `json:"new,omitempty"`
}

// Added reports whether the change adds a state or an indicator, Removed
// whether it removes one.
func (c FrameworkChange) Added() bool   { return c.Field == "" && c.Old == "" }
func (c FrameworkChange) Removed() bool { return c.Field == "" && c.New == "" }

// FrameworkChanges lists what changed from one canonical framework to
// another: the programme's fields first, then the states (matched by
// code: each one's changed fields or its addition, in the order the newer
// version has them, then those removed), then the indicators likewise.
func FrameworkChanges(before, after []byte) ([]FrameworkChange, error) {
	old, err := readObject(before)
	if err != nil {
		return nil, err
	}
	cur, err := readObject(after)
	if err != nil {
		return nil, err
	}
	var out []FrameworkChange
	out = append(out, diffFields(FrameworkChange{}, old, cur, "Countries", "Indicators", "Phase", "Phases")...)
	for _, part := range []struct {
		key string
		of  func(code, name string) FrameworkChange
	}{
		{"Countries", func(code, name string) FrameworkChange { return FrameworkChange{Country: code, Name: name} }},
		{"Indicators", func(code, _ string) FrameworkChange { return FrameworkChange{Indicator: code} }},
	} {
		olds, err := readRows(old.fields[part.key])
		if err != nil {
			return nil, err
		}
		curs, err := readRows(cur.fields[part.key])
		if err != nil {
			return nil, err
		}
		for _, r := range curs {
			was := rowOf(olds, r.code)
			switch {
			case was == nil:
				c := part.of(r.code, r.name)
				c.New = r.code
				out = append(out, c)
			default:
				out = append(out, diffFields(part.of(r.code, r.name), was.object, r.object, "Code")...)
			}
		}
		for _, r := range olds {
			if rowOf(curs, r.code) == nil {
				c := part.of(r.code, r.name)
				c.Old = r.code
				out = append(out, c)
			}
		}
	}
	ph, err := phaseChanges(old, cur)
	return append(out, ph...), err
}

// phaseChanges are the changes to the deployment's other phases than the
// one a canonical framework is (matched by place), each naming its phase:
// a phase added or removed (no Field), or the changes within it.
func phaseChanges(old, cur object) ([]FrameworkChange, error) {
	var olds, curs []json.RawMessage
	var self int
	for _, f := range []struct {
		b  json.RawMessage
		to any
	}{{old.fields["Phases"], &olds}, {cur.fields["Phases"], &curs}, {cur.fields["Phase"], &self}} {
		if len(f.b) > 0 {
			if err := json.Unmarshal(f.b, f.to); err != nil {
				return nil, fmt.Errorf("results framework: phases: %w", err)
			}
		}
	}
	nameOf := func(b json.RawMessage) string {
		var p struct{ Name string }
		_ = json.Unmarshal(b, &p)
		return p.Name
	}
	var out []FrameworkChange
	for i := range max(len(olds), len(curs)) {
		switch {
		case i == max(self, 1)-1: // the framework itself, compared above
		case i >= len(olds):
			name := nameOf(curs[i])
			out = append(out, FrameworkChange{Phase: name, New: name})
		case i >= len(curs):
			name := nameOf(olds[i])
			out = append(out, FrameworkChange{Phase: name, Old: name})
		default:
			cs, err := FrameworkChanges(olds[i], curs[i])
			if err != nil {
				return nil, err
			}
			for _, c := range cs {
				c.Phase = nameOf(curs[i])
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// object is a JSON object's fields, in the order written.
type object struct {
	keys   []string
	fields map[string]json.RawMessage
}

func readObject(b []byte) (object, error) {
	o := object{fields: map[string]json.RawMessage{}}
	if len(bytes.TrimSpace(b)) == 0 || string(bytes.TrimSpace(b)) == "null" {
		return o, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return o, fmt.Errorf("results framework: not an object: %.40s", b)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return o, fmt.Errorf("results framework: %w", err)
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return o, fmt.Errorf("results framework: %s: %w", key, err)
		}
		o.keys = append(o.keys, key)
		o.fields[key] = v
	}
	return o, nil
}

// row is a state or an indicator of a canonical framework.
type row struct {
	code, name string
	object
}

func readRows(b json.RawMessage) ([]row, error) {
	var raws []json.RawMessage
	if len(b) > 0 {
		if err := json.Unmarshal(b, &raws); err != nil {
			return nil, fmt.Errorf("results framework: %w", err)
		}
	}
	out := make([]row, 0, len(raws))
	for _, raw := range raws {
		o, err := readObject(raw)
		if err != nil {
			return nil, err
		}
		r := row{object: o}
		_ = json.Unmarshal(o.fields["Code"], &r.code)
		_ = json.Unmarshal(o.fields["Name"], &r.name)
		out = append(out, r)
	}
	return out, nil
}

func rowOf(rows []row, code string) *row {
	for i := range rows {
		if rows[i].code == code {
			return &rows[i]
		}
	}
	return nil
}

// diffFields lists the fields of cur that differ in old, as changes of
// subject, leaving out those named in skip; a field that is a table is
// compared row by row.
func diffFields(subject FrameworkChange, old, cur object, skip ...string) []FrameworkChange {
	var out []FrameworkChange
	for _, k := range keysOf(cur, old) {
		a, b := old.fields[k], cur.fields[k]
		if slices.Contains(skip, k) || sameJSON(a, b) {
			continue
		}
		c := subject
		c.Field = fieldName(k)
		if isTable(a) || isTable(b) {
			ta, errA := readObject(a)
			tb, errB := readObject(b)
			if errA == nil && errB == nil {
				out = append(out, diffTable(c, ta, tb)...)
				continue
			}
		}
		c.Old, c.New = valueText(a), valueText(b)
		out = append(out, c)
	}
	return out
}

// diffTable lists the rows of a table (a JSON object) that differ.
func diffTable(c FrameworkChange, old, cur object) []FrameworkChange {
	keys := keysOf(cur, old)
	slices.Sort(keys)
	var out []FrameworkChange
	for _, k := range keys {
		if a, b := old.fields[k], cur.fields[k]; !sameJSON(a, b) {
			r := c
			r.Key, r.Old, r.New = k, valueText(a), valueText(b)
			out = append(out, r)
		}
	}
	return out
}

// keysOf are a's keys, then those of b not in a.
func keysOf(a, b object) []string {
	out := slices.Clone(a.keys)
	for _, k := range b.keys {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// isTable reports whether a JSON value is an object (a map of the
// framework, such as targets or titles).
func isTable(b json.RawMessage) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{'
}

func sameJSON(a, b json.RawMessage) bool {
	return bytes.Equal(compact(a), compact(b)) || emptyJSON(a) && emptyJSON(b)
}

func compact(b json.RawMessage) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return b
	}
	return buf.Bytes()
}

// emptyJSON reports whether a value says nothing: absent, null, "", 0,
// false, [] or {}.
func emptyJSON(b json.RawMessage) bool {
	switch string(compact(b)) {
	case "", "null", `""`, "0", "false", "[]", "{}":
		return true
	}
	return false
}

// valueText writes a JSON value as a person reads it: a string as it is,
// a list's items separated by commas, an object's values by colons (a
// milestone "2026-06-30: 20", leaving out what says nothing); "" for a
// value that says nothing.
func valueText(b json.RawMessage) string {
	if emptyJSON(b) {
		return ""
	}
	var s string
	if json.Unmarshal(b, &s) == nil {
		return s
	}
	var list []json.RawMessage
	if json.Unmarshal(b, &list) == nil {
		parts := make([]string, len(list))
		for i, v := range list {
			parts[i] = valueText(v)
		}
		return strings.Join(parts, ", ")
	}
	if o, err := readObject(b); err == nil && len(o.keys) > 0 {
		parts := make([]string, 0, len(o.keys))
		for _, k := range o.keys {
			if v := valueText(o.fields[k]); v != "" {
				parts = append(parts, v)
			}
		}
		return strings.Join(parts, ": ")
	}
	return string(compact(b))
}

// fieldName is a Go field's name in lower case, words joined by "_":
// ShortTitles is short_titles, IATIIdentifier iati_identifier.
func fieldName(s string) string {
	rs := []rune(s)
	upper := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= 'A' && rs[i] <= 'Z' }
	var b strings.Builder
	for i, r := range rs {
		if upper(i) {
			if i > 0 && (!upper(i-1) || i+1 < len(rs) && !upper(i+1)) {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
