package bot

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// homeClick clicks a button of the App Home (no response_url, no channel).
func (h *harness) homeClick(user, actionID, value, trigger string) {
	h.t.Helper()
	h.interact(map[string]any{"type": "block_actions", "user": map[string]any{"id": user}, "trigger_id": trigger,
		"view":    map[string]any{"type": "home", "id": "VHOME"},
		"actions": []map[string]any{{"action_id": actionID, "block_id": "ct_actions_1", "value": value, "type": "button"}}})
	h.settle()
}

// dms are the texts of the messages posted in user's direct messages.
func (h *harness) dms(user string) []string {
	var out []string
	for _, c := range h.slack.Calls("chat.postMessage") {
		if c.Form.Get("channel") == "D"+user {
			out = append(out, readable(c.Form.Get("blocks")))
		}
	}
	return out
}

// publishedHome opens user's App Home and returns the view published.
func (h *harness) publishedHome(user, eventID string) string {
	h.t.Helper()
	n := len(h.slack.Calls("views.publish"))
	h.event(eventID, map[string]any{"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"})
	return readable(h.slack.WaitFor("views.publish", n+1)[n].Raw())
}

// readable is JSON with the angle brackets of Slack's markup as typed.
func readable(s string) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(s)
}

// TestRequestAccessFromTheAppHome: someone with no role sees the
// coordinators and a Request access button; a click sends each coordinator
// (configured and granted in Slack) one DM, however often Slack delivers
// it, and whatever the button's value says.
func TestRequestAccessFromTheAppHome(t *testing.T) {
	h := newHarness(t)
	mustContain(t, ackOf(t, h.slash("UCOORD", "access add <@UC2|Second Coord> coordinator")).Text, "is now coordinator")
	home := h.publishedHome("UOUT", "EvHomeOut")
	mustContain(t, home, "You have no role in ctbot yet", "ct_ask_access", "Request access", "<@UCOORD>", "<@UC2>")
	if strings.Contains(home, "at a glance") {
		t.Error("someone with no role sees the figures")
	}
	payload, _ := json.Marshal(map[string]any{"type": "block_actions", "user": map[string]any{"id": "UOUT"}, "trigger_id": "trig.ask",
		"view":    map[string]any{"type": "home", "id": "VHOME"},
		"actions": []map[string]any{{"action_id": "ct_ask_access", "block_id": "b", "value": "UCOORD coordinator", "type": "button"}}})
	body := url.Values{"payload": {string(payload)}}.Encode()
	ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
	for range 3 { // Slack's retries, or a replay within the signature window
		h.post(PathInteractions, "application/x-www-form-urlencoded", body, "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", Sign(testSecret, ts, []byte(body)))
		h.settle()
	}
	for _, coord := range []string{"UCOORD", "UC2"} {
		dms := h.dms(coord)
		if len(dms) != 1 {
			t.Fatalf("%s got %d DMs", coord, len(dms))
		}
		mustContain(t, dms[0], "<@UOUT> asks for access to ctbot", "/ct access add UOUT staff")
	}
	asker := h.dms("UOUT")
	if len(asker) == 0 {
		t.Fatal("the asker was told nothing")
	}
	mustContain(t, asker[0], "I asked the coordinators")
	if gs, _ := h.db.Grants(context.Background()); len(gs) != 1 {
		t.Errorf("the click granted something: %+v", gs)
	}
	// A second click the same day is refused, the coordinators not
	// messaged again; a day later it is a second request.
	h.homeClick("UOUT", "ct_ask_access", "", "trig.ask2")
	if n := len(h.dms("UCOORD")); n != 1 {
		t.Errorf("second request within the day: %d DMs to the coordinator", n)
	}
	if asker := h.dms("UOUT"); !strings.Contains(asker[len(asker)-1], "less than a day ago") {
		t.Errorf("the asker was not told why: %q", asker[len(asker)-1])
	}
	h.clock.Advance(25 * time.Hour)
	h.homeClick("UOUT", "ct_ask_access", "", "trig.ask3")
	if n := len(h.dms("UCOORD")); n != 2 {
		t.Errorf("request a day later: %d DMs to the coordinator", n)
	}
}

// TestFocalPointHome: a focal point granted in Slack sees their state
// first; its buttons open the form for it and show its status by DM.
func TestFocalPointHome(t *testing.T) {
	h := newHarness(t)
	ackOf(t, h.slash("UCOORD", "access add <@UFK|Focal Kenya> focal kenya"))
	home := h.publishedHome("UFK", "EvHomeFK")
	mustContain(t, home, "Kenya — your state", "Log update", "Record training", "Kenya status", "log KE", "training KE", "status KE")
	if strings.Index(home, "your state") > strings.Index(home, "at a glance") {
		t.Error("the state comes after the programme")
	}
	h.homeClick("UFK", "ct_form", "training KE", "trig.form")
	open := h.slack.WaitFor("views.open", 1)[0]
	mustContain(t, open.Raw(), "trig.form", `"value":"KE"`, "trained")
	h.homeClick("UFK", "ct_run", "status KE", "trig.status")
	dms := h.dms("UFK")
	if len(dms) == 0 {
		t.Fatal("status not sent by DM")
	}
	mustContain(t, dms[0], "Kenya")
	// Once removed, the same buttons record nothing and the Home has no state.
	ackOf(t, h.slash("UCOORD", "access remove <@UFK> focal KE"))
	if home := h.publishedHome("UFK", "EvHomeFK2"); strings.Contains(home, "your state") {
		t.Error("a removed focal point still sees their state")
	}
	mustContain(t, ackOf(t, h.slash("UFK", "log kenya x")).Text, "not allowed to record")
}

// TestAccessSlashReplayedGrantsOnce: one signed /ct access delivered three
// times grants once and logs once.
func TestAccessSlashReplayedGrantsOnce(t *testing.T) {
	h := newHarness(t)
	form := url.Values{"command": {"/ct"}, "text": {"access add <@UNEW|n> manager"}, "user_id": {"UCOORD"}, "channel_id": {"C1"},
		"team_id": {"T1"}, "api_app_id": {"A1"}, "response_url": {h.slack.ResponseURL("slash")}, "trigger_id": {"trig.once"}}
	body := form.Encode()
	ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
	var acks []string
	for range 3 {
		acks = append(acks, ackOf(t, h.post(PathCommands, "application/x-www-form-urlencoded", body,
			"X-Slack-Request-Timestamp", ts, "X-Slack-Signature", Sign(testSecret, ts, []byte(body)))).Text)
	}
	mustContain(t, acks[0], "is now manager")
	mustContain(t, acks[2], "carried out already")
	log, err := h.db.RoleLog(context.Background(), 10)
	if err != nil || len(log) != 1 {
		t.Errorf("role log = %+v, %v", log, err)
	}
}
