package ctbot

import (
	"testing"
	"time"
)

func TestWorkingDays(t *testing.T) {
	fri := MustParseDate("2026-12-25") // a Friday, and Christmas
	ph := &Country{Code: "PH", Holidays: []Date{fri}}
	iq := &Country{Code: "IQ", Weekend: []time.Weekday{time.Friday, time.Saturday}}
	for _, tt := range []struct {
		c          *Country
		d          string
		working    bool
		prev, next string
	}{
		{ph, "2026-12-24", true, "2026-12-23", "2026-12-28"},  // Thursday; Friday is a holiday, then the weekend
		{ph, "2026-12-25", false, "2026-12-24", "2026-12-28"}, // the holiday
		{ph, "2026-12-27", false, "2026-12-24", "2026-12-28"}, // Sunday
		{iq, "2026-12-25", false, "2026-12-24", "2026-12-27"}, // Friday off in Iraq
		{iq, "2026-12-27", true, "2026-12-24", "2026-12-28"},  // Sunday is a working day there
	} {
		d := MustParseDate(tt.d)
		if got := tt.c.WorkingDay(d); got != tt.working {
			t.Errorf("%s %s working = %v", tt.c.Code, tt.d, got)
		}
		if got := tt.c.PrevWorkingDay(d).String(); got != tt.prev {
			t.Errorf("%s before %s: %s, want %s", tt.c.Code, tt.d, got, tt.prev)
		}
		if got := tt.c.NextWorkingDay(d).String(); got != tt.next {
			t.Errorf("%s after %s: %s, want %s", tt.c.Code, tt.d, got, tt.next)
		}
	}
}
