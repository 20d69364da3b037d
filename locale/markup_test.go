package locale

import (
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// TestIsolatesHoldAgainstStoredControls: a note stored before ctbot
// balanced it (a stray PDI, then an override never closed) cannot end
// ctbot's own isolate early nor reverse the rest of an Arabic reply: the
// stray close is left out and the override closed inside the isolate.
func TestIsolatesHoldAgainstStoredControls(t *testing.T) {
	note := reply.Inline{{Text: "done \u2069"}, {Text: "\u202e", Style: reply.Bold}, {Text: "reversed"}}
	for _, lang := range []string{"ar", "en"} {
		got := Default().For(lang).T("record.done", "ID", "42", "Entry", note).String()
		if err := ctbot.CheckChars("reply", got, true); err != nil {
			t.Errorf("%s: %v in %+q", lang, err, got)
		}
		if !strings.Contains(got, "done \u202ereversed\u202c") {
			t.Errorf("%s: the note is not kept, balanced: %+q", lang, got)
		}
	}
	ar := Default().For("ar").T("record.done", "ID", "42", "Entry", note).String()
	if !strings.HasSuffix(ar, "\u2068done \u202ereversed\u202c\u2069") {
		t.Errorf("the override is not closed inside ctbot's isolate: %+q", ar)
	}
}
