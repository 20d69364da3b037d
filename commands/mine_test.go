package commands_test

import (
	"strings"
	"testing"
)

// "My country" is the asker's state when they are its focal point, in
// every language; for anyone else it is named as not applied.
func TestMyCountryIsTheFocalPointsState(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 "OSINT" trained=25 women=9 new=20`)
	h.ok(`training ghana 2026-11-20 "OSINT" trained=12 women=3 new=12`)
	for _, q := range []string{"trainings in my country this month", "formations dans mon pays ce mois-ci", "тренинги в моей стране в этом месяце", "التدريبات في بلدي هذا الشهر"} {
		r := h.ask(focalKE, q)
		text := r.Text()
		if r.Failed || !strings.Contains(text, "25") || strings.Contains(text, "37") || strings.Contains(text, "12") {
			t.Errorf("%q by Kenya's focal point: not Kenya's 25 trained:\n%s", q, text)
		}
	}
	r := h.ask(manager, "trainings in my country this month")
	if text := r.Text(); !strings.Contains(text, "37") || !strings.Contains(text, "“my country”") {
		t.Errorf("a manager's “my country” is not named as not applied:\n%s", text)
	}
}
