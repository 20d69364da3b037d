package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

// WeekActivity folds what was recorded in (since, until] and the trainings
// and workshops held from day from to day to (inclusive), as known at
// until: ctbot.Week of the entries then in force.
func (db *DB) WeekActivity(ctx context.Context, since, until time.Time, from, to ctbot.Date) (*ctbot.WeekActivity, error) {
	until = db.upTo(until)
	if w := db.live.week(ctx, since, until, from, to); w != nil {
		return w, nil
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("storage: week activity: %w", err)
	}
	defer tx.Rollback()
	k, err := newKnown(ctx, tx, until)
	if err != nil {
		return nil, fmt.Errorf("storage: week activity: %w", err)
	}
	s, f, t := formatTime(since), from.String(), to.String()
	inWeek := func(e *ctbot.Entry) bool { return !e.Date.Before(from) && !e.Date.After(to) }
	// Entries recorded in the week; trainings and workshops dated in it,
	// with the latest entry of each of those workshops' series.
	es, err := k.entries(ctx, `e.created_at > ?`, []any{s}, func(e *ctbot.Entry) bool { return e.CreatedAt.After(since) })
	if err != nil {
		return nil, fmt.Errorf("storage: week activity: %w", err)
	}
	held, err := k.entries(ctx, `e.kind IN ('training', 'workshop') AND e.date BETWEEN ? AND ?`, []any{f, t},
		func(e *ctbot.Entry) bool {
			return (e.Kind == ctbot.KindTraining || e.Kind == ctbot.KindWorkshop) && inWeek(e)
		})
	if err != nil {
		return nil, fmt.Errorf("storage: week activity: %w", err)
	}
	byID := map[int64]*ctbot.Entry{}
	for _, e := range append(es, held...) {
		byID[e.ID] = e
	}
	for _, e := range held {
		if e.Kind != ctbot.KindWorkshop {
			continue
		}
		latest, err := latestOfSeriesAt(ctx, tx, e.Series, until)
		if err != nil {
			return nil, fmt.Errorf("storage: week activity: %w", err)
		}
		if latest != nil {
			byID[latest.ID] = latest
		}
	}
	all := make([]*ctbot.Entry, 0, len(byID))
	for _, e := range byID {
		all = append(all, e)
	}
	return ctbot.Week(all, since, until, from, to), nil
}

// EntriesAt returns the entries of kind recorded in (since, until] and in
// force at until, as they were then, newest first, at most limit.
func (db *DB) EntriesAt(ctx context.Context, kind ctbot.Kind, since, until time.Time, limit int) ([]*ctbot.Entry, error) {
	until = db.upTo(until)
	if es, ok := db.live.entriesAt(ctx, kind, since, until, limit); ok {
		return es, nil
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, fmt.Errorf("storage: entries at %s: %w", formatTime(until), err)
	}
	defer tx.Rollback()
	k, err := newKnown(ctx, tx, until)
	if err != nil {
		return nil, fmt.Errorf("storage: entries at %s: %w", formatTime(until), err)
	}
	es, err := k.entries(ctx, `e.kind = ? AND e.created_at > ?`, []any{kind, formatTime(since)},
		func(e *ctbot.Entry) bool { return e.Kind == kind && e.CreatedAt.After(since) })
	if err != nil {
		return nil, fmt.Errorf("storage: entries at %s: %w", formatTime(until), err)
	}
	sortNewestFirst(es)
	return es[:min(limit, len(es))], nil
}
