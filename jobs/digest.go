package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

// digest posts the weekly digest as known at its scheduled instant: to the
// digest channel as a first message with the rest threaded under it and
// the progress chart in the thread, and by DM to each coordinator if asked.
func (r *Runner) digest(ctx context.Context, at time.Time, run *ctbot.JobRun) (string, error) {
	d := r.cfg.Digest
	if d.Channel == "" && (!d.DMCoordinators || len(r.cfg.Access.Coordinators) == 0) {
		return skippedNothing, nil
	}
	digest, err := r.core.Digest(ctx, at)
	if err != nil {
		return "", err
	}
	msgs := r.poster.Split(digest.Doc)
	s, err := r.sender(ctx, run)
	if err != nil {
		return "", err
	}
	var errs []error
	chart := "no chart"
	if d.Channel != "" {
		first, err := s.thread(ctx, "channel", d.Channel, msgs)
		if err != nil {
			errs = append(errs, err)
		} else {
			chart = r.postChart(ctx, s, d.Channel, first, at)
		}
	}
	if d.DMCoordinators {
		for _, u := range r.cfg.Access.Coordinators {
			if err := s.dm(ctx, u, msgs); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d messages, %s", s.posted, chart), nil
}

// postChart uploads the progress chart into the digest thread. A chart
// that fails is logged and reported, but does not fail the digest.
func (r *Runner) postChart(ctx context.Context, s *sender, channel, threadTS string, at time.Time) string {
	if _, ok := s.done["chart"]; ok {
		return "chart posted earlier"
	}
	filename := "ct-tech-progress-" + r.fw.Today(at).String() + ".png"
	if _, ok, err := s.earlier(ctx, channel, threadTS, "file:"+filename); err != nil || ok {
		if err != nil {
			r.log.Warn("digest chart not posted: cannot tell whether an earlier attempt did", "err", err)
			return "chart not posted: " + err.Error()
		}
		if err := s.record(ctx, ctbot.Delivery{Target: "chart", Channel: channel}); err != nil {
			r.log.Warn("chart found but not recorded", "err", err)
		}
		return "chart posted earlier"
	}
	snap, err := r.store.Snapshot(ctx, r.fw, at)
	if err != nil {
		r.log.Warn("digest chart skipped", "err", err)
		return "chart failed"
	}
	img, err := Chart(r.core.Loc(""), r.fw, snap, r.fw.Today(at))
	if err == nil {
		img.Filename = filename
		err = r.poster.Upload(ctx, channel, threadTS, img)
	}
	if err != nil {
		r.log.Warn("digest chart not posted; the digest went out without it", "err", err)
		return "chart failed: " + err.Error()
	}
	if err := s.record(ctx, ctbot.Delivery{Target: "chart", Channel: channel}); err != nil {
		r.log.Warn("chart posted but not recorded", "err", err)
	}
	return "chart posted"
}

// PostDigest posts the digest for instant at, as the run of that period:
// if that digest has been posted already, nothing is posted again. It
// returns the run as recorded.
func (r *Runner) PostDigest(ctx context.Context, at time.Time) (*ctbot.JobRun, error) {
	period := r.Period(at)
	err := r.once(ctx, JobDigest, period, at, func(ctx context.Context, run *ctbot.JobRun) (string, error) { return r.digest(ctx, at, run) })
	run, rerr := r.store.Run(context.WithoutCancel(ctx), JobDigest, period)
	return run, errors.Join(err, rerr)
}
