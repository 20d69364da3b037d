package ctbot_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/internal/history"
)

// TestAKeptLogframeIsTheLogframe: what a close keeps (Logframe.Keep) gives
// back (LoadKept) every figure of every row of the logframe, of random
// histories, for every period; its framework is the one it was made with;
// its linked evidence is read by entry version; a state's report is its
// rows.
func TestAKeptLogframeIsTheLogframe(t *testing.T) {
	fw := config.Default().Framework
	for seed := range uint64(3) {
		m := history.New(fw, seed)
		now := time.Date(2026, 5, 1, 6, 0, 0, 0, time.UTC)
		for range 400 {
			m.Step(now)
			now = now.Add(time.Duration(30+m.Rng.IntN(600)) * time.Minute)
		}
		versions := map[ctbot.EntryRef]*ctbot.Entry{}
		for _, v := range m.Versions {
			versions[v.Ref()] = v
		}
		read := func(r ctbot.EntryRef) (*ctbot.Entry, error) { return versions[r], nil }
		linked := 0
		for _, p := range fw.Periods() {
			lf := fw.Logframe(p, m.InForce(now), now, "")
			b, err := lf.Keep()
			if err != nil {
				t.Fatal(err)
			}
			got, err := ctbot.LoadKept(b, read)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Kept || got.Framework == nil || !got.AsOf.Equal(lf.AsOf) || got.Period != lf.Period {
				t.Fatalf("seed %d %s: kept %+v", seed, p, got)
			}
			if !reflect.DeepEqual(got.Framework.Indicators, fw.Indicators) {
				t.Errorf("seed %d %s: the kept indicators differ", seed, p)
			}
			if want, have := rows(lf), rows(got); !reflect.DeepEqual(have, want) {
				t.Errorf("seed %d %s: kept rows\n%+v\nwant\n%+v", seed, p, have, want)
			}
			ke := fw.Logframe(p, m.InForce(now), now, "KE")
			if want, have := rows(ke), rows(got.OfCountry("KE")); !reflect.DeepEqual(have, want) {
				t.Errorf("seed %d %s: Kenya's kept rows\n%+v\nwant\n%+v", seed, p, have, want)
			}
			for _, r := range lf.Rows {
				linked += len(r.Linked)
			}
		}
		if linked == 0 {
			t.Errorf("seed %d: no logframe had linked evidence to keep", seed)
		}
	}
}

// rows are a logframe's rows with each indicator and state by code, for
// comparing a kept logframe (whose framework is another copy) with one
// made now.
func rows(lf *ctbot.Logframe) []ctbot.LogframeRow {
	out := slices.Clone(lf.Rows)
	for i, r := range out {
		r.Progress.Indicator = &ctbot.Indicator{Code: r.Progress.Indicator.Code}
		r.Sources = nil // not kept: made again from the entries at the close
		r.Progress.States = slices.Clone(r.Progress.States)
		for j, s := range r.Progress.States {
			r.Progress.States[j].Country = &ctbot.Country{Code: s.Country.Code}
		}
		r.States = slices.Clone(r.States)
		for j, s := range r.States {
			r.States[j].Country = &ctbot.Country{Code: s.Country.Code}
			r.States[j].Sources, r.States[j].Trainings = nil, nil
		}
		out[i] = r
	}
	return out
}
