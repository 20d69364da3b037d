package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/commands"
)

// TestReplayedSlashCommandRecordsOnce sends one signed /ct log three times
// within the five-minute signature window, three minutes apart (past the
// two-minute "same text" rule): one entry.
func TestReplayedSlashCommandRecordsOnce(t *testing.T) {
	h := newHarness(t)
	form := url.Values{"command": {"/ct"}, "text": {"log kenya replayed"}, "user_id": {"USTAFF"}, "channel_id": {"C1"}, "team_id": {"T1"},
		"response_url": {h.slack.ResponseURL("slash")}, "trigger_id": {"trig.replay"}}.Encode()
	ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
	sig := Sign(testSecret, ts, []byte(form))
	var acks []string
	for range 2 {
		resp := h.post(PathCommands, "application/x-www-form-urlencoded", form, "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", sig)
		acks = append(acks, body(t, resp))
		h.clock.Advance(150 * time.Second)
		h.settle()
	}
	// Past the window, the replay is refused outright.
	h.clock.Advance(time.Minute)
	if resp := h.post(PathCommands, "application/x-www-form-urlencoded", form, "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", sig); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a replay after 5 minutes: %d", resp.StatusCode)
	}
	if n := len(h.entries()); n != 1 {
		t.Fatalf("%d entries from one signed request sent three times", n)
	}
	mustContain(t, acks[1], "Already recorded as #1")
}

