package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/cttechplus/ctbot"
)

// rebuildPending rebuilds the running sums when a migration asked for it
// (pending_rebuild), in one transaction.
func (db *DB) rebuildPending(ctx context.Context) error {
	var what string
	err := db.write.QueryRowContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'pending_rebuild'`).Scan(&what)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err == nil {
		err = db.write.QueryRowContext(ctx, `SELECT what FROM pending_rebuild WHERE what = 'sums'`).Scan(&what)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("storage: rebuild: %w", err)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if err := rebuildSums(ctx, tx); err != nil {
			return fmt.Errorf("storage: rebuild sums: %w", err)
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM pending_rebuild WHERE what = 'sums'`)
		return err
	})
}

// change is one event in an entry's life: recorded, amended or retracted.
type change struct {
	at            time.Time
	id            int64
	before, after *ctbot.Entry
}

// rebuildSums recomputes every running sum from the history: each
// insert, amendment and retraction of a training, workshop or indicator
// entry, replayed in the order they happened, on the day they happened.
func rebuildSums(ctx context.Context, tx *Tx) error {
	for _, table := range []string{"training_sums", "workshop_sums", "add_sums"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
			return err
		}
	}
	current, err := queryEntries(ctx, tx, `SELECT `+entryColumns+` FROM entries WHERE kind IN ('training', 'workshop', 'indicator')`)
	if err != nil {
		return err
	}
	byID := map[int64]*ctbot.Entry{}
	versions := map[int64][]*ctbot.Entry{}
	for _, e := range current {
		byID[e.ID] = e
		versions[e.ID] = []*ctbot.Entry{e}
	}
	rows, err := tx.QueryContext(ctx, `SELECT entry_id, version FROM entry_versions ORDER BY entry_id, version`)
	if err != nil {
		return err
	}
	var older [][2]int64
	for rows.Next() {
		var id, v int64
		if err := rows.Scan(&id, &v); err != nil {
			rows.Close()
			return err
		}
		older = append(older, [2]int64{id, v})
	}
	rows.Close()
	for _, o := range older {
		cur := byID[o[0]]
		if cur == nil {
			continue
		}
		var knownFrom string
		if err := tx.QueryRowContext(ctx, `SELECT known_from FROM entry_versions WHERE entry_id = ? AND version = ?`, o[0], o[1]).Scan(&knownFrom); err != nil {
			return err
		}
		t, err := parseTime(knownFrom)
		if err != nil {
			return err
		}
		v, err := versionAt(ctx, tx, o[0], t)
		if err != nil {
			return err
		}
		if v != nil {
			versions[o[0]] = append(versions[o[0]], v)
		}
	}
	var changes []change
	for id, vs := range versions {
		sort.Slice(vs, func(i, j int) bool { return vs[i].Version < vs[j].Version })
		changes = append(changes, change{at: vs[0].CreatedAt, id: id, after: vs[0]})
		for i := 1; i < len(vs); i++ {
			changes = append(changes, change{at: vs[i].KnownFrom, id: id, before: vs[i-1], after: vs[i]})
		}
		if last := vs[len(vs)-1]; last.Retracted {
			at := last.RetractedAt
			if at.Before(last.KnownFrom) { // very old rows may lack the time
				at = last.KnownFrom
			}
			changes = append(changes, change{at: at, id: id, before: last})
		}
	}
	sort.Slice(changes, func(i, j int) bool {
		if !changes[i].at.Equal(changes[j].at) {
			return changes[i].at.Before(changes[j].at)
		}
		return changes[i].id < changes[j].id
	})
	days := map[string]*sums{}
	inForce := map[int64]map[int64]*ctbot.Entry{} // workshop series -> its entries in force
	latest := func(series int64) *ctbot.Entry {
		var out *ctbot.Entry
		for _, e := range inForce[series] {
			if out == nil || e.ID > out.ID {
				out = e
			}
		}
		return out
	}
	for _, c := range changes {
		day := dayOf(c.at)
		s := days[day]
		if s == nil {
			s = newSums()
			days[day] = s
		}
		s.entry(c.before, -1)
		s.entry(c.after, 1)
		e := c.after
		if e == nil {
			e = c.before
		}
		if e.Kind != ctbot.KindWorkshop {
			continue
		}
		was := latest(e.Series)
		if inForce[e.Series] == nil {
			inForce[e.Series] = map[int64]*ctbot.Entry{}
		}
		if c.after == nil {
			delete(inForce[e.Series], c.id)
		} else {
			inForce[e.Series][c.id] = c.after
		}
		s.series(was, latest(e.Series))
	}
	for day, s := range days {
		if err := s.apply(ctx, tx, day); err != nil {
			return err
		}
	}
	return nil
}
