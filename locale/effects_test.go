package locale

import (
	"strings"
	"testing"
)

// TestNoMessageSaysAnEffect: what a refused command did not do ("Nothing
// was recorded.") is added after the reason (an err.* message) by the one
// place errors become words; a reason that says it too would say it twice.
func TestNoMessageSaysAnEffect(t *testing.T) {
	effects := []string{"err.nothing_recorded", "err.nothing_changed"}
	own := map[string]bool{"err.nothing_recorded": true, "err.nothing_changed": true,
		// Never followed by an effect: a refusal of the workspace, and
		// failures that say nothing was recorded or changed.
		"err.other_workspace": true, "err.busy": true, "err.internal": true}
	for _, lang := range Default().Languages() {
		msgs := messages(t, lang)
		for _, e := range effects {
			effect := strings.ToLower(strings.TrimRight(msgs[e][""], ".。 "))
			for id, forms := range msgs {
				for _, text := range forms {
					if strings.HasPrefix(id, "err.") && !own[id] && strings.Contains(strings.ToLower(text), effect) {
						t.Errorf("%s: %s says %q, which is added after it", lang, id, effect)
					}
				}
			}
		}
	}
}
