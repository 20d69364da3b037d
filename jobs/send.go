package jobs

import (
	"context"
	"fmt"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/reply"
)

// sender posts a run's messages, skipping those already delivered by an
// earlier attempt and recording each new one as soon as Slack accepts it.
type sender struct {
	r           *Runner
	job, period string
	done        map[string]ctbot.Delivery
	posted      int
}

func (r *Runner) sender(ctx context.Context, job, period string) (*sender, error) {
	done, err := r.store.Deliveries(ctx, job, period)
	if err != nil {
		return nil, err
	}
	return &sender{r: r, job: job, period: period, done: done}, nil
}

// post delivers one message to target once.
func (s *sender) post(ctx context.Context, target, channel, threadTS string, d reply.Doc) (string, error) {
	if d, ok := s.done[target]; ok {
		return d.TS, nil
	}
	ts, err := s.r.poster.Post(ctx, channel, threadTS, d, s.key(target))
	if err != nil {
		return "", fmt.Errorf("post %s to %s: %w", target, channel, err)
	}
	s.posted++
	return ts, s.record(ctx, ctbot.Delivery{Target: target, Channel: channel, TS: ts})
}

// record notes a delivery, so no later attempt repeats it.
func (s *sender) record(ctx context.Context, d ctbot.Delivery) error {
	if err := s.r.store.RecordDelivery(ctx, s.job, s.period, d); err != nil {
		return err
	}
	s.done[d.Target] = d
	return nil
}

// thread delivers messages as a first message and replies in its thread,
// and returns the first message's ts.
func (s *sender) thread(ctx context.Context, target, channel string, msgs []reply.Doc) (string, error) {
	var first string
	for i, m := range msgs {
		ts, err := s.post(ctx, part(target, i), channel, first, m)
		if err != nil {
			return first, err
		}
		if i == 0 {
			first = ts
		}
	}
	return first, nil
}

// key names a delivery of this run, as the message's tag.
func (s *sender) key(target string) string { return s.job + "/" + s.period + "/" + target }

// part names message i of a multi-message delivery to target.
func part(target string, i int) string { return fmt.Sprintf("%s#%d", target, i) }

// delivered reports whether all n parts of target are out.
func (s *sender) delivered(target string, n int) bool {
	for i := range n {
		if _, ok := s.done[part(target, i)]; !ok {
			return false
		}
	}
	return true
}

// dm delivers messages to user by direct message.
func (s *sender) dm(ctx context.Context, user string, msgs []reply.Doc) error {
	target := "dm:" + user
	if s.delivered(target, len(msgs)) {
		return nil
	}
	channel, err := s.r.poster.OpenDM(ctx, user)
	if err != nil {
		return fmt.Errorf("open DM with %s: %w", user, err)
	}
	_, err = s.thread(ctx, target, channel, msgs)
	return err
}
