package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

// entryColumns are the columns scanEntry reads, in order.
const entryColumns = `id, kind, country, date, status, title, note, series, indicator, op, value, denom, stage,
	participants, women, women_reported, trained, new_count, online, user_id, source, created_at, version, known_from,
	retracted, retracted_at, retracted_by, retract_reason, evidence, link, verified_by, verified_at, after_close, redacted,
	course, topic, level, scores, date_to, new_women`

// Record stores e as a new entry and audits it. It sets e.ID, e.CreatedAt and,
// for a new event, e.Series. When one of o.Keys was seen before, or the same
// user recorded the same source text within o.Dedupe (and has not retracted
// it), nothing is stored and the earlier entry is returned: an action
// delivered twice, or a user retrying after a timeout, records once.
// Otherwise an entry the framework's rules refuse is not stored (see
// SetFramework), nor one with text ctbot never stores.
func (db *DB) Record(ctx context.Context, e *ctbot.Entry, o ctbot.WriteOptions) (earlier *ctbot.Entry, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		if id, seen, err := actionOf(ctx, tx, o.Keys); err != nil || seen {
			if err == nil {
				earlier, err = entryByID(ctx, tx, id)
			}
			return err
		}
		if o.Dedupe > 0 && e.Source != "" {
			ids := db.cmds.candidates(e.UserID, e.Source)
			for i := len(tx.changes) - 1; i >= 0; i-- { // earlier in this batch, not yet in memory
				if a := tx.changes[i].After; tx.changes[i].Before == nil && a.UserID == e.UserID && a.Source == e.Source {
					ids = append([]int64{a.ID}, ids...)
				}
			}
			prev, err := earlierCommand(ctx, tx, ids, e.UserID, e.Source, tx.now.Add(-o.Dedupe))
			if err != nil || prev != nil {
				earlier = prev
				return err
			}
		}
		if err := db.check(e, o.Reason, tx.now, false); err != nil {
			return err
		}
		if err := stillHeld(ctx, tx, o.Authority); err != nil {
			return err
		}
		var err error
		if e.AfterClose, err = db.guardClosed(ctx, tx, o, e.Date); err != nil {
			return err
		}
		e.CreatedAt = tx.now
		if err := insert(ctx, tx, e, o.Reason); err != nil {
			return err
		}
		return rememberAction(ctx, tx, o.Keys, e.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: record %s entry: %w", e.Kind, err)
	}
	return earlier, nil
}

// Earlier returns the entry an earlier delivery of the same user action
// (one of keys) or the same command from the same user within window
// recorded, or nil: what Record would answer instead of recording. Keys
// and commands are looked up in memory first; the database is asked only
// when memory holds a match, or does not reach back far enough. A key
// another process remembered is caught by Record itself.
func (db *DB) Earlier(ctx context.Context, user, source string, keys []string, window time.Duration) (*ctbot.Entry, error) {
	var ask []string
	for _, k := range keys {
		if !db.keys.unseen(k, db.now()) {
			ask = append(ask, k)
		}
	}
	id, seen, err := actionOf(ctx, db.reads(), ask)
	switch {
	case err != nil:
		return nil, fmt.Errorf("storage: earlier: %w", err)
	case seen && id != 0:
		return db.Entry(ctx, id)
	}
	if source == "" || window <= 0 {
		return nil, nil
	}
	e, err := earlierCommand(ctx, db.reads(), db.cmds.candidates(user, source), user, source, db.now().Add(-window))
	if err != nil {
		return nil, fmt.Errorf("storage: earlier: %w", err)
	}
	return e, nil
}

// insert stores e (its CreatedAt set) and its audit row.
func insert(ctx context.Context, tx *Tx, e *ctbot.Entry, reason string) error {
	e.Version, e.KnownFrom = 1, e.CreatedAt
	seq, err := tx.nextSeq(ctx)
	if err != nil {
		return err
	}
	id, err := tx.nextID(ctx)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, sqlInsertEntry, id, e.Kind, e.Country, e.Date.String(), e.Status, e.Title, e.Note, e.Series,
		e.Indicator, e.Op, e.Value, e.Denom, e.Stage, e.Participants, e.WomenOr(0), e.Women != nil, e.Trained, e.New, e.Online,
		e.UserID, e.Source, formatTime(e.CreatedAt), "", e.Evidence, e.Link, e.VerifiedBy,
		formatTime(e.VerifiedAt), e.AfterClose, e.Course, e.Topic, e.Level, formatScores(e.Scores), seq, e.DateTo.String(), nullInt(e.NewWomen))
	if err != nil {
		return err
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := tx.useID(e.ID); err != nil {
		return err
	}
	if err := setSeries(ctx, tx, e); err != nil {
		return err
	}
	if err := tx.noteChange(ctx, nil, e); err != nil {
		return err
	}
	if reason == "" && !e.AfterClose {
		return nil // the entry itself says who recorded it and when
	}
	return audit(ctx, tx, e.ID, "insert", e.UserID, e.CreatedAt, nil, reason, e.AfterClose)
}

