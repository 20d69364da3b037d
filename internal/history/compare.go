package history

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
)

// Compare fails t unless snapshot got equals want: every figure, and the
// same entries (by ID and version) for kick-offs and open events.
func Compare(t testing.TB, at time.Time, got, want *ctbot.Snapshot) {
	t.Helper()
	when := at.Format(time.RFC3339Nano)
	if !reflect.DeepEqual(got.Trainings, want.Trainings) {
		t.Errorf("%s trainings:\n got %+v\nwant %+v", when, got.Trainings, want.Trainings)
	}
	if !reflect.DeepEqual(got.Workshops, want.Workshops) {
		t.Errorf("%s workshops:\n got %+v\nwant %+v", when, got.Workshops, want.Workshops)
	}
	if g, w := values(got.Indicators), values(want.Indicators); !reflect.DeepEqual(g, w) {
		t.Errorf("%s indicators:\n got %v\nwant %v", when, g, w)
	}
	if g, w := EntryKeys(got.Open), EntryKeys(want.Open); !reflect.DeepEqual(g, w) {
		t.Errorf("%s open events: got %v, want %v", when, g, w)
	}
	if g, w := kickoffKeys(got.Kickoffs), kickoffKeys(want.Kickoffs); !reflect.DeepEqual(g, w) {
		t.Errorf("%s kick-offs: got %v, want %v", when, g, w)
	}
	if !reflect.DeepEqual(got.Courses, want.Courses) {
		t.Errorf("%s trainings by topic and level:\n got %+v\nwant %+v", when, got.Courses, want.Courses)
	}
	if g, w := profiles(got.Readiness), profiles(want.Readiness); !reflect.DeepEqual(g, w) {
		t.Errorf("%s readiness: got %v, want %v", when, g, w)
	}
	if !reflect.DeepEqual(got.LastEntry, want.LastEntry) {
		t.Errorf("%s last entries:\n got %v\nwant %v", when, got.LastEntry, want.LastEntry)
	}
}

// values are indicator values as text.
func values(m map[ctbot.IndicatorKey]ctbot.IndicatorValue) map[ctbot.IndicatorKey]string {
	out := map[ctbot.IndicatorKey]string{}
	for k, v := range m {
		out[k] = fmt.Sprintf("value %d/%d stage %q (before %q) source %d adjusted %d entries %d latest %s evidence %+v", v.Value, v.Denom, v.Stage,
			v.StageBefore, v.FromSource, v.Adjusted, v.Entries, v.Latest, v.Evidence)
	}
	return out
}

// profiles are readiness profiles as the entries' IDs, versions and scores.
func profiles(m map[string]ctbot.ReadinessProfile) map[string]string {
	out := map[string]string{}
	for c, p := range m {
		out[c] = fmt.Sprint(EntryKeys([]*ctbot.Entry{p.Latest}), p.Latest.Scores)
		if p.Previous != nil {
			out[c] += fmt.Sprint(" after ", EntryKeys([]*ctbot.Entry{p.Previous}), p.Previous.Scores)
		}
	}
	return out
}

// EntryKeys describe entries by ID, version, status, date and title.
func EntryKeys(es []*ctbot.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("#%d v%d %s %s %q", e.ID, e.Version, e.Status, e.Date, e.Title))
	}
	return out
}

func kickoffKeys(m map[string]*ctbot.Entry) map[string]string {
	out := map[string]string{}
	for c, e := range m {
		out[c] = EntryKeys([]*ctbot.Entry{e})[0]
	}
	return out
}