// TestSocketEnvelopeDeliveredTwiceActsOnce: Slack redelivers an envelope
// it did not see acknowledged; a form submission and a slash command are
// carried out once.
func TestSocketEnvelopeDeliveredTwiceActsOnce(t *testing.T) {
	h := newHarness(t)
	h.bot.api = slack.New("xoxb-test-token-0000", slack.OptionAPIURL(h.slack.APIURL()), slack.OptionAppLevelToken("xapp-1-test-0000"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = h.bot.RunSocketMode(ctx) }()
	slash := map[string]any{"envelope_id": "env-slash", "type": "slash_commands", "accepts_response_payload": true,
		"payload": map[string]any{"command": "/ct", "text": "log kenya twice over the socket", "user_id": "USTAFF", "channel_id": "C1",
			"response_url": h.slack.ResponseURL("socket"), "trigger_id": "t-slash"}}
	sub := h.submission("USTAFF", "log", map[string]string{"country": "GH", "note": "form sent twice"})
	sub["trigger_id"] = "t-form"
	form := map[string]any{"envelope_id": "env-form", "type": "interactive", "payload": sub}
	for range 2 {
		for _, env := range []map[string]any{slash, form} {
			h.slack.SendSocket(env)
			if a := h.slack.NextAck(); a["envelope_id"] != env["envelope_id"] {
				t.Fatalf("ack for %v", a["envelope_id"])
			}
			h.clock.Advance(3 * time.Minute)
		}
	}
	h.settle()
	if n := len(h.entries()); n != 2 {
		t.Fatalf("%d entries from two envelopes delivered twice each", n)
	}
}

// TestSocketAcknowledgesEnvelopesItCannotParse: an event type slack-go
// does not know, and an envelope type it does not know, are acknowledged
// (or Slack redelivers them), and nothing is done with them.
func TestSocketAcknowledgesEnvelopesItCannotParse(t *testing.T) {
	h := newHarness(t)
	h.bot.api = slack.New("xoxb-test-token-0000", slack.OptionAPIURL(h.slack.APIURL()), slack.OptionAppLevelToken("xapp-1-test-0000"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = h.bot.RunSocketMode(ctx) }()
	for _, env := range []map[string]any{
		{"envelope_id": "env-future", "type": "events_api", "payload": map[string]any{"type": "event_callback", "event_id": "EvF",
			"event": map[string]any{"type": "some_future_event", "user": "USTAFF"}}},
		{"envelope_id": "env-new-type", "type": "brand_new_type", "payload": map[string]any{"x": 1}},
	} {
		h.slack.SendSocket(env)
		if a := h.slack.NextAck(); a["envelope_id"] != env["envelope_id"] {
			t.Fatalf("ack for %v, want %v", a["envelope_id"], env["envelope_id"])
		}
	}
	h.settle()
	if calls := h.slack.Calls("chat.postMessage"); len(calls) != 0 {
		t.Errorf("an unknown envelope was answered: %v", calls)
	}
}

// TestPeopleOfOtherOrganisationsAreRefused covers events and interactions
// from users of another team (Slack Connect), and requests for another
// workspace or app; nothing is stored.
func TestPeopleOfOtherOrganisationsAreRefused(t *testing.T) {
	h := newHarness(t, func(o *Options, _ *commands.Options) {
		o.Identity = Identity{TeamID: "T1", AppID: "A1", ExternalUsers: []string{"UGUEST"}}
	})
	h.slack.SetUserTeam("UEXT", "T0THER")
	h.slack.SetUserTeam("UGUEST", "T0THER")
	// A mention from another organisation in a shared channel.
	h.event("EvX1", map[string]any{"type": "app_mention", "user": "UEXT", "user_team": "T0THER", "text": "<@UBOT> log kenya from outside", "channel": "CSHARED", "ts": "1.1"})
	// A form submitted by someone of another organisation.
	sub := h.submission("UEXT", "log", map[string]string{"country": "KE", "note": "outside"})
	sub["user"] = map[string]any{"id": "UEXT", "team_id": "T0THER"}
	sub["team"] = map[string]any{"id": "T1"}
	resp := h.interact(sub)
	mustContain(t, body(t, resp), "serves its own workspace only")
	// A slash command from someone whose team users.info gives as another.
	ack := ackOf(t, h.slashFrom("UEXT", "T1", "A1", "log kenya x"))
	mustContain(t, ack.Text, "serves its own workspace only")
	// A request for another app.
	mustContain(t, ackOf(t, h.slashFrom("USTAFF", "T1", "A9", "log kenya x")).Text, "serves its own workspace only")
	// A guest listed by ID passes the boundary (and then has the rights
	// [access] gives them).
	mustContain(t, ackOf(t, h.slashFrom("UGUEST", "T1", "A1", "help")).Text, "ctbot — CT TECH+ activity tracker")
	h.settle()
	if es := h.entries(); len(es) != 0 {
		t.Fatalf("%d entries stored from refused requests", len(es))
	}
	eph := h.slack.WaitFor("chat.postEphemeral", 1)[0]
	if eph.Form.Get("user") != "UEXT" || !strings.Contains(eph.Form.Get("text"), "serves its own workspace only") {
		t.Errorf("the mention's refusal went to %s: %s", eph.Form.Get("user"), eph.Form.Get("text"))
	}
	if calls := h.slack.Calls("chat.postMessage"); len(calls) != 0 {
		t.Errorf("a refusal was posted in the channel: %v", calls)
	}
}

func TestIdentityCheck(t *testing.T) {
	id := Identity{TeamID: "T1", EnterpriseID: "E1", AppID: "A1", AllowedTeams: []string{"T2"}, ExternalUsers: []string{"UGUEST"}}
	for _, c := range []struct {
		o  origin
		ok bool
	}{
		{origin{UserID: "U1", UserTeam: "T1", TeamID: "T1", AppID: "A1"}, true},
		{origin{UserID: "U1", UserTeam: "E1", TeamID: "T1"}, true}, // Grid: user.team_id is the organisation
		{origin{UserID: "U1", UserTeam: "T2", TeamID: "T2"}, true}, // an allowed workspace of the organisation
		{origin{UserID: "U1", TeamID: "T9", EnterpriseID: "E1"}, true},
		{origin{UserID: "U1", UserTeam: "T9", TeamID: "T1"}, false},
		{origin{UserID: "UGUEST", UserTeam: "T9", TeamID: "T1"}, true},
		{origin{UserID: "U1", TeamID: "T9"}, false},
		{origin{UserID: "U1", TeamID: "T1", AppID: "A2"}, false},
		{origin{UserID: "U1"}, false}, // nothing says which workspace: refused
	} {
		if err := id.check(c.o); (err == nil) != c.ok {
			t.Errorf("%+v: %v, want ok=%v", c.o, err, c.ok)
		}
	}
}

// TestLargeLegalPayloadsAreAccepted: an app_home_opened event carrying a
// published Home view of 100 blocks of 3000 characters is 200, not 413;
// slash commands keep their 64 KiB limit.
func TestLargeLegalPayloadsAreAccepted(t *testing.T) {
	h := newHarness(t)
	var blocks []map[string]any
	for range 100 {
		blocks = append(blocks, map[string]any{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": strings.Repeat("é", 3000)}})
	}
	ev := map[string]any{"type": "app_home_opened", "user": "UMGR", "tab": "home", "view": map[string]any{"type": "home", "blocks": blocks}}
	b, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": "T1", "event_id": "EvBig", "event": ev})
	if len(b) < 600_000 {
		t.Fatalf("the payload is only %d bytes", len(b))
	}
	if resp := h.post(PathEvents, "application/json", string(b)); resp.StatusCode != http.StatusOK {
		t.Fatalf("a %d-byte Home event: status %d", len(b), resp.StatusCode)
	}
	h.slack.WaitFor("views.publish", 1)
	huge := `{"type":"event_callback","pad":"` + strings.Repeat("x", MaxViewBody) + `"}`
	if resp := h.post(PathEvents, "application/json", huge); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("over the limit: %d", resp.StatusCode)
	}
}

// TestSSLCheckIsNotACommand: Slack's certificate check gets an empty 200.
func TestSSLCheckIsNotACommand(t *testing.T) {
	h := newHarness(t)
	resp := h.post(PathCommands, "application/x-www-form-urlencoded", "ssl_check=1&token=x", "X-Nothing", "x")
	if resp.StatusCode != http.StatusOK || body(t, resp) != "" {
		t.Fatalf("ssl_check: %d", resp.StatusCode)
	}
	h.settle()
	if calls := h.slack.Calls(""); len(calls) != 0 {
		t.Errorf("ssl_check reached Slack: %v", calls)
	}
}
