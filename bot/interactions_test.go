package bot

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
)

// submission builds a view_submission payload for the entry form with the
// given values (block/action ID -> value).
func (h *harness) submission(user, kind string, values map[string]string) map[string]any {
	return h.submissionOf(user, kind, formMeta{Channel: "C1"}, values)
}

// submissionOf is a submission of the form opened with meta.
func (h *harness) submissionOf(user, kind string, meta formMeta, values map[string]string) map[string]any {
	view := h.bot.entryForm(user, kind, meta, formValues{})
	state := map[string]map[string]any{kindField: {kindField: map[string]any{"type": "static_select", "selected_option": map[string]any{"value": kind}}}}
	for k, v := range values {
		var a map[string]any
		switch k {
		case "country", "status", "course", "topic", "level":
			a = map[string]any{"type": "static_select", "selected_option": map[string]any{"value": v}}
		case "date", "date_to":
			a = map[string]any{"type": "datepicker", "selected_date": v}
		case "online", "checks":
			a = map[string]any{"type": "checkboxes", "selected_options": []map[string]any{{"value": v}}}
		default:
			a = map[string]any{"type": "plain_text_input", "value": v}
		}
		state[k] = map[string]any{k: a}
	}
	raw, _ := json.Marshal(view)
	var v map[string]any
	_ = json.Unmarshal(raw, &v)
	v["id"], v["hash"], v["state"] = "V1", "h1", map[string]any{"values": state}
	return map[string]any{"type": "view_submission", "user": map[string]any{"id": user}, "view": v}
}

func TestSlashWithoutArgumentsOpensTheForm(t *testing.T) {
	h := newHarness(t)
	resp := h.slash("USTAFF", "training")
	if resp.StatusCode != http.StatusOK || body(t, resp) != "" {
		t.Fatalf("ack should be empty when the form opens")
	}
	call := h.slack.WaitFor("views.open", 1)[0]
	if call.JSON["trigger_id"] != "trig.1" {
		t.Errorf("trigger_id %v", call.JSON["trigger_id"])
	}
	raw := call.Raw()
	for _, id := range []string{`"block_id":"kind"`, `"block_id":"country"`, `"block_id":"date"`, `"block_id":"title"`, `"block_id":"trained"`,
		`"block_id":"women"`, `"block_id":"new"`, `"block_id":"online"`, `"callback_id":"ct_entry"`, `"dispatch_action":true`, "Côte d'Ivoire"} {
		mustContain(t, raw, id)
	}
	if strings.Contains(raw, `"block_id":"participants"`) {
		t.Error("training form has a participants field")
	}
	// `/ct new workshop` opens the workshop form; a failure to open says what to type instead.
	h.slack.Fail("views.open", http.StatusBadRequest, "")
	ack := ackOf(t, h.slash("USTAFF", "new workshop"))
	mustContain(t, ack.Text, "could not open the form", "/ct help workshop")
}

