package commands_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/locale"
)

// A refusal says what it did not do once, in every language.
func TestRefusalSaysItsEffectOnce(t *testing.T) {
	h := newHarness(t)
	h.ok("log kenya met the unit")
	for _, lang := range locale.Default().Languages() {
		h.as(staff, "lang "+lang)
		l := locale.Default().For(lang)
		for _, tt := range []struct {
			r      commands.Reply
			effect string
		}{
			{h.core.AnswerEvent(context.Background(), commands.Request{UserID: staff, Keys: []string{"btn-" + lang}}, "not-an-event"), "err.nothing_recorded"},
			{h.as(staff, `amend 1 country=KE note="met the unit"`), "err.nothing_changed"},
		} {
			effect := strings.TrimRight(l.S(tt.effect), ".")
			if !tt.r.Failed || strings.Count(tt.r.Text(), effect) != 1 {
				t.Errorf("%s: %q said %d times in:\n%s", lang, effect, strings.Count(tt.r.Text(), effect), tt.r.Text())
			}
		}
	}
}

// retractedMeanwhile is a store in which someone else retracts an entry
// between the command reading it and retracting it.
type retractedMeanwhile struct {
	commands.Store
	by string
}

func (s retractedMeanwhile) Retract(ctx context.Context, id int64, actor, reason string, o ctbot.WriteOptions) (*ctbot.Entry, error) {
	if _, err := s.Store.Retract(ctx, id, s.by, "meanwhile", ctbot.WriteOptions{}); err != nil {
		return nil, err
	}
	return s.Store.Retract(ctx, id, actor, reason, o)
}

// An entry retracted meanwhile is said to be retracted by whoever did,
// never by a lone "@".
func TestRetractedMeanwhileSaysByWhom(t *testing.T) {
	h := newHarness(t)
	h.ok("log kenya met the unit")
	core := commands.New(commands.Options{Framework: h.fw, Store: retractedMeanwhile{Store: h.db, by: staff2}, Figures: h.figs, Now: h.clock.Now,
		Access: ctbot.Access{Coordinators: []string{coordinator}, Staff: []string{staff, staff2}}})
	r := core.Handle(context.Background(), commands.Request{UserID: staff, Text: "retract 1 wrong country", Keys: []string{"k"}})
	wantText(t, r, fmt.Sprintf("#1 was already retracted by @%s.", staff2))
	if strings.Contains(r.Text(), "by @.") {
		t.Errorf("retracted by no one: %s", r.Text())
	}
}
