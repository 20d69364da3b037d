package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// longReply is a reply that Slack must get as n messages.
func longReply(t *testing.T, n int) []message {
	t.Helper()
	var doc reply.Doc
	for i := range n {
		doc = append(doc, reply.Heading{Text: reply.Plain(fmt.Sprintf("Part %d", i+1))})
		for j := range 10 {
			doc = append(doc, reply.Para{Text: reply.Plain(fmt.Sprintf("P%03d-%02d ", i, j) + strings.Repeat("lorem ipsum ", 80))})
		}
	}
	ms := messages(commands.Reply{Doc: doc})
	if len(ms) != n {
		t.Fatalf("the reply renders as %d messages, not %d", len(ms), n)
	}
	return ms
}

// TestLongAnswerContinuesByDM: a response_url takes five messages; the
// rest of an answer (up to maxAnswerMessages) goes by DM, and the user is
// told so. (Longer answers are cut: TestOneAnswerSendsAtMostEightMessages.)
func TestLongAnswerContinuesByDM(t *testing.T) {
	h := newHarness(t)
	ms := longReply(t, maxAnswerMessages)
	if err := h.bot.deliver(context.Background(), "UMGR", h.slack.ResponseURL("long"), ms, true); err != nil {
		t.Fatal(err)
	}
	responses := h.slack.Calls("respond/long")
	dms := h.slack.Calls("chat.postMessage")
	if len(responses) != 5 || len(dms) != maxAnswerMessages-4 {
		t.Fatalf("%d response_url posts and %d DMs, want 5 and %d", len(responses), len(dms), maxAnswerMessages-4)
	}
	if responses[0].JSON["replace_original"] != true {
		t.Error("the first message does not replace the original")
	}
	mustContain(t, responses[4].Raw(), fmt.Sprintf("%d more messages are in your direct messages", maxAnswerMessages-4))
	seen := map[string]bool{}
	paraRE := regexp.MustCompile(`P\d{3}-\d{2}`)
	for _, c := range append(responses[:4], dms...) {
		blocks, _ := json.Marshal(c.JSON["blocks"])
		for _, m := range paraRE.FindAllString(c.Form.Get("blocks")+string(blocks), -1) {
			seen[m] = true
		}
	}
	if len(seen) != 10*maxAnswerMessages {
		t.Errorf("%d of %d paragraphs delivered", len(seen), 10*maxAnswerMessages)
	}
	for i, c := range dms {
		if c.Form.Get("channel") != "DUMGR" || (i > 0 && c.Form.Get("thread_ts") == "") {
			t.Errorf("DM %d to %s, thread %q", i, c.Form.Get("channel"), c.Form.Get("thread_ts"))
		}
	}
}

// TestUndeliveredRestIsSaid: when the DM fails too, the last message says
// how much could not be delivered.
func TestUndeliveredRestIsSaid(t *testing.T) {
	h := newHarness(t)
	h.slack.Fail("conversations.open", http.StatusForbidden, "")
	if err := h.bot.deliver(context.Background(), "UMGR", h.slack.ResponseURL("long"), longReply(t, 8), false); err != nil {
		t.Fatal(err)
	}
	responses := h.slack.Calls("respond/long")
	if len(responses) != 5 {
		t.Fatalf("%d response_url posts", len(responses))
	}
	mustContain(t, responses[4].Raw(), "4 more messages could not be delivered")
}

// TestHistoryPagesThroughEveryEntry records 74 entries and follows the
// Next button from the first page to the last.
func TestHistoryPagesThroughEveryEntry(t *testing.T) {
	h := newHarness(t)
	for i := range 74 {
		h.seq++
		r := h.core.Handle(context.Background(), commands.Request{UserID: "USTAFF", Text: fmt.Sprintf("log kenya update %d", i+1)})
		if r.Failed {
			t.Fatal(r.Text())
		}
	}
	ack := ackOf(t, h.slash("UMGR", "history kenya 20"))
	mustContain(t, ack.Text, "Entries 1–20 of 74")
	seen := map[string]bool{}
	idRE := regexp.MustCompile("`#(\\d+)`")
	collect := func(s string) {
		for _, m := range idRE.FindAllStringSubmatch(s, -1) {
			seen[m[1]] = true
		}
	}
	collect(ack.Text)
	next := ""
	if m := nextRE.FindStringSubmatch(ack.Text); m != nil {
		next = m[1]
	}
	for page := 2; next != ""; page++ {
		h.interact(map[string]any{"type": "block_actions", "user": map[string]any{"id": "UMGR"}, "trigger_id": fmt.Sprint("page", page),
			"response_url": h.slack.ResponseURL("page"), "actions": []map[string]any{{"action_id": "ct_run", "block_id": "ct_actions_3", "value": next, "type": "button"}}})
		h.settle()
		calls := h.slack.Calls("respond/page")
		last := calls[len(calls)-1]
		if last.JSON["replace_original"] != true {
			t.Errorf("page %d does not replace the page before", page)
		}
		mustContain(t, last.Raw(), fmt.Sprintf("Entries %d–", 20*(page-1)+1))
		collect(fmt.Sprint(last.JSON["text"]))
		next = nextOf(last.JSON)
		if page > 5 {
			t.Fatal("too many pages")
		}
	}
	if len(seen) != 74 {
		t.Errorf("%d of 74 entries reachable by paging", len(seen))
	}
}

// nextRE is the command of the Next button of Kenya's history.
var nextRE = regexp.MustCompile(`"(history KE 20 page=\d+)"`)

func nextOf(msg map[string]any) string {
	raw, _ := json.Marshal(msg["blocks"])
	if m := nextRE.FindStringSubmatch(string(raw)); m != nil {
		return m[1]
	}
	return ""
}
