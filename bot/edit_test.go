package bot

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

// clickEdit presses the Edit button of entry id as user.
func (h *harness) clickEdit(user, id string) {
	h.t.Helper()
	h.seq++
	h.interact(map[string]any{"type": "block_actions", "user": map[string]any{"id": user}, "channel": map[string]any{"id": "C1"},
		"response_url": h.slack.ResponseURL("edit-" + user), "trigger_id": "trig.edit." + user + id,
		"actions": []map[string]any{{"action_id": "ct_edit", "block_id": "ct_actions_1", "value": id, "type": "button"}}})
	h.settle()
}

// submitView submits an opened view as Slack would: every input with its
// initial value, then changes (block ID -> value) on top.
func (h *harness) submitView(user string, view map[string]any, changes map[string]string) *http.Response {
	h.t.Helper()
	state := map[string]map[string]any{}
	blocks, _ := view["blocks"].([]any)
	for _, b := range blocks {
		blk := b.(map[string]any)
		if blk["type"] != "input" {
			continue
		}
		id := blk["block_id"].(string)
		el := blk["element"].(map[string]any)
		a := map[string]any{"type": el["type"]}
		change, changed := changes[id]
		switch el["type"] {
		case "static_select", "external_select":
			a["selected_option"] = el["initial_option"]
			if changed {
				a["selected_option"] = map[string]any{"value": change}
			}
		case "datepicker":
			a["selected_date"] = el["initial_date"]
			if changed {
				a["selected_date"] = change
			}
		case "checkboxes":
			a["selected_options"] = el["initial_options"]
			if changed {
				var opts []map[string]any
				for _, v := range strings.Fields(change) {
					opts = append(opts, map[string]any{"value": v})
				}
				a["selected_options"] = opts
			}
		default:
			a["value"] = el["initial_value"]
			if changed {
				a["value"] = change
			}
		}
		state[id] = map[string]any{id: a}
	}
	v := map[string]any{}
	for k, x := range view {
		v[k] = x
	}
	v["id"], v["hash"], v["state"] = "V9", "h9", map[string]any{"values": state}
	return h.interact(map[string]any{"type": "view_submission", "user": map[string]any{"id": user}, "view": v})
}

func TestEditButtonOpensTheEntryFilledIn(t *testing.T) {
	h := newHarness(t)
	ackOf(t, h.slash("USTAFF", `training kenya 2026-11-20 "OSINT basics" trained=25 women=9 new=20 online`))
	h.clickEdit("USTAFF", "1")
	open := h.slack.WaitFor("views.open", 1)[0]
	if open.JSON["trigger_id"] != "trig.edit.USTAFF1" {
		t.Errorf("trigger_id %v", open.JSON["trigger_id"])
	}
	raw := open.Raw()
	mustContain(t, raw, `"callback_id":"ct_edit"`, "Edit #1", `"block_id":"reason"`, `"initial_value":"25"`, `"initial_value":"9"`,
		`"initial_value":"20"`, `"initial_value":"OSINT basics"`, `"initial_date":"2026-11-20"`, `"value":"KE"`, `"block_id":"checks"`)
	for _, absent := range []string{`"block_id":"kind"`, `"block_id":"status"`} {
		if strings.Contains(raw, absent) {
			t.Errorf("the edit form has %s: an entry's type is not changed by editing", absent)
		}
	}
	var meta formMeta
	view := open.JSON["view"].(map[string]any)
	if err := json.Unmarshal([]byte(view["private_metadata"].(string)), &meta); err != nil || meta.Entry != 1 || meta.Kind != "training" || meta.Channel != "C1" {
		t.Errorf("private_metadata %v (%v)", view["private_metadata"], err)
	}

	// Submitting with women corrected amends #1 and says what changed.
	resp := h.submitView("USTAFF", view, map[string]string{"women": "11", "reason": "final attendance sheet"})
	if resp.StatusCode != http.StatusOK || body(t, resp) != "" {
		t.Fatalf("a valid edit should close the form with an empty 200")
	}
	es := h.entries()
	if len(es) != 1 || es[0].Women == nil || *es[0].Women != 11 || es[0].Version != 2 || es[0].Trained != 25 || !es[0].Online || es[0].Title != "OSINT basics" {
		t.Fatalf("after edit: %+v", es[0])
	}
	confirm := h.slack.WaitFor("chat.postEphemeral", 1)[0]
	mustContain(t, confirm.Form.Get("text"), "Amended #1", "9 → 11", "final attendance sheet")
	if strings.Contains(confirm.Form.Get("text"), "trained 25") {
		t.Errorf("unchanged fields listed as changes: %s", confirm.Form.Get("text"))
	}

	// Emptying women makes it not reported (not 0); a bad value is shown
	// next to its field and changes nothing.
	resp = h.submitView("USTAFF", view, map[string]string{"women": "30"})
	var got slack.ViewSubmissionResponse
	if err := json.Unmarshal([]byte(body(t, resp)), &got); err != nil || !strings.Contains(got.Errors["women"], "more than trained=25") {
		t.Errorf("women=30: %+v (%v)", got, err)
	}
	h.submitView("USTAFF", view, map[string]string{"women": ""})
	if es := h.entries(); es[0].Women != nil || es[0].Version != 3 {
		t.Errorf("women emptied: %v, version %d", es[0].Women, es[0].Version)
	}
	// Submitting without a change is refused next to the reason.
	resp = h.submitView("USTAFF", view, map[string]string{"women": "", "reason": "no change"})
	mustContain(t, body(t, resp), `"reason":`, "already has these values")
}

