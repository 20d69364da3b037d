package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"
)

// triggerBudget is how long after Slack sent a trigger_id the calls that
// use it may take, all told: the trigger expires 3 s after the person
// acted, and a slash command waiting for its form must still be
// acknowledged within Slack's 3 s.
const triggerBudget = 2500 * time.Millisecond

// errOverBudget is why a call ran out of the time Slack gives.
var errOverBudget = errors.New("over the time Slack gives")

// after is closed once d has passed on the bot's clock; stop releases it.
func (b *Bot) after(d time.Duration) (passed <-chan struct{}, stop func() bool) {
	ch := make(chan struct{})
	return ch, b.clock.AfterFunc(d, func() { close(ch) }).Stop
}

// triggerCtx is ctx for the calls of a trigger Slack sent at received:
// each Web API call tried once (a retry would come after the trigger
// expired), all cancelled when the trigger budget is spent.
func (b *Bot) triggerCtx(ctx context.Context, received time.Time) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(oneTry(ctx))
	budget := b.clock.AfterFunc(triggerBudget-b.now().Sub(received), func() { cancel(errOverBudget) })
	return ctx, func() { budget.Stop(); cancel(nil) }
}

// openView opens a modal with the trigger Slack sent at received, within
// the trigger's budget and with one try.
func (b *Bot) openView(ctx context.Context, trigger string, received time.Time, view slack.ModalViewRequest) error {
	ctx, cancel := b.triggerCtx(ctx, received)
	defer cancel()
	_, err := b.api.OpenViewContext(ctx, trigger, view)
	if err != nil && errors.Is(context.Cause(ctx), errOverBudget) {
		return fmt.Errorf("views.open: no answer within %v of the trigger: %w", triggerBudget, err)
	}
	if err != nil {
		return fmt.Errorf("views.open: %w", err)
	}
	return nil
}
