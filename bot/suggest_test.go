package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
)

// manyCountries adds n made-up countries to the framework.
func manyCountries(fw *ctbot.Framework, n int) *ctbot.Framework {
	cs := append([]*ctbot.Country(nil), fw.Countries...)
	for i := range n {
		cs = append(cs, &ctbot.Country{Code: fmt.Sprintf("X%c", 'A'+rune(i%26)) + fmt.Sprint(i), Name: fmt.Sprintf("Testland %03d", i)})
	}
	return ctbot.NewFramework(fw.Name, fw.Start, fw.End, fw.Location, cs, fw.Indicators)
}

// TestFormWithManyCountriesUsesATypeAhead: a select takes at most 100
// options, so with 120 countries the form asks Slack for suggestions
// (block_suggestion), over HTTP and Socket Mode.
func TestFormWithManyCountriesUsesATypeAhead(t *testing.T) {
	h := newHarness(t, func(_ *Options, co *commands.Options) { co.Framework = manyCountries(co.Framework, 120) })
	raw, _ := json.Marshal(h.bot.entryForm("USTAFF", "log", formMeta{Channel: "C1"}, formValues{}))
	mustContain(t, string(raw), `"type":"external_select","placeholder"`, `"action_id":"country","min_query_length":0`)
	if strings.Contains(string(raw), "Testland 001") {
		t.Error("the type-ahead form lists the countries itself")
	}
	suggest := func(query string) []string {
		resp := h.interact(map[string]any{"type": "block_suggestion", "user": map[string]any{"id": "USTAFF"}, "action_id": "country",
			"block_id": "country", "value": query, "view": map[string]any{"type": "modal", "callback_id": formCallbackID}})
		var got slack.OptionsResponse
		if err := json.Unmarshal([]byte(body(t, resp)), &got); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, o := range got.Options {
			names = append(names, o.Text.Text)
		}
		return names
	}
	if got := suggest("nige"); len(got) != 1 || got[0] != "Nigeria" {
		t.Errorf("suggestions for nige: %v", got)
	}
	if got := suggest("testland 11"); len(got) != 10 {
		t.Errorf("suggestions for testland 11: %d", len(got))
	}
	// No match is an empty list, not an empty object.
	nothing := body(t, h.interact(map[string]any{"type": "block_suggestion", "user": map[string]any{"id": "USTAFF"}, "action_id": "country",
		"block_id": "country", "value": "zzz", "view": map[string]any{"type": "modal", "callback_id": formCallbackID}}))
	if strings.TrimSpace(nothing) != `{"options":[]}` {
		t.Errorf("no match answers %s", nothing)
	}
	if got := suggest(""); len(got) != maxStaticOptions {
		t.Errorf("%d suggestions for nothing typed, want the first %d", len(got), maxStaticOptions)
	}
	// Over Socket Mode, the options ride on the acknowledgement.
	h.bot.api = slack.New("xoxb-test-token-0000", slack.OptionAPIURL(h.slack.APIURL()), slack.OptionAppLevelToken("xapp-1-test-0000"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = h.bot.RunSocketMode(ctx) }()
	h.slack.SendSocket(map[string]any{"envelope_id": "env-suggest", "type": "interactive", "payload": map[string]any{"type": "block_suggestion",
		"user": map[string]any{"id": "USTAFF"}, "action_id": "country", "block_id": "country", "value": "côte"}})
	ack := h.slack.NextAck()
	b, _ := json.Marshal(ack["payload"])
	mustContain(t, string(b), `"value":"CI"`)
	// A form submitted with a suggested country records it.
	sub := h.submission("USTAFF", "log", map[string]string{"country": "XB1", "note": "from the type-ahead"})
	if resp := h.interact(sub); body(t, resp) != "" {
		t.Fatal("the submission failed")
	}
	if es := h.entries(); len(es) != 1 || es[0].Country != "XB1" {
		t.Errorf("entries: %+v", es)
	}
}
