package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

// TestTrainingFormTakesDaysAndWomenAmongNew: the training form has a
// last day and the women among the new people; they reach the entry, are
// checked as the command checks them (next to their field), and the Edit
// form shows and changes them.
func TestTrainingFormTakesDaysAndWomenAmongNew(t *testing.T) {
	h := newHarness(t)
	ackOf(t, h.slash("USTAFF", "new training"))
	raw := h.slack.WaitFor("views.open", 1)[0].Raw()
	mustContain(t, raw, `"block_id":"date_to"`, "Last day", `"block_id":"new_women"`, "Of the new people, women")

	training := map[string]string{"country": "KE", "date": "2026-11-20", "date_to": "2026-11-22", "title": "OSINT basics",
		"trained": "25", "women": "9", "new": "20", "new_women": "7"}
	if b := body(t, h.interact(h.submission("USTAFF", "training", training))); b != "" {
		t.Fatalf("a valid training form: %s", b)
	}
	h.settle()
	es := h.entries()
	if len(es) != 1 || es[0].DateTo.String() != "2026-11-22" || es[0].NewWomen == nil || *es[0].NewWomen != 7 {
		t.Fatalf("recorded: %+v", es)
	}
	mustContain(t, h.slack.WaitFor("chat.postEphemeral", 1)[0].Form.Get("text"), "20–22 Nov 2026", "20 new (35% women)")

	errorsOf := func(values map[string]string) map[string]string {
		t.Helper()
		var got slack.ViewSubmissionResponse
		if err := json.Unmarshal([]byte(body(t, h.interact(h.submission("USTAFF", "training", values)))), &got); err != nil {
			t.Fatal(err)
		}
		return got.Errors
	}
	with := func(changes map[string]string) map[string]string {
		v := map[string]string{"country": "GH", "date": "2026-11-20", "title": "Darknet", "trained": "25", "new": "20"}
		for k, x := range changes {
			v[k] = x
		}
		return v
	}
	// Entered again by its last day: asked about, by the title.
	if errs := errorsOf(with(map[string]string{"country": "KE", "date": "2026-11-22", "date_to": "", "title": "OSINT basics"})); !strings.Contains(errs["title"], "This looks like #1") {
		t.Errorf("the same training by its last day: %v", errs)
	}
	if errs := errorsOf(with(map[string]string{"date_to": "2026-11-19"})); !strings.Contains(errs["date_to"], "is not after its first day") {
		t.Errorf("a last day before the first: %v", errs)
	}
	if errs := errorsOf(with(map[string]string{"new_women": "21"})); !strings.Contains(errs["new_women"], "new_women=21 is more than new=20") {
		t.Errorf("women among new over new: %v", errs)
	}
	if n := len(h.entries()); n != 1 {
		t.Errorf("%d entries after refused forms", n)
	}

	h.clickEdit("USTAFF", "1")
	open := h.slack.WaitFor("views.open", 2)[1]
	mustContain(t, open.Raw(), `"initial_date":"2026-11-22"`, `"initial_value":"7"`)
	view := open.JSON["view"].(map[string]any)
	if b := body(t, h.submitView("USTAFF", view, map[string]string{"new_women": "", "date_to": ""})); b != "" {
		t.Fatalf("edit: %s", b)
	}
	if e := h.entries()[0]; e.NewWomen != nil || !e.DateTo.IsZero() || e.Version != 2 {
		t.Errorf("after emptying both: women among new %v, last day %q, version %d", e.NewWomen, e.DateTo, e.Version)
	}
}