func TestEditButtonRefusals(t *testing.T) {
	h := newHarness(t)
	ackOf(t, h.slash("USTAFF", "log kenya met the ministry"))
	ackOf(t, h.slash("USTAFF", "indicator unsr-recs kenya +1 recommendation on data retention"))
	h.clickEdit("USTAFF2", "1") // someone else's entry
	refusal := h.slack.WaitFor("respond/edit-USTAFF2", 1)[0]
	mustContain(t, refusal.Raw(), "#1")
	if refusal.JSON["replace_original"] == true {
		t.Error("a refusal replaced the original message")
	}
	h.clickEdit("USTAFF", "2") // an indicator update has no form
	mustContain(t, h.slack.WaitFor("respond/edit-USTAFF", 1)[0].Raw(), "has no form", "amend 2")
	ackOf(t, h.slash("USTAFF", "undo 1"))
	h.clickEdit("USTAFF", "1") // retracted
	mustContain(t, h.slack.WaitFor("respond/edit-USTAFF", 2)[1].Raw(), "retracted")
	if n := len(h.slack.Calls("views.open")); n != 0 {
		t.Errorf("%d forms opened by refused edits", n)
	}
	// A coordinator may edit anyone's entry; when Slack refuses the form,
	// the answer says how to amend by command.
	ackOf(t, h.slash("USTAFF", "log kenya second"))
	h.slack.Fail("views.open", http.StatusBadRequest, "")
	h.clickEdit("UCOORD", "3")
	mustContain(t, h.slack.WaitFor("respond/edit-UCOORD", 1)[0].Raw(), "could not open the form of #3", "/ct amend 3")
}

// TestEditSubmissionReplayedAmendsOnce sends one edit submission three
// times: one new version, not three.
func TestEditSubmissionReplayedAmendsOnce(t *testing.T) {
	h := newHarness(t)
	ackOf(t, h.slash("USTAFF", `workshop nigeria held 2026-11-10 "Validation" participants=30 women=12`))
	h.clickEdit("USTAFF", "1")
	view := h.slack.WaitFor("views.open", 1)[0].JSON["view"].(map[string]any)
	for range 3 {
		h.submitView("USTAFF", view, map[string]string{"participants": "32", "reason": "late sign-ins"})
		h.settle()
	}
	es := h.entries()
	if es[0].Participants != 32 || es[0].Version != 2 {
		t.Errorf("participants %d, version %d after one edit sent three times", es[0].Participants, es[0].Version)
	}
}
