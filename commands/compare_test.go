package commands_test

import (
	"strings"
	"testing"
)

func TestStatusComparesStatesSideBySide(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-11-20 course=dva-basic trained=25 women=9 new=20`)
	h.ok(`indicator women-policy ghana 4/15`)
	h.ok(`indicator strategies kenya adopted`)
	h.ok(`readiness nigeria policy=2 legal=1 institutional=3`)
	for _, cmd := range []string{"status kenya ghana nigeria", "status Kenya, Ghana and Nigeria", "status KE GH NG"} {
		text := h.ok(cmd).Text()
		for _, want := range []string{"Kenya, Ghana, Nigeria — Fri 27 Nov 2026",
			"Strategies adopted             ✅ adopted        ⚪ no stage       ⚪ no stage",
			"Women in policy design         ⚪ no data        ✅ 26.7%          ⚪ no data",
			"Investigators trained          🟠 20/40          ⚪ no data        ⚪ no data",
			"Trainings                      1 (20 new)       0 (0 new)        0 (0 new)",
			"Readiness: institutional       –                –                3"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q:\n%s", cmd, want, text)
			}
		}
		if strings.Contains(text, "International investigations") {
			t.Errorf("%s compares a programme-wide indicator:\n%s", cmd, text)
		}
	}
	// Names of several words, and aliases, are states too.
	wantText(t, h.ok("status ivory coast iraq"), "Côte d'Ivoire, Iraq — Fri 27 Nov 2026")
	h.refusedWith(staff, "status kenya kenya", "is neither a country")
	h.refusedWith(staff, "status kenya atlantis", "is neither a country")
}
