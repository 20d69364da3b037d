package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// Rollup metrics: the columns of daily, and the indicator "+N" updates of
// daily_adds as metricAdd+code (values) and metricAddDen+code (denominators).
const (
	metricTrainingCount   = "training.count"
	metricTrainingOnline  = "training.online"
	metricTrainingTrained = "training.trained"
	metricTrainingWomen   = "training.women"
	metricTrainingNew     = "training.new"
	metricWorkshopHeld    = "workshop.held"
	metricWorkshopPart    = "workshop.participants"
	metricWorkshopWomen   = "workshop.women"
	metricAdd             = "add:"
	metricAddDen          = "addden:"
)

// rollupKey names one running sum.
type rollupKey struct{ metric, country string }

// sums is a set of running sums.
type sums map[rollupKey]int64

// workshopDelta is the change a workshop entry made to its series' state.
type workshopDelta struct{ held, participants, women int64 }

// contribute adds what e contributes to the sums; for workshops, d is the
// change stored on the entry.
func (s sums) contribute(e *ctbot.Entry, d workshopDelta) {
	c := e.Country
	switch {
	case e.Kind == ctbot.KindTraining:
		s[rollupKey{metricTrainingCount, c}]++
		if e.Online {
			s[rollupKey{metricTrainingOnline, c}]++
		}
		s[rollupKey{metricTrainingTrained, c}] += int64(e.Trained)
		s[rollupKey{metricTrainingWomen, c}] += int64(e.Women)
		s[rollupKey{metricTrainingNew, c}] += int64(e.New)
	case e.Kind == ctbot.KindWorkshop:
		s[rollupKey{metricWorkshopHeld, c}] += d.held
		s[rollupKey{metricWorkshopPart, c}] += d.participants
		s[rollupKey{metricWorkshopWomen, c}] += d.women
	case e.Kind == ctbot.KindIndicator && e.Op == ctbot.OpAdd:
		s[rollupKey{metricAdd + e.Indicator, c}] += e.Value
		s[rollupKey{metricAddDen + e.Indicator, c}] += e.Denom
	}
}

func dayOf(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// addRollups adds sign × s to the sums of day and of its month.
func addRollups(ctx context.Context, tx *Tx, day string, s sums, sign int64) error {
	daily := map[string]*[8]int64{} // country -> the eight daily columns
	adds := map[rollupKey]*[2]int64{}
	for k, v := range s {
		if v == 0 {
			continue
		}
		if col := dailyColumnOf(k.metric); col >= 0 {
			if daily[k.country] == nil {
				daily[k.country] = &[8]int64{}
			}
			daily[k.country][col] += sign * v
			continue
		}
		ind, col := strings.TrimPrefix(k.metric, metricAdd), 0
		if strings.HasPrefix(k.metric, metricAddDen) {
			ind, col = strings.TrimPrefix(k.metric, metricAddDen), 1
		}
		key := rollupKey{ind, k.country}
		if adds[key] == nil {
			adds[key] = &[2]int64{}
		}
		adds[key][col] += sign * v
	}
	// Each sum goes to its day (YYYY-MM-DD) and its month (YYYY-MM).
	for _, period := range []string{day, day[:7]} {
		for c, v := range daily {
			if _, err := tx.exec(ctx, sqlUpsertDaily, c, period, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]); err != nil {
				return err
			}
		}
		for k, v := range adds {
			if _, err := tx.exec(ctx, sqlUpsertAdds, k.metric, k.country, period, v[0], v[1]); err != nil {
				return err
			}
		}
	}
	return nil
}

// dailyColumns are the sum columns of the daily table, in table order, and
// the metric each one holds.
var dailyColumns = [8]struct{ name, metric string }{
	{"t_count", metricTrainingCount}, {"t_online", metricTrainingOnline}, {"t_trained", metricTrainingTrained},
	{"t_women", metricTrainingWomen}, {"t_new", metricTrainingNew},
	{"w_held", metricWorkshopHeld}, {"w_participants", metricWorkshopPart}, {"w_women", metricWorkshopWomen},
}

// dailyColumnOf is the position of metric among dailyColumns, or -1.
func dailyColumnOf(metric string) int {
	for i, c := range dailyColumns {
		if c.metric == metric {
			return i
		}
	}
	return -1
}

// heldState is what a workshop entry says of its series: held or not, with
// its participants.
func heldState(status ctbot.Status, participants, women int) workshopDelta {
	if status != ctbot.StatusHeld {
		return workshopDelta{}
	}
	return workshopDelta{1, int64(participants), int64(women)}
}

func (d workshopDelta) minus(o workshopDelta) workshopDelta {
	return workshopDelta{d.held - o.held, d.participants - o.participants, d.women - o.women}
}

// rollupInsert updates the rollups for e, just inserted in tx (with its ID
// and series set).
func rollupInsert(ctx context.Context, tx *Tx, e *ctbot.Entry) error {
	var d workshopDelta
	if e.Kind == ctbot.KindWorkshop {
		prev := workshopDelta{}
		var status ctbot.Status
		var p, w int
		err := tx.queryRow(ctx, sqlPrevWorkshop, e.Series, e.ID).Scan(&status, &p, &w)
		switch {
		case err == nil:
			prev = heldState(status, p, w)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		d = heldState(e.Status, e.Participants, e.Women).minus(prev)
		if _, err := tx.exec(ctx, sqlSetDelta, d.held, d.participants, d.women, e.ID); err != nil {
			return err
		}
	}
	s := sums{}
	s.contribute(e, d)
	return addRollups(ctx, tx, dayOf(e.CreatedAt), s, 1)
}

// rollupRetract takes e, being retracted in tx, out of the rollups. A
// workshop entry's change passes to the next entry of its series, whose
// change was measured against it.
func rollupRetract(ctx context.Context, tx *Tx, e *ctbot.Entry) error {
	var d workshopDelta
	if e.Kind == ctbot.KindWorkshop {
		if err := tx.QueryRowContext(ctx, `SELECT d_held, d_participants, d_women FROM entries WHERE id = ?`, e.ID).
			Scan(&d.held, &d.participants, &d.women); err != nil {
			return err
		}
		var nextID int64
		var nextCreated string
		err := tx.QueryRowContext(ctx, `SELECT id, created_at FROM entries INDEXED BY entries_workshop_series
			WHERE kind = 'workshop' AND series = ? AND id > ? AND retracted = 0 ORDER BY id LIMIT 1`, e.Series, e.ID).Scan(&nextID, &nextCreated)
		switch {
		case err == nil:
			if _, err := tx.ExecContext(ctx, `UPDATE entries SET d_held = d_held + ?, d_participants = d_participants + ?, d_women = d_women + ?
				WHERE id = ?`, d.held, d.participants, d.women, nextID); err != nil {
				return err
			}
			moved := sums{}
			moved.contribute(&ctbot.Entry{Kind: ctbot.KindWorkshop, Country: e.Country}, d)
			if err := addRollups(ctx, tx, nextCreated[:10], moved, 1); err != nil {
				return err
			}
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
	}
	s := sums{}
	s.contribute(e, d)
	if err := addRollups(ctx, tx, dayOf(e.CreatedAt), s, -1); err != nil {
		return fmt.Errorf("rollups: %w", err)
	}
	return nil
}
