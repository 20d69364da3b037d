package config

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
)

// workweekSrc is the built-in configuration with holidays for the
// Philippines, Iraq's weekend spelt in full and Ghana in the programme's
// zone (no timezone of its own).
var workweekSrc = strings.NewReplacer(
	"timezone = \"Asia/Manila\"\n", "timezone = \"Asia/Manila\"\nholidays = [2026-12-25, 2026-12-30]\n",
	"weekend = [\"FRI\", \"SAT\"]\n", "weekend = [\"FRI\", \"Saturday\"]\n",
	"timezone = \"Africa/Accra\"\n", "").Replace(string(ctbot.DefaultConfig))

func TestWorkingWeekPerState(t *testing.T) {
	c, err := Parse("w.toml", []byte(workweekSrc))
	if err != nil {
		t.Fatal(err)
	}
	ph, iq, gh := c.Framework.Country("PH"), c.Framework.Country("IQ"), c.Framework.Country("GH")
	if ph.Location.String() != "Asia/Manila" || len(ph.Holidays) != 2 || ph.Holidays[0] != ctbot.MustParseDate("2026-12-25") || ph.Weekend != nil {
		t.Errorf("PH = %v %v %v", ph.Location, ph.Holidays, ph.Weekend)
	}
	if iq.Location.String() != "Asia/Baghdad" || len(iq.Weekend) != 2 || iq.Weekend[0] != time.Friday || iq.Weekend[1] != time.Saturday {
		t.Errorf("IQ = %v %v", iq.Location, iq.Weekend)
	}
	if gh.Location.String() != "Europe/Brussels" || gh.Weekend != nil {
		t.Errorf("GH = %v %v, want the programme's zone and the default weekend", gh.Location, gh.Weekend)
	}
}

func TestWorkingWeekIsValidated(t *testing.T) {
	for _, tt := range []struct{ from, to, key, msg string }{
		{`timezone = "Asia/Manila"`, `timezone = "Asia/Atlantis"`, "country PH.timezone", `"Asia/Atlantis" is not an IANA time zone`},
		{`weekend = ["FRI", "Saturday"]`, `weekend = ["FRI", "SAB"]`, "country IQ.weekend", `"SAB" is not a day`},
		{`weekend = ["FRI", "Saturday"]`, `weekend = ["FRI", "Fridge"]`, "country IQ.weekend", `"Fridge" is not a day`},
		{`weekend = ["FRI", "Saturday"]`, `weekend = ["FRI", "fri"]`, "country IQ.weekend", `"fri" is named twice`},
		{`weekend = ["FRI", "Saturday"]`, `weekend = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]`, "country IQ.weekend", "every day of the week"},
		{`holidays = [2026-12-25, 2026-12-30]`, `holidays = [2026-12-25, 2026-12-25]`, "country PH.holidays", "2026-12-25 is listed twice"},
		{`holidays = [2026-12-25, 2026-12-30]`, `holidays = ["2026-02-30"]`, "holidays", "2026-02-30"},
	} {
		src := strings.ReplaceAll(workweekSrc, tt.from, tt.to)
		_, err := Parse("w.toml", []byte(src))
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%s: accepted (%v)", tt.to, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.key) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: %v; want %s: %s", tt.to, err, tt.key, tt.msg)
		}
	}
}