func TestFormSubmissionShowsErrorsOnTheRightField(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		kind   string
		values map[string]string
		field  string
		msg    string
	}{
		{"training", map[string]string{"country": "KE", "date": "2026-11-20", "title": "OSINT", "trained": "25", "women": "30"}, "women", "women=30 is more than trained=25"},
		{"training", map[string]string{"country": "KE", "title": "OSINT", "trained": "25"}, "date", "The date is missing"},
		{"training", map[string]string{"country": "KE", "date": "2026-12-20", "title": "OSINT", "trained": "5"}, "date", "is in the future"},
		{"training", map[string]string{"country": "KE", "date": "2026-11-20", "trained": "5"}, "title", "Choose a course of the catalogue"},
		{"training", map[string]string{"country": "KE", "date": "2026-11-20", "title": "OSINT"}, "trained", "rained=N is missing"},
		{"workshop", map[string]string{"country": "NG", "date": "2026-12-10"}, "status", "The status is missing"},
		{"log", map[string]string{"country": "KE"}, "note", "The update text is missing"},
		// What Slack's inputs would not send is refused by its field too.
		{"training", map[string]string{"country": "KE", "date": "2026-11-20", "title": "OSINT", "trained": "lots"}, "trained", "trained= needs a whole number, not “lots”"},
		{"workshop", map[string]string{"country": "NG", "status": "planned", "date": "2026-02-30"}, "date", "“2026-02-30” is not a valid date"},
		{"log", map[string]string{"country": "ZZ", "note": "x"}, "country", "I don't know the country “ZZ”"},
		{"log", map[string]string{}, "country", "Choose a country"},
	}
	for _, tt := range tests {
		resp := h.interact(h.submission("USTAFF", tt.kind, tt.values))
		var got slack.ViewSubmissionResponse
		if err := json.Unmarshal([]byte(body(t, resp)), &got); err != nil {
			t.Fatalf("%v: %v", tt.values, err)
		}
		if got.ResponseAction != slack.RAErrors || !strings.Contains(got.Errors[tt.field], tt.msg) {
			t.Errorf("%s %v: response %+v, want %q on %s", tt.kind, tt.values, got, tt.msg, tt.field)
		}
	}
	// Refused for lack of rights: shown at the top of the form.
	resp := h.interact(h.submission("UOUT", "log", map[string]string{"country": "KE", "note": "x"}))
	mustContain(t, body(t, resp), `"kind":"You are not allowed to record entries for Kenya`)
	h.settle()
	if n := len(h.entries()); n != 0 {
		t.Errorf("%d entries stored from refused forms", n)
	}
}

func TestFormSubmissionRecordsAndConfirms(t *testing.T) {
	h := newHarness(t)
	resp := h.interact(h.submission("USTAFF", "training", map[string]string{"country": "CI", "date": "2026-11-20",
		"title": `Darknet "basic"`, "trained": "25", "women": "9", "new": "20", "online": "online"}))
	if resp.StatusCode != http.StatusOK || body(t, resp) != "" {
		t.Fatalf("a valid form should close with an empty 200")
	}
	es := h.entries()
	if len(es) != 1 {
		t.Fatalf("%d entries", len(es))
	}
	e := es[0]
	if e.Kind != ctbot.KindTraining || e.Country != "CI" || e.Title != `Darknet "basic"` || e.Trained != 25 || *e.Women != 9 || e.New != 20 || !e.Online {
		t.Errorf("entry = %+v", e)
	}
	call := h.slack.WaitFor("chat.postEphemeral", 1)[0]
	if call.Form.Get("channel") != "C1" || call.Form.Get("user") != "USTAFF" {
		t.Errorf("confirmation to %s/%s", call.Form.Get("channel"), call.Form.Get("user"))
	}
	mustContain(t, call.Form.Get("text"), "Recorded #1")
	mustContain(t, call.Form.Get("blocks"), "ct_undo")

	// When the ephemeral message cannot be posted, the confirmation comes by DM.
	h.slack.Fail("chat.postEphemeral", http.StatusNotFound, "")
	h.interact(h.submission("USTAFF", "log", map[string]string{"country": "programme", "note": "steering committee"}))
	post := h.slack.WaitFor("chat.postMessage", 1)[0]
	if post.Form.Get("channel") != "DUSTAFF" {
		t.Errorf("DM to %s", post.Form.Get("channel"))
	}
	mustContain(t, post.Form.Get("text"), "Recorded #2", "programme")
}

func TestChangingTheEntryTypeRebuildsTheForm(t *testing.T) {
	h := newHarness(t)
	sub := h.submission("USTAFF", "log", map[string]string{"country": "KE", "note": "kept"})
	view := sub["view"]
	payload := map[string]any{"type": "block_actions", "user": map[string]any{"id": "USTAFF"}, "view": view,
		"actions": []map[string]any{{"action_id": kindField, "block_id": kindField, "type": "static_select", "selected_option": map[string]any{"value": "workshop"}}}}
	if resp := h.interact(payload); resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	call := h.slack.WaitFor("views.update", 1)[0]
	if call.JSON["view_id"] != "V1" || call.JSON["hash"] != "h1" {
		t.Errorf("update of %v with hash %v", call.JSON["view_id"], call.JSON["hash"])
	}
	raw := call.Raw()
	mustContain(t, raw, `"block_id":"participants"`, `"block_id":"status"`, `"value":"KE"`)
	if strings.Contains(raw, `"block_id":"trained"`) {
		t.Error("workshop form has a trained field")
	}
}

