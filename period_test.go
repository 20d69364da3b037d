package ctbot

import (
	"testing"
)

func TestPeriodsAreNamedAndParsed(t *testing.T) {
	tests := []struct {
		kind       PeriodKind
		day        string
		name       string
		start, end string
	}{
		{Month, "2026-02-14", "2026-02", "2026-02-01", "2026-02-28"},
		{Month, "2024-02-29", "2024-02", "2024-02-01", "2024-02-29"},
		{Quarter, "2026-09-30", "2026-Q3", "2026-07-01", "2026-09-30"},
		{Quarter, "2026-10-01", "2026-Q4", "2026-10-01", "2026-12-31"},
		{Half, "2026-06-30", "2026-H1", "2026-01-01", "2026-06-30"},
		{Half, "2026-07-01", "2026-H2", "2026-07-01", "2026-12-31"},
		{Year, "2025-12-31", "2025", "2025-01-01", "2025-12-31"},
	}
	for _, tt := range tests {
		p := PeriodOf(tt.kind, MustParseDate(tt.day))
		if p.Name() != tt.name || p.Start.String() != tt.start || p.End.String() != tt.end {
			t.Errorf("%s of %s = %s %s..%s, want %s %s..%s", tt.kind, tt.day, p.Name(), p.Start, p.End, tt.name, tt.start, tt.end)
		}
		back, err := ParsePeriod(tt.kind, tt.name)
		if err != nil || back != p {
			t.Errorf("ParsePeriod(%s, %q) = %v, %v", tt.kind, tt.name, back, err)
		}
		if !p.Contains(p.Start) || !p.Contains(p.End) || p.Contains(p.End.AddDays(1)) || p.Contains(p.Start.AddDays(-1)) {
			t.Errorf("%s: Contains wrong at its edges", p)
		}
		if p.Next().Prev() != p || p.Next().Start != p.End.AddDays(1) {
			t.Errorf("%s: Next/Prev do not meet", p)
		}
	}
	for _, bad := range []struct {
		kind PeriodKind
		s    string
	}{{Quarter, "2026-Q5"}, {Quarter, "2026-Q0"}, {Quarter, "2026-09"}, {Month, "2026-13"}, {Month, "26-01"}, {Half, "2026-H3"}, {Year, "2026-Q1"}, {Quarter, "Q3 2026"}} {
		if _, err := ParsePeriod(bad.kind, bad.s); err == nil {
			t.Errorf("ParsePeriod(%s, %q) accepted", bad.kind, bad.s)
		}
	}
	if _, err := ParsePeriod(Quarter, "2026-q3"); err != nil {
		t.Errorf("lower case: %v", err)
	}
}

func TestProgrammePeriods(t *testing.T) {
	f := NewFramework("P", MustParseDate("2025-02-15"), MustParseDate("2026-12-31"), nil, nil, nil)
	ps := f.Periods()
	if len(ps) != 8 || ps[0].Name() != "2025-Q1" || ps[7].Name() != "2026-Q4" {
		t.Fatalf("periods %v", ps)
	}
	if p, ok := f.LastComplete(MustParseDate("2026-10-01")); !ok || p.Name() != "2026-Q3" {
		t.Errorf("last complete on 1 Oct = %v, %v", p, ok)
	}
	if p, ok := f.LastComplete(MustParseDate("2026-09-30")); !ok || p.Name() != "2026-Q2" {
		t.Errorf("last complete on 30 Sep = %v, %v", p, ok)
	}
	if _, ok := f.LastComplete(MustParseDate("2025-03-31")); ok {
		t.Error("a period is complete before the first ended")
	}
}
