package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// digest posts the weekly digest as known at its scheduled instant: to the
// digest channel as a first message with the rest threaded under it and
// the progress chart in the thread, and by DM to each coordinator if
// asked, the chart in the DM's thread too.
func (r *Runner) digest(ctx context.Context, at time.Time, run *ctbot.JobRun) (string, error) {
	d := r.cfg.Digest
	coordinators := r.access(ctx).AllCoordinators()
	if d.Channel == "" && (!d.DMCoordinators || len(coordinators) == 0) {
		return skippedNothing, nil
	}
	digest, err := r.core.Digest(ctx, at)
	if err != nil {
		return "", err
	}
	if digest.Outcome == commands.DigestStopped {
		return skippedNothing, nil // the programme has ended, and the digest said so
	}
	msgs := r.poster.Split(digest.Doc)
	s, err := r.sender(ctx, run)
	if err != nil {
		return "", err
	}
	c := &chartPost{r: r, s: s, at: at}
	var errs []error
	detail := "no chart"
	if d.Channel != "" {
		first, err := s.thread(ctx, "channel", d.Channel, msgs)
		if err != nil {
			errs = append(errs, err)
		} else {
			detail, _ = c.post(ctx, "chart", d.Channel, first, r.core.DigestLanguage())
		}
	}
	if d.DMCoordinators {
		sent := 0
		inLang := map[string][]reply.Doc{r.core.DigestLanguage(): msgs}
		for _, u := range coordinators {
			lang := r.core.Language(u) // each coordinator reads it in their language
			if inLang[lang] == nil {
				dg, err := r.core.DigestIn(ctx, at, lang)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				inLang[lang] = r.poster.Split(dg.Doc)
			}
			channel, first, err := s.dm(ctx, u, inLang[lang])
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if channel == "" {
				continue // not someone ctbot admits
			}
			if _, ok := c.post(ctx, "chart:dm:"+u, channel, first, lang); ok {
				sent++
			}
		}
		detail += fmt.Sprintf("; chart in %d of %d DMs", sent, len(coordinators))
	}
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d messages, %s", s.posted, detail), nil
}

// chartPost uploads the progress chart where a digest went, drawn once
// per language and only if some still lacks it.
type chartPost struct {
	r     *Runner
	s     *sender
	at    time.Time
	drawn map[string]drawnChart // by language
	snap  *ctbot.Snapshot       // as known at, read once for all of them
}

type drawnChart struct {
	img reply.Image
	err error
}

// chartLanguages are those the chart's font draws (Latin and Cyrillic);
// in another language (Arabic, which needs shaping too) the chart is drawn
// in the digest's, or English.
var chartLanguages = []string{"en", "fr", "ru"}

// post uploads the chart into threadTS of channel once, as delivery
// target, and says how it went. A chart that fails is logged and
// reported, but does not fail the digest.
func (c *chartPost) post(ctx context.Context, target, channel, threadTS, lang string) (detail string, ok bool) {
	r, s := c.r, c.s
	if _, ok := s.done[target]; ok {
		return "chart posted earlier", true
	}
	filename := "ct-tech-progress-" + r.fw.Today(c.at).String() + ".png"
	if _, ok, err := s.earlier(ctx, channel, threadTS, "file:"+filename); err != nil || ok {
		if err != nil {
			r.log.Warn("digest chart not posted: cannot tell whether an earlier attempt did", "err", err, "channel", channel)
			return "chart failed: " + err.Error(), false
		}
		if err := s.record(ctx, ctbot.Delivery{Target: target, Channel: channel}); err != nil {
			r.log.Warn("chart found but not recorded", "err", err)
		}
		return "chart posted earlier", true
	}
	img, err := c.draw(ctx, lang)
	if err == nil {
		img.Filename = filename
		err = r.poster.Upload(ctx, channel, threadTS, img)
	}
	if err != nil {
		r.log.Warn("digest chart not posted; the digest went out without it", "err", err, "channel", channel)
		return "chart failed: " + err.Error(), false
	}
	if err := s.record(ctx, ctbot.Delivery{Target: target, Channel: channel}); err != nil {
		r.log.Warn("chart posted but not recorded", "err", err)
	}
	return "chart posted", true
}

// draw renders the chart in lang as known at the digest's instant, the
// first time it is needed.
func (c *chartPost) draw(ctx context.Context, lang string) (reply.Image, error) {
	if !slices.Contains(chartLanguages, lang) {
		lang = c.r.core.DigestLanguage()
	}
	if !slices.Contains(chartLanguages, lang) {
		lang = chartLanguages[0]
	}
	if c.drawn == nil {
		c.drawn = map[string]drawnChart{}
	}
	d, ok := c.drawn[lang]
	if !ok {
		var err error
		if c.snap == nil {
			c.snap, err = c.r.figs.Snapshot(ctx, c.at)
		}
		if err == nil {
			d.img, err = Chart(c.r.core.Catalog().For(lang), c.r.fw, c.snap, c.r.fw.Today(c.at))
		}
		d.err = err
		c.drawn[lang] = d
	}
	return d.img, d.err
}

// PostDigest posts the digest for instant at, as the run of that period:
// if that digest has been posted already, nothing is posted again. It
// returns the run as recorded.
func (r *Runner) PostDigest(ctx context.Context, at time.Time) (*ctbot.JobRun, error) {
	period := periodAt(at, r.fw.Location)
	err := r.once(ctx, JobDigest, period, at, func(ctx context.Context, run *ctbot.JobRun) (string, error) { return r.digest(ctx, at, run) })
	run, rerr := r.store.Run(context.WithoutCancel(ctx), JobDigest, period)
	return run, errors.Join(err, rerr)
}