func TestUndoButton(t *testing.T) {
	h := newHarness(t)
	ackOf(t, h.slash("USTAFF", "log kenya first"))
	ackOf(t, h.slash("USTAFF", "log kenya second"))
	click := func(user, value string) {
		h.interact(map[string]any{"type": "block_actions", "user": map[string]any{"id": user}, "response_url": h.slack.ResponseURL("undo-" + user),
			"trigger_id": "trig.undo." + user + value,
			"actions":    []map[string]any{{"action_id": "ct_undo", "block_id": "ct_actions_2", "value": value, "type": "button"}}})
		h.settle()
	}
	click("USTAFF2", "2") // someone else's entry
	refusal := h.slack.WaitFor("respond/undo-USTAFF2", 1)[0]
	if refusal.JSON["replace_original"] == true {
		t.Error("a refusal replaced the original message")
	}
	mustContain(t, refusal.Raw(), "is not an entry you can retract", "Nothing was changed")
	click("USTAFF2", "99") // no such entry: the same words, so nothing is learnt
	mustContain(t, h.slack.WaitFor("respond/undo-USTAFF2", 2)[1].Raw(), "#99 is not an entry you can retract")
	if es := h.entries(); es[0].Retracted || es[1].Retracted {
		t.Fatal("an entry was retracted by a refused undo")
	}
	// The button names its entry: undoing #1 retracts #1, not the latest.
	click("USTAFF", "1")
	done := h.slack.WaitFor("respond/undo-USTAFF", 1)[0]
	if done.JSON["replace_original"] != true {
		t.Error("successful undo did not replace the message with its Undo button")
	}
	mustContain(t, done.Raw(), "Retracted #1")
	if es := h.entries(); es[0].Retracted || !es[1].Retracted {
		t.Errorf("retracted flags: #2 %v, #1 %v", es[0].Retracted, es[1].Retracted)
	}
}

// TestReplayedUndoActsOnce sends one signed Undo click three times within
// the signature window: one entry is retracted, not three.
func TestReplayedUndoActsOnce(t *testing.T) {
	h := newHarness(t)
	for _, text := range []string{"log kenya one", "log kenya two", "log kenya three"} {
		ackOf(t, h.slash("USTAFF", text))
	}
	payload, _ := json.Marshal(map[string]any{"type": "block_actions", "user": map[string]any{"id": "USTAFF"},
		"response_url": h.slack.ResponseURL("undo"), "trigger_id": "trig.click",
		"actions": []map[string]any{{"action_id": "ct_undo", "block_id": "ct_actions_2", "value": "3", "type": "button"}}})
	body := url.Values{"payload": {string(payload)}}.Encode()
	ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
	for range 3 {
		resp := h.post(PathInteractions, "application/x-www-form-urlencoded", body,
			"X-Slack-Request-Timestamp", ts, "X-Slack-Signature", Sign(testSecret, ts, []byte(body)))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		h.clock.Advance(time.Minute)
		h.settle()
	}
	retracted := 0
	for _, e := range h.entries() {
		if e.Retracted {
			retracted++
			if e.ID != 3 {
				t.Errorf("#%d retracted", e.ID)
			}
		}
	}
	if retracted != 1 {
		t.Errorf("%d entries retracted by one click sent three times", retracted)
	}
}

// TestFormChecksAgainAndConfirm: the form's ticks stand for the words
// `again` and `confirm` of the command.
func TestFormChecksAgainAndConfirm(t *testing.T) {
	h := newHarness(t)
	first := map[string]string{"country": "KE", "date": "2026-11-20", "title": "OSINT", "trained": "25"}
	h.interact(h.submission("USTAFF", "training", first))
	resp := h.interact(h.submission("USTAFF", "training", map[string]string{"country": "KE", "date": "2026-11-20", "title": "OSINT", "trained": "20"}))
	mustContain(t, body(t, resp), `"title":"This looks like #1`)
	resp = h.interact(h.submission("USTAFF", "training", map[string]string{"country": "KE", "date": "2026-11-20", "title": "OSINT", "trained": "20", "checks": "again"}))
	if b := body(t, resp); b != "" {
		t.Fatalf("second session with again ticked: %s", b)
	}
	resp = h.interact(h.submission("USTAFF", "training", map[string]string{"country": "KE", "date": "2026-11-10", "title": "OSINT", "trained": "250"}))
	mustContain(t, body(t, resp), `"trained":"250 trained in one training is more than 200`)
	h.interact(h.submission("USTAFF", "training", map[string]string{"country": "KE", "date": "2026-11-10", "title": "OSINT", "trained": "250", "checks": "confirm"}))
	if n := len(h.entries()); n != 3 {
		t.Errorf("%d entries, want 3", n)
	}
}

