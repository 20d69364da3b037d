package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
)

// The form's text inputs take at most what storage keeps, from the
// domain's caps.
func TestFormTextInputsCapAtTheDomainsLimits(t *testing.T) {
	h := newHarness(t)
	want := map[string]int{"note": ctbot.NoteText.Max, "title": ctbot.TitleText.Max, "source": ctbot.SourceText.Max, "reason": ctbot.ReasonText.Max}
	seen := map[string]bool{}
	for _, kind := range []string{"log", "kickoff", "workshop", "training"} {
		for _, meta := range []formMeta{{}, {Entry: 7}} {
			view := h.bot.entryForm("USTAFF", kind, meta, formValues{Note: strings.Repeat("n", 4000) + "\x1b", Title: strings.Repeat("t", 300)})
			for _, blk := range view.Blocks.BlockSet {
				in, ok := blk.(*slack.InputBlock)
				if !ok {
					continue
				}
				if el, ok := in.Element.(*slack.PlainTextInputBlockElement); ok {
					seen[in.BlockID] = true
					if el.MaxLength != want[in.BlockID] {
						t.Errorf("%s form: %s max_length %d, want %d", kind, in.BlockID, el.MaxLength, want[in.BlockID])
					}
					if n := len([]rune(el.InitialValue)); n > el.MaxLength || strings.Contains(el.InitialValue, "\x1b") {
						t.Errorf("%s form: %s filled with %d characters (or a control), over what it takes", kind, in.BlockID, n)
					}
				}
			}
		}
	}
	if len(seen) != len(want) {
		t.Errorf("text inputs seen: %v", seen)
	}
}

// A forged submission (Slack's own max_length bypassed) is refused by the
// input at fault, with what was wrong, and nothing is stored.
func TestFormRefusesForgedText(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		kind   string
		values map[string]string
		field  string
		msg    string
	}{
		{"log", map[string]string{"country": "KE", "note": "done\x1b[2J\x1b]0;owned\x07"}, "note", "The note holds U+001B at character 5"},
		{"log", map[string]string{"country": "KE", "note": strings.Repeat("a", 1<<20)}, "note", "The note is 1,048,576 characters long; the limit is 3,000"},
		{"kickoff", map[string]string{"country": "KE", "status": "planned", "date": "2026-12-10", "note": "a\x00b"}, "note", "The note holds U+0000 at character 2"},
		{"workshop", map[string]string{"country": "KE", "status": "planned", "date": "2026-12-10", "title": "Legal\u009b31m"}, "title", "The title holds U+009B at character 6"},
		{"training", map[string]string{"country": "KE", "date": "2026-11-20", "title": strings.Repeat("t", 201), "trained": "5"}, "title", "The title is 201 characters long"},
		{"log", map[string]string{"country": "KE", "note": "ok", "source": "minutes\nsecond line"}, "source", "The source must be a single line"},
	}
	for _, tt := range tests {
		resp := h.interact(h.submission("USTAFF", tt.kind, tt.values))
		var got slack.ViewSubmissionResponse
		if err := json.Unmarshal([]byte(body(t, resp)), &got); err != nil {
			t.Fatalf("%s: %v", tt.kind, err)
		}
		if got.ResponseAction != slack.RAErrors || !strings.Contains(got.Errors[tt.field], tt.msg) {
			t.Errorf("%s %s: response %+v, want %q on %s", tt.kind, tt.field, got, tt.msg, tt.field)
		}
	}
	h.settle()
	if n := len(h.entries()); n != 0 {
		t.Errorf("%d entries stored from forged forms", n)
	}
}

// A message recorded by the shortcut fills the form with a note ctbot
// stores: its controls left out, cut to the note's cap.
func TestShortcutFillsTheFormWithStorableText(t *testing.T) {
	h := newHarness(t)
	const ts = "1700000000.000060"
	text := "Kenya\x1b[2J: \u2069\u202edone\u0085 " + strings.Repeat("ж", 5000)
	h.interact(map[string]any{"type": "message_action", "callback_id": "ct_record", "user": map[string]any{"id": "USTAFF"},
		"trigger_id": "trig.long", "channel": map[string]any{"id": "C9"}, "message_ts": ts, "message": map[string]any{"ts": ts, "text": text}})
	var open struct {
		View slack.ModalViewRequest `json:"view"`
	}
	if err := json.Unmarshal([]byte(h.slack.WaitFor("views.open", 1)[0].Raw()), &open); err != nil {
		t.Fatal(err)
	}
	note := ""
	for _, blk := range open.View.Blocks.BlockSet {
		if in, ok := blk.(*slack.InputBlock); ok && in.BlockID == "note" {
			note = in.Element.(*slack.PlainTextInputBlockElement).InitialValue
		}
	}
	if err := ctbot.NoteText.Check(note); err != nil || !strings.HasPrefix(note, "Kenya[2J: \u202edone") {
		t.Errorf("note %+q…: %v", note[:min(len(note), 40)], err)
	}
}