// check refuses an entry, or the reason of its change, that holds text
// ctbot never stores (ctbot.Entry.CheckText) or that the framework's
// rules refuse on the day of at (ctbot.Framework.Check; amended for a
// new version of an entry): whatever called, it is not written.
func (db *DB) check(e *ctbot.Entry, reason string, at time.Time, amended bool) error {
	var err error
	if fw := db.fw.Load(); fw != nil {
		err = fw.Check(e, fw.Today(at), amended)
	} else {
		err = e.CheckText()
	}
	if err != nil {
		return err
	}
	return ctbot.ReasonText.Check(reason)
}

// setSeries makes a new kick-off or workshop that updates no earlier one
// the first entry of its own series.
func setSeries(ctx context.Context, tx *Tx, e *ctbot.Entry) error {
	if e.Series != 0 || (e.Kind != ctbot.KindKickoff && e.Kind != ctbot.KindWorkshop) {
		return nil
	}
	e.Series = e.ID
	_, err := tx.ExecContext(ctx, sqlSetSeries, e.ID)
	return err
}

// Amend replaces the fields of entry id with those of after (its kind,
// author, series and recording time stay), keeps the version it replaces,
// and audits the change with actor and reason. It returns the entry
// before. The entry amended is checked as Record checks a new one (an
// amendment may correct a plan whose day has passed). An amendment that
// changes nothing is refused (code EUnchanged), and so is one of an entry
// retracted; one whose action key was seen is an Error of code EDuplicate.
func (db *DB) Amend(ctx context.Context, id int64, after *ctbot.Entry, actor, reason string, o ctbot.WriteOptions) (before *ctbot.Entry, err error) {
	check := func(a *ctbot.Entry, now time.Time) error { return db.check(a, reason, now, true) }
	before, err = db.change(ctx, id, "amend", func(*ctbot.Entry) *ctbot.Entry { return after }, check, actor, reason, o)
	if err != nil {
		return nil, fmt.Errorf("storage: amend #%d: %w", id, err)
	}
	return before, nil
}

// Verify records that actor checked entry id against its evidence: a new
// version, verified now, audited with note.
func (db *DB) Verify(ctx context.Context, id int64, actor, note string, o ctbot.WriteOptions) (*ctbot.Entry, error) {
	if err := ctbot.ReasonText.Check(note); err != nil {
		return nil, fmt.Errorf("storage: verify #%d: %w", id, err)
	}
	var after *ctbot.Entry
	_, err := db.change(ctx, id, "verify", func(before *ctbot.Entry) *ctbot.Entry {
		a := *before
		a.VerifiedBy = actor
		after = &a
		return &a
	}, nil, actor, note, o)
	if err != nil {
		return nil, fmt.Errorf("storage: verify #%d: %w", id, err)
	}
	return after, nil
}