// TestFormTakesEvidence: the form's evidence fields reach the entry, and
// the Edit form shows them.
func TestFormTakesEvidence(t *testing.T) {
	h := newHarness(t)
	h.interact(h.submission("USTAFF", "log", map[string]string{"country": "KE", "note": "met the unit",
		"source": `Minutes "final"`, "link": "https://example.slack.com/files/U1/F1/minutes.pdf"}))
	e := h.entries()[0]
	if e.Evidence != `Minutes "final"` || e.Link != "https://example.slack.com/files/U1/F1/minutes.pdf" || e.Note != "met the unit" {
		t.Fatalf("entry evidence %q link %q note %q", e.Evidence, e.Link, e.Note)
	}
	h.clickEdit("USTAFF", "1")
	mustContain(t, h.slack.WaitFor("views.open", 1)[0].Raw(), `"initial_value":"Minutes \"final\""`, `"block_id":"link"`)
	resp := h.interact(h.submission("USTAFF", "log", map[string]string{"country": "KE", "note": "x", "link": "ftp://example.org/x"}))
	mustContain(t, body(t, resp), `"link":`, "is not a web link")
}

// A form's note is recorded as written, whatever it holds: a message
// recorded from Slack may well say "link=…" or "reason=…".
func TestFormNotesAreNotReadForOptions(t *testing.T) {
	h := newHarness(t)
	for i, note := range []string{"reason=budget cut, so postponed", "see link=https://example.org/x and source=\"minutes\""} {
		h.interact(h.submissionOf("USTAFF", "log", formMeta{Channel: "C9"}, map[string]string{"country": "CI",
			"note": note, "source": "Slack message", "link": "https://example.slack.com/archives/C9/p" + strconv.Itoa(i)}))
		h.settle()
		es := h.entries()
		found := false
		for _, e := range es {
			found = found || e.Note == note && e.Evidence == "Slack message"
		}
		if len(es) != i+1 || !found {
			t.Fatalf("after %q: %d entries, none with that note and its source", note, len(es))
		}
	}
}

// The training form names a course of the catalogue, or a topic and level
// for a course outside it.
func TestTrainingFormRecordsWhatWasTaught(t *testing.T) {
	h := newHarness(t)
	h.interact(h.submissionOf("USTAFF", "training", formMeta{Channel: "C9"}, map[string]string{"country": "KE", "date": "2026-11-20",
		"course": "dva-basic", "trained": "25"}))
	h.interact(h.submissionOf("USTAFF", "training", formMeta{Channel: "C9"}, map[string]string{"country": "KE", "date": "2026-11-21",
		"title": "Social media monitoring", "topic": "osint", "level": "basic", "trained": "12"}))
	h.settle()
	got := map[string]string{}
	for _, e := range h.entries() {
		got[e.Title] = e.Course + "/" + e.Topic + "/" + e.Level
	}
	want := map[string]string{"Darknet and virtual assets (basic)": "dva-basic/darknet/basic", "Social media monitoring": "/osint/basic"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("trainings from the form = %v, want %v", got, want)
	}
	// Neither a course nor a title: the message is shown by the title.
	resp := h.interact(h.submissionOf("USTAFF", "training", formMeta{Channel: "C9"}, map[string]string{"country": "KE", "date": "2026-11-22", "trained": "5"}))
	if !strings.Contains(body(t, resp), `"title":"Choose a course of the catalogue, or give the course's title."`) {
		t.Errorf("no course: %s", body(t, resp))
	}
}
