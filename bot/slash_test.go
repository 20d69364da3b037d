package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/internal/wait"
	"github.com/cttechplus/ctbot/reply"
)

// ackOf decodes a slash command acknowledgement.
func ackOf(t *testing.T, resp *http.Response) message {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var m struct {
		ResponseType string            `json:"response_type"`
		Text         string            `json:"text"`
		Blocks       []json.RawMessage `json:"blocks"`
	}
	raw := body(t, resp)
	if raw == "" {
		return message{}
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatalf("ack %q: %v", raw, err)
	}
	return message{ResponseType: m.ResponseType, Text: m.Text + "\n" + raw}
}

func TestSlashCommandRepliesInTheAck(t *testing.T) {
	h := newHarness(t)
	ack := ackOf(t, h.slash("USTAFF", "training kenya 2026-11-20 “OSINT basics” trained=25 women=9 new=20"))
	mustContain(t, ack.Text, "Recorded #1", "OSINT basics", `"action_id":"ct_undo"`, `"value":"1"`, "Undo this entry?")
	if ack.ResponseType != "ephemeral" {
		t.Errorf("response_type %q", ack.ResponseType)
	}
	if es := h.entries(); len(es) != 1 || es[0].Trained != 25 || es[0].UserID != "USTAFF" {
		t.Fatalf("entries = %+v", es)
	}
	// Slack escapes &, < and > in command text; the note is stored as typed.
	h.slash("USTAFF", "log kenya R&amp;D &lt;team&gt; met")
	if n := h.entries()[0].Note; n != "R&D <team> met" {
		t.Errorf("note = %q", n)
	}
	// A refusal is an ephemeral reply with no Undo button.
	ack = ackOf(t, h.slash("UOUTSIDER", "log kenya x"))
	mustContain(t, ack.Text, "You are not allowed to record")
	if strings.Contains(ack.Text, "ct_undo") {
		t.Error("refusal carries an Undo button")
	}
	if n := len(h.slack.Calls("")); n != 0 {
		t.Errorf("%d Slack calls for replies that fit in the ack", n)
	}
}

func TestSameSlashTextTwiceRecordsOnce(t *testing.T) {
	h := newHarness(t)
	ackOf(t, h.slash("USTAFF", "log kenya met the unit"))
	h.clock.Advance(90 * time.Second)
	ack := ackOf(t, h.slash("USTAFF", "log kenya met the unit"))
	mustContain(t, ack.Text, "Already recorded as #1")
	if n := len(h.entries()); n != 1 {
		t.Errorf("%d entries, want 1", n)
	}
}

// gatedStore holds snapshots until its gate opens, like a status over a
// very large database.
type gatedStore struct {
	commands.Figures
	gate chan struct{}
}

