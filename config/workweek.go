package config

import (
	"slices"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// dayNames are the weekday names a weekend may use, short or full.
var dayNames = map[string]time.Weekday{
	"SUN": time.Sunday, "MON": time.Monday, "TUE": time.Tuesday, "WED": time.Wednesday,
	"THU": time.Thursday, "FRI": time.Friday, "SAT": time.Saturday,
}

// workingWeek checks a state's timezone, weekend and holidays and sets
// them on country.
func (v *validator) workingWeek(t string, c CountryConfig, country *ctbot.Country) {
	if c.Timezone != "" {
		loc, err := time.LoadLocation(c.Timezone)
		if err != nil || c.Timezone == "Local" {
			v.add(t, "timezone", "%q is not an IANA time zone (e.g. Asia/Manila)", c.Timezone)
		} else {
			country.Location = loc
		}
	}
	if c.Weekend != nil {
		country.Weekend = []time.Weekday{}
		for _, name := range c.Weekend {
			key := strings.ToUpper(strings.TrimSpace(name))
			if len(key) > 3 {
				key = key[:3] // full names: "Friday" is FRI
			}
			d, ok := dayNames[key]
			switch {
			case !ok || len(strings.TrimSpace(name)) > 3 && !strings.EqualFold(strings.TrimSpace(name), d.String()):
				v.add(t, "weekend", "%q is not a day; use MON, TUE, WED, THU, FRI, SAT or SUN", name)
			case slices.Contains(country.Weekend, d):
				v.add(t, "weekend", "%q is named twice", name)
			default:
				country.Weekend = append(country.Weekend, d)
			}
		}
		if len(c.Weekend) >= 7 {
			v.add(t, "weekend", "takes every day of the week; a state needs working days for its reminders")
		}
	}
	seen := map[ctbot.Date]bool{}
	for _, d := range c.Holidays {
		if seen[d] {
			v.add(t, "holidays", "%s is listed twice", d)
		}
		seen[d] = true
	}
}
