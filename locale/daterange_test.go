package locale

import (
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
)

// TestDateRangeIsWrittenBriefly: a training's days in each language,
// shorter when they share their month or year; one day as a date.
func TestDateRangeIsWrittenBriefly(t *testing.T) {
	d := ctbot.MustParseDate
	for _, c := range []struct {
		lang, from, to, want string
	}{
		{"en", "2026-11-20", "2026-11-22", "20–22 Nov 2026"},
		{"en", "2026-11-30", "2026-12-02", "30 Nov – 2 Dec 2026"},
		{"en", "2026-12-31", "2027-01-01", "Thu 31 Dec 2026 – Fri 1 Jan 2027"},
		{"en", "2026-11-20", "", "Fri 20 Nov 2026"},
		{"en", "2026-11-20", "2026-11-20", "Fri 20 Nov 2026"},
		{"fr", "2026-11-20", "2026-11-22", "20–22 nov. 2026"},
		{"ru", "2026-05-20", "2026-05-22", "20–22 мая 2026 г."},
		{"ar", "2026-11-30", "2026-12-02", "30 تشرين الثاني/نوفمبر – 2 كانون الأول/ديسمبر 2026"},
	} {
		to := ctbot.Date{}
		if c.to != "" {
			to = d(c.to)
		}
		got := Default().For(c.lang).DateRange(d(c.from), to)
		// Arabic isolates each argument (U+2068 … U+2069).
		got = strings.NewReplacer("\u2068", "", "\u2069", "").Replace(got)
		if got != c.want {
			t.Errorf("%s %s..%s: %q, want %q", c.lang, c.from, c.to, got, c.want)
		}
	}
}

// TestFirstOfMonthAndRussianDates: French writes the first of the month
// "1er", in a date and in a range; Russian dates lead with the day and end
// with the weekday, "8 дек. 2026 г. (вт)".
func TestFirstOfMonthAndRussianDates(t *testing.T) {
	d := ctbot.MustParseDate
	fr, ru := Default().For("fr"), Default().For("ru")
	for _, c := range []struct{ got, want string }{
		{fr.Date(d("2026-12-01")), "mar. 1er déc. 2026"},
		{fr.ShortDate(d("2026-12-01")), "mar. 1er déc."},
		{fr.DateRange(d("2026-12-01"), d("2026-12-03")), "1er–3 déc. 2026"},
		{fr.DateRange(d("2026-11-30"), d("2026-12-01")), "30 nov. – 1er déc. 2026"},
		{fr.Date(d("2026-12-08")), "mar. 8 déc. 2026"},
		{ru.Date(d("2026-12-08")), "8 дек. 2026 г. (вт)"},
		{ru.ShortDate(d("2026-12-08")), "8 дек. (вт)"},
		{ru.Date(d("2026-12-01")), "1 дек. 2026 г. (вт)"},
		{Default().For("en").Date(d("2026-12-01")), "Tue 1 Dec 2026"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}