func (s gatedStore) wait(ctx context.Context) error {
	select {
	case <-s.gate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s gatedStore) Snapshot(ctx context.Context, at time.Time) (*ctbot.Snapshot, error) {
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	return s.Figures.Snapshot(ctx, at)
}

func (s gatedStore) Current(ctx context.Context) (*ctbot.Snapshot, error) {
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	return s.Figures.Current(ctx)
}

// pastBudget sends a request (in the background) whose work cannot finish,
// waits for the bot to set its budget, lets the budget pass on the clock,
// and returns the answer Slack got.
func (h *harness) pastBudget(send func() *http.Response) *http.Response {
	h.t.Helper()
	resps := make(chan *http.Response, 1)
	go func() { resps <- send() }()
	h.waited("the ack budget", h.bot.ackBudget, h.bot.ackBudget)
	select {
	case resp := <-resps:
		return resp
	case <-time.After(wait.Deadline):
		h.t.Fatal("no answer once the budget passed")
		return nil
	}
}

func TestSlowCommandAcksAtOnceAndFollowsUp(t *testing.T) {
	gate := make(chan struct{})
	h := newHarness(t, func(o *Options, co *commands.Options) { co.Figures = gatedStore{Figures: co.Figures, gate: gate} })
	ack := ackOf(t, h.pastBudget(func() *http.Response { return h.slash("UMGR", "status") }))
	mustContain(t, ack.Text, "Working on it")
	close(gate)
	calls := h.slack.WaitFor("respond/slash", 1)
	mustContain(t, calls[0].Raw(), "CT TECH+ — status on Fri 27 Nov 2026")
	if calls[0].JSON["replace_original"] != true {
		t.Errorf("follow-up does not replace the 'working' message: %v", calls[0].JSON["replace_original"])
	}
}

func TestFollowUpRetriesResponseURL(t *testing.T) {
	gate := make(chan struct{})
	h := newHarness(t, func(o *Options, co *commands.Options) { co.Figures = gatedStore{Figures: co.Figures, gate: gate} })
	h.slack.Fail("respond/slash", http.StatusInternalServerError, "")
	ackOf(t, h.pastBudget(func() *http.Response { return h.slash("UMGR", "status kenya") }))
	close(gate)
	h.waited("the response_url retry", respondFirstWait, respondFirstWait)
	h.settle()
	calls := h.slack.Calls("respond/slash")
	if len(calls) != 1 || len(h.slack.Calls("respond/slash (failed)")) != 1 {
		t.Fatalf("response_url calls: %d ok, %d failed", len(calls), len(h.slack.Calls("respond/slash (failed)")))
	}
	mustContain(t, calls[0].Raw(), "Kenya — status on")
}

func TestLongRepliesAreSplitNotCut(t *testing.T) {
	var doc reply.Doc
	for i := range 130 {
		doc = append(doc, reply.Para{Text: reply.Plain(strings.Repeat("x", 150) + " line " + string(rune('A'+i%26)))}, reply.Note{Text: reply.Plain("ctx")})
	}
	doc = append(doc, reply.Actions{Buttons: []reply.Button{{Label: "Undo", Intent: reply.IntentUndo, Arg: "7"}}})
	ms := messages(commands.Reply{Doc: doc, EntryID: 7})
	if len(ms) < 3 {
		t.Fatalf("%d messages", len(ms))
	}
	sectionsSeen := 0
	for i, m := range ms {
		if len(m.Blocks) > maxMessageBlocks {
			t.Errorf("message %d has %d blocks", i, len(m.Blocks))
		}
		size := 0
		for _, b := range m.Blocks {
			size += blockChars(b)
		}
		if size > maxMessageChars {
			t.Errorf("message %d is %d chars", i, size)
		}
		if strings.TrimSpace(m.Text) == "" {
			t.Errorf("message %d has no text fallback", i)
		}
		raw, _ := json.Marshal(m.Blocks)
		sectionsSeen += strings.Count(string(raw), `"type":"section"`)
		if strings.Contains(string(raw), "ct_undo") != (i == len(ms)-1) {
			t.Errorf("undo button on message %d of %d", i, len(ms))
		}
	}
	if sectionsSeen != 130 {
		t.Errorf("%d of 130 sections survived", sectionsSeen)
	}
}

func TestLongSlashReplyContinuesThroughResponseURL(t *testing.T) {
	h := newHarness(t)
	for i := range 40 {
		h.slash("USTAFF", "log kenya update number "+strings.Repeat("z", 200)+string(rune('a'+i%26))+strings.Repeat("q", i))
		h.clock.Advance(commands.WriteLimit.Every) // within the person's limit
	}
	h.settle()
	ack := ackOf(t, h.slash("USTAFF", "history kenya 40"))
	mustContain(t, ack.Text, "Entries 1–40 of 40")
	calls := h.slack.WaitFor("respond/slash", 1)
	all := ack.Text
	for _, c := range calls {
		all += c.Raw()
	}
	for _, id := range []string{"#1`", "#20`", "#40`"} {
		mustContain(t, all, id)
	}
}

// TestHistoryOfLongNotesStaysSmall: a page of fifty entries with long
// notes shows each note's beginning (the whole entry is one audit away)
// and goes out in a few response_url messages, with no direct messages.
func TestHistoryOfLongNotesStaysSmall(t *testing.T) {
	h := newHarness(t)
	for i := range 50 {
		h.slash("USTAFF", "log kenya note "+strconv.Itoa(i)+strings.Repeat(" long words here", 180))
		h.clock.Advance(commands.WriteLimit.Every)
	}
	h.settle()
	ack := ackOf(t, h.slash("USTAFF", "history kenya 50"))
	mustContain(t, ack.Text, "Entries 1–50 of 50", "audit 50")
	h.settle()
	if n := len(h.slack.Calls("respond/slash")); n > 2 {
		t.Errorf("%d follow-up messages for one page of history", n)
	}
	if n := len(h.slack.Calls("chat.postMessage")); n != 0 {
		t.Errorf("%d direct messages for one page of history", n)
	}
}

// TestOneAnswerSendsAtMostEightMessages: whatever a reply holds, one
// answer sends at most maxAnswerMessages messages, the last saying it was
// cut and what to ask instead.
func TestOneAnswerSendsAtMostEightMessages(t *testing.T) {
	h := newHarness(t)
	var doc reply.Doc
	for i := range 400 {
		doc = append(doc, reply.Para{Text: reply.Plain(strings.Repeat("x", 2000) + " part " + strconv.Itoa(i))})
	}
	ms := messages(commands.Reply{Doc: doc})
	if len(ms) <= maxAnswerMessages {
		t.Fatalf("the test reply is only %d messages", len(ms))
	}
	if err := h.bot.deliver(context.Background(), "USTAFF", h.slack.ResponseURL("long"), ms, false); err != nil {
		t.Fatal(err)
	}
	responses, dms := h.slack.Calls("respond/long"), h.slack.Calls("chat.postMessage")
	if n := len(responses) + len(dms); n > maxAnswerMessages+1 { // +1: the note saying the rest is in DMs
		t.Errorf("one answer sent %d messages (%d + %d DMs)", n, len(responses), len(dms))
	}
	mustContain(t, dms[len(dms)-1].Form.Get("text"), "too long for Slack and was cut", "messages not sent: "+strconv.Itoa(len(ms)-maxAnswerMessages+1))
}