// change makes the version next(before) of entry id current, if check
// (when not nil) takes it, and keeps the one it replaces; action names it
// in the audit trail.
func (db *DB) change(ctx context.Context, id int64, action string, next func(before *ctbot.Entry) *ctbot.Entry,
	check func(after *ctbot.Entry, now time.Time) error, actor, reason string, o ctbot.WriteOptions) (before *ctbot.Entry, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		if err := refuseSeen(ctx, tx, o); err != nil {
			return err
		}
		if before, err = entryByID(ctx, tx, id); err != nil {
			return err
		}
		if before.Retracted && action == "amend" {
			return ctbot.Refused("", "err.amend_retracted", "ID", ctbot.IDArg(id))
		}
		if before.Retracted {
			return ctbot.AlreadyRetracted(before)
		}
		after := next(before)
		after.ID, after.Kind, after.Series, after.UserID, after.Source, after.CreatedAt = before.ID, before.Kind, before.Series, before.UserID, before.Source, before.CreatedAt
		after.Version, after.KnownFrom, after.Redacted = before.Version+1, tx.now, before.Redacted
		switch {
		case !after.Verified():
			after.VerifiedAt = time.Time{}
		case after.VerifiedBy != before.VerifiedBy:
			after.VerifiedAt = tx.now
		}
		if check != nil {
			if err := check(after, tx.now); err != nil {
				return err
			}
		}
		changes := ctbot.Diff(before, after)
		switch {
		case len(changes) == 0 && action == "verify":
			return &ctbot.Error{Code: ctbot.EUnchanged, Message: "err.already_verified", Args: []any{"ID", ctbot.IDArg(id), "By", ctbot.Mention(before.VerifiedBy)}}
		case len(changes) == 0:
			return &ctbot.Error{Code: ctbot.EUnchanged, Message: "err.amend_no_change", Args: []any{"ID", ctbot.IDArg(id)}}
		}
		if after.AfterClose, err = db.guardClosed(ctx, tx, o, before.Date, after.Date); err != nil {
			return err
		}
		seq, err := tx.nextSeq(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO entry_versions (entry_id, version, known_from, known_until, kind, country, date, status,
			title, note, series, indicator, op, value, denom, stage, participants, women, women_reported, trained, new_count, online,
			evidence, link, verified_by, verified_at, after_close, redacted, course, topic, level, scores, seq, date_to, new_women)
			SELECT id, version, COALESCE(NULLIF(known_from, ''), created_at), ?, kind, country, date, status, title, note, series, indicator, op, value, denom, stage,
			participants, women, women_reported, trained, new_count, online, evidence, link, verified_by, verified_at, after_close, redacted,
			course, topic, level, scores, seq, date_to, new_women
			FROM entries WHERE id = ?`, formatTime(tx.now), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET country = ?, date = ?, status = ?, title = ?, note = ?, indicator = ?, op = ?,
			value = ?, denom = ?, stage = ?, participants = ?, women = ?, women_reported = ?, trained = ?, new_count = ?, online = ?,
			version = ?, known_from = ?, evidence = ?, link = ?, verified_by = ?, verified_at = ?, after_close = ?,
			course = ?, topic = ?, level = ?, scores = ?, seq = ?, date_to = ?, new_women = ? WHERE id = ?`,
			after.Country, after.Date.String(), after.Status, after.Title, after.Note, after.Indicator, after.Op, after.Value, after.Denom,
			after.Stage, after.Participants, after.WomenOr(0), after.Women != nil, after.Trained, after.New, after.Online,
			after.Version, formatTime(after.KnownFrom), after.Evidence, after.Link, after.VerifiedBy, formatTime(after.VerifiedAt),
			after.AfterClose, after.Course, after.Topic, after.Level, formatScores(after.Scores), seq, after.DateTo.String(), nullInt(after.NewWomen), id); err != nil {
			return err
		}
		if err := rememberAction(ctx, tx, o.Keys, id); err != nil {
			return err
		}
		if err := tx.noteChange(ctx, before, after); err != nil {
			return err
		}
		return audit(ctx, tx, id, action, actor, tx.now, changes, reason, after.AfterClose)
	})
	return before, err
}

// Retract marks entry id as retracted by actor for reason and audits it.
// An entry retracted already is refused (saying by whom); a retraction
// whose action key was seen before is an Error of code EDuplicate.
func (db *DB) Retract(ctx context.Context, id int64, actor, reason string, o ctbot.WriteOptions) (*ctbot.Entry, error) {
	if err := ctbot.ReasonText.Check(reason); err != nil {
		return nil, fmt.Errorf("storage: retract #%d: %w", id, err)
	}
	var after *ctbot.Entry
	err := db.inTx(ctx, func(tx *Tx) error {
		if err := refuseSeen(ctx, tx, o); err != nil {
			return err
		}
		if err := rememberAction(ctx, tx, o.Keys, id); err != nil {
			return err
		}
		before, err := entryByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Retracted {
			return ctbot.AlreadyRetracted(before)
		}
		afterClose, err := db.guardClosed(ctx, tx, o, before.Date)
		if err != nil {
			return err
		}
		a := *before
		a.Retracted, a.RetractedAt, a.RetractedBy, a.RetractReason = true, tx.now, actor, reason
		seq, err := tx.nextSeq(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET retracted = 1, retracted_at = ?, retracted_by = ?, retract_reason = ?,
			after_close = after_close OR ?, retracted_seq = ? WHERE id = ?`, formatTime(tx.now), actor, reason, afterClose, seq, id); err != nil {
			return err
		}
		after = &a
		if err := tx.noteChange(ctx, before, nil); err != nil {
			return err
		}
		return audit(ctx, tx, id, "retract", actor, tx.now, []ctbot.Change{{Field: "retracted", Old: "false", New: "true"}}, reason, afterClose)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: retract #%d: %w", id, err)
	}
	return after, nil
}

// audit appends a row to the audit trail.
func audit(ctx context.Context, tx *Tx, id int64, action, actor string, at time.Time, changes []ctbot.Change, reason string, afterClose bool) error {
	var raw []byte
	if len(changes) > 0 {
		b, err := json.Marshal(changes)
		if err != nil {
			return err
		}
		raw = b
	}
	_, err := tx.ExecContext(ctx, sqlInsertAudit, id, action, actor, formatTime(at), string(raw), reason, afterClose)
	return err
}
