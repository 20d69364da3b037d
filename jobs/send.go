package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/internal/fault"
	"github.com/cttechplus/ctbot/reply"
)

// sender posts a run's messages, skipping those already delivered by an
// earlier attempt and recording each new one as soon as Slack accepts it.
// An earlier attempt may also have died between a post and its record:
// then, before posting, the sender looks in Slack for a message tagged
// with the delivery's key (message metadata) and records it instead.
type sender struct {
	r           *Runner
	job, period string
	done        map[string]ctbot.Delivery
	posted      int
	recover     bool      // an earlier attempt ran: look before posting
	since       time.Time // when the first attempt started
	found       map[string]map[string]string
}

func (r *Runner) sender(ctx context.Context, run *ctbot.JobRun) (*sender, error) {
	done, err := r.store.Deliveries(ctx, run.Job, run.Period)
	if err != nil {
		return nil, err
	}
	return &sender{r: r, job: run.Job, period: run.Period, done: done, recover: run.Attempts > 1,
		since: run.FirstStartedAt, found: map[string]map[string]string{}}, nil
}

// post delivers one message to target once.
func (s *sender) post(ctx context.Context, target, channel, threadTS string, d reply.Doc) (string, error) {
	if d, ok := s.done[target]; ok {
		return d.TS, nil
	}
	if err := ctx.Err(); err != nil {
		return "", err // stopping (SIGTERM): post no more; a later attempt continues
	}
	key := s.key(target)
	if ts, ok, err := s.earlier(ctx, channel, threadTS, key); err != nil || ok {
		if err != nil {
			return "", err
		}
		return ts, s.record(ctx, ctbot.Delivery{Target: target, Channel: channel, TS: ts})
	}
	ts, err := s.r.poster.Post(ctx, channel, threadTS, d, key)
	if err != nil {
		return "", fmt.Errorf("post %s to %s: %w", target, channel, err)
	}
	fault.Point(fault.AfterPost)
	s.posted++
	return ts, s.record(ctx, ctbot.Delivery{Target: target, Channel: channel, TS: ts})
}

// earlier finds the message (or, for "file:" keys, the image) an earlier
// attempt posted under key in channel or thread, if any. When Slack cannot
// be asked, it fails rather than risk posting twice; the run is retried.
func (s *sender) earlier(ctx context.Context, channel, threadTS, key string) (string, bool, error) {
	if !s.recover {
		return "", false, nil
	}
	where := channel + "/" + threadTS
	if s.found[where] == nil {
		found, err := s.r.poster.Find(ctx, channel, threadTS, s.since)
		if err != nil {
			return "", false, fmt.Errorf("look for messages an earlier attempt posted in %s: %w", channel, err)
		}
		s.found[where] = found
	}
	ts, ok := s.found[where][key]
	if ok {
		s.r.log.Info("found a message an earlier attempt posted but did not record; not posting it again", "key", key, "ts", ts)
	}
	return ts, ok, nil
}

// record notes a delivery, so no later attempt repeats it. It is written
// even when ctx was cancelled meanwhile (SIGTERM): what Slack has
// accepted must be on record.
func (s *sender) record(ctx context.Context, d ctbot.Delivery) error {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := s.r.store.RecordDelivery(rctx, s.job, s.period, d); err != nil {
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
		if i == 1 {
			fault.Point(fault.MidThread)
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

// dm delivers messages to user by direct message, and returns the DM
// channel and the first message's ts. Someone ctbot does not admit (a
// coordinator granted from another organisation) is sent nothing: the
// channel is "", logged, and not an error of the run.
func (s *sender) dm(ctx context.Context, user string, msgs []reply.Doc) (channel, first string, err error) {
	target := "dm:" + user
	if s.delivered(target, len(msgs)) {
		return s.done[part(target, 0)].Channel, s.done[part(target, 0)].TS, nil
	}
	channel, err = s.r.poster.OpenDM(ctx, user)
	if ctbot.CodeOf(err) == ctbot.ENotAdmitted {
		s.r.log.Warn("jobs: nothing sent to someone ctbot does not admit", "job", s.job, "user", user, "why", err)
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("open DM with %s: %w", user, err)
	}
	first, err = s.thread(ctx, target, channel, msgs)
	return channel, first, err
}
