package commands_test

import (
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/locale"
)

// TestHelpExamplesRunInEveryLanguage: each French and Russian help example,
// with the words of its language ("tenu hier", "проведено вчера"), does
// what the English example does: it is accepted where the English one is
// and refused only where the English one is (a held date in the future).
func TestHelpExamplesRunInEveryLanguage(t *testing.T) {
	for _, lang := range []string{"fr", "ru"} {
		en, tr := newHarness(t), newHarness(t)
		tr.as(coordinator, "lang "+lang)
		for _, cmd := range en.core.Commands() {
			id := "help." + cmd.Name + ".examples"
			want := strings.Split(locale.Default().For("en").S(id), "\n")
			got := strings.Split(locale.Default().For(lang).S(id), "\n")
			if len(got) != len(want) {
				t.Errorf("%s: %s has %d examples, English %d", lang, id, len(got), len(want))
				continue
			}
			for i := range want {
				if want[i] == "-" || strings.HasPrefix(want[i], "[") {
					continue
				}
				e, r := en.as(coordinator, want[i]), tr.as(coordinator, got[i])
				if e.Failed != r.Failed {
					t.Errorf("%s: %q failed=%v, English %q failed=%v:\n%s", lang, got[i], r.Failed, want[i], e.Failed, r.Text())
				}
			}
		}
	}
}
