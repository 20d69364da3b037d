package bot

import (
	"context"
	"reflect"
	"testing"

	"github.com/cttechplus/ctbot"
)

// The same values by slash command and by form store the same entry, to
// the character and its canonical source included: a form's values go
// straight into the typed input a command is read into, so titles, notes
// and sources keep the quote marks typed (« » “ ” ").
func TestSlashAndFormStoreTheSameEntry(t *testing.T) {
	tests := []struct {
		name, slash, kind string
		form              map[string]string
	}{
		{"log", `log kenya Met «LEA» and the “cyber” unit source="Minutes «final»"`, "log",
			map[string]string{"country": "KE", "note": "Met «LEA» and the “cyber” unit", "source": "Minutes «final»"}},
		{"kickoff", `kickoff ghana planned 2026-12-08 venue «to be confirmed»`, "kickoff",
			map[string]string{"country": "GH", "status": "planned", "date": "2026-12-08", "note": "venue «to be confirmed»"}},
		{"workshop", `workshop nigeria held 2026-11-25 "Atelier «LEA»" participants=32 women=11`, "workshop",
			map[string]string{"country": "NG", "status": "held", "date": "2026-11-25", "title": "Atelier «LEA»", "participants": "32", "women": "11"}},
		{"training", `training kenya 2026-11-20 «Cours “OSINT”» trained=25 women=9 new=20 online link=https://example.org/sheet`, "training",
			map[string]string{"country": "KE", "date": "2026-11-20", "title": "Cours “OSINT”", "trained": "25", "women": "9", "new": "20",
				"online": "online", "link": "https://example.org/sheet"}},
		{"training of the catalogue", `training kenya 2026-11-20 course=dva-basic trained=25`, "training",
			map[string]string{"country": "KE", "date": "2026-11-20", "course": "dva-basic", "trained": "25"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bySlash, byForm := newHarness(t), newHarness(t)
			ackOf(t, bySlash.slash("USTAFF", tt.slash))
			bySlash.settle()
			if resp := byForm.interact(byForm.submission("USTAFF", tt.kind, tt.form)); body(t, resp) != "" {
				t.Fatalf("the form was refused: %s", body(t, resp))
			}
			byForm.settle()
			s, f := bySlash.entries(), byForm.entries()
			if len(s) != 1 || len(f) != 1 {
				t.Fatalf("%d entries by slash, %d by form", len(s), len(f))
			}
			if !reflect.DeepEqual(s[0], f[0]) {
				t.Errorf("by slash %+v\nby form  %+v", *s[0], *f[0])
			}
			if want := tt.form["title"] + tt.form["note"]; want != "" && (s[0].Title+s[0].Note != want || f[0].Title+f[0].Note != want) {
				t.Errorf("stored %q and %q, typed %q", s[0].Title+s[0].Note, f[0].Title+f[0].Note, want)
			}
		})
	}
}

// The same values given again within the repeat window are one entry,
// whichever way each came: a form after the command, the same form
// submitted again, the same command again.
func TestTheSameValuesTwiceAreOneEntry(t *testing.T) {
	h := newHarness(t)
	ackOf(t, h.slash("USTAFF", `workshop nigeria held 2026-11-25 "Atelier «LEA»" participants=32 women=11`))
	form := map[string]string{"country": "NG", "status": "held", "date": "2026-11-25", "title": "Atelier «LEA»", "participants": "32", "women": "11"}
	first := h.submission("USTAFF", "workshop", form)
	again := h.submission("USTAFF", "workshop", form)
	again["view"].(map[string]any)["hash"] = "h2" // submitted anew: another action
	for _, sub := range []map[string]any{first, again} {
		if resp := h.interact(sub); body(t, resp) != "" {
			t.Fatalf("the form was refused: %s", body(t, resp))
		}
		h.settle()
	}
	ackOf(t, h.slash("USTAFF", `workshop nigeria held 2026-11-25 "Atelier «LEA»" participants=32 women=11`))
	h.settle()
	if es := h.entries(); len(es) != 1 {
		t.Fatalf("%d entries, want 1: %+v", len(es), es)
	}
	for _, c := range h.slack.WaitFor("chat.postEphemeral", 2) {
		mustContain(t, c.Form.Get("text"), "#1")
	}
}

// The Edit form amends with the values typed: quote marks in a title and
// a reason stay as they are.
func TestEditFormKeepsTheQuoteMarksTyped(t *testing.T) {
	h := newHarness(t)
	ackOf(t, h.slash("USTAFF", `workshop nigeria held 2026-11-10 "Validation" participants=30 women=12`))
	h.clickEdit("USTAFF", "1")
	view := h.slack.WaitFor("views.open", 1)[0].JSON["view"].(map[string]any)
	if resp := h.submitView("USTAFF", view, map[string]string{"title": `Atelier «LEA» “v2”`, "reason": `the "final" sheet`}); body(t, resp) != "" {
		t.Fatalf("the edit was refused: %s", body(t, resp))
	}
	h.settle()
	e := h.entries()[0]
	if e.Title != `Atelier «LEA» “v2”` || e.Version != 2 || e.Participants != 30 || *e.Women != 12 || e.Status != ctbot.StatusHeld {
		t.Errorf("after the edit: %+v", *e)
	}
	trail, err := h.db.Audit(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if last := trail[len(trail)-1]; last.Reason != `the "final" sheet` {
		t.Errorf("reason kept as %q", last.Reason)
	}
}
