package storage

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestParseTimeAsTimeParse: parseTime reads what time.Parse reads in
// timeFormat, to the microsecond, for random instants over centuries, and
// refuses what it refuses (a day or hour out of range, a letter, a
// missing or extra figure, another separator).
func TestParseTimeAsTimeParse(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var cases []string
	for range 20000 {
		at := time.Unix(rng.Int64N(8e9)-2e9, rng.Int64N(1e9)).UTC()
		cases = append(cases, formatTime(at))
	}
	cases = append(cases, "2026-02-29T10:00:00.000000Z", "2028-02-29T10:00:00.000000Z", "2026-04-31T10:00:00.000000Z",
		"2026-13-01T10:00:00.000000Z", "2026-00-01T10:00:00.000000Z", "2026-01-00T10:00:00.000000Z", "2026-01-01T24:00:00.000000Z",
		"2026-01-01T10:60:00.000000Z", "2026-01-01T10:00:60.000000Z", "2026-01-01T10:00:00.00000aZ", "2026-01-01 10:00:00.000000Z",
		"2026-01-01T10:00:00.00000Z", "2026-01-01T10:00:00.0000000Z", "2026-01-01T10:00:00.000000+", "0000-01-01T00:00:00.000000Z",
		"9999-12-31T23:59:59.999999Z", "2026-1-01T10:00:00.0000000Z")
	for _, s := range cases {
		want, wantErr := time.Parse(timeFormat, s)
		got, err := parseTime(s)
		if (err != nil) != (wantErr != nil) || !got.Equal(want) || got.Location() != want.Location() {
			t.Fatalf("parseTime(%q) = %v, %v; time.Parse gives %v, %v", s, got, err, want, wantErr)
		}
		if _, fast := parseTimeFast(s); fast != (wantErr == nil) {
			t.Errorf("parseTimeFast(%q) read %v; time.Parse: %v", s, fast, wantErr)
		}
	}
}
