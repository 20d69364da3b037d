package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

// Redacted is what an audit row quotes in place of free text removed.
const Redacted = "[redacted]"

// freeText are the fields whose text a redaction removes.
var freeText = map[string]bool{"title": true, "note": true}

// Redact removes entry id's free text for good: its title, note and the
// command it was typed with, in every version and in what earlier audit
// rows quote. The audit keeps a SHA-256 of each text removed, the actor
// and the reason; figures do not change. An entry with no free text left
// returns ErrNothingChanged.
func (db *DB) Redact(ctx context.Context, id int64, actor, reason string, o ctbot.WriteOptions) (*ctbot.Entry, error) {
	var after *ctbot.Entry
	err := db.inTx(ctx, func(tx *Tx) error {
		if _, seen, err := seenAction(ctx, tx, o.Keys); err != nil || seen {
			if err == nil {
				err = ctbot.ErrDuplicateAction
			}
			return err
		}
		e, err := entryByID(ctx, tx, id)
		if err != nil {
			return err
		}
		texts, err := freeTexts(ctx, tx, e)
		if err != nil {
			return err
		}
		if len(texts) == 0 {
			return ctbot.ErrNothingChanged
		}
		afterClose, err := guardClosed(ctx, tx, o, e.Date)
		if err != nil {
			return err
		}
		var changes []ctbot.Change
		for _, f := range []string{"title", "note", "source"} {
			if t := texts[f]; t != "" {
				changes = append(changes, ctbot.Change{Field: f, Old: t, New: ""})
			}
		}
		// The redaction's own row first: earlier rows may then be blanked.
		if err := audit(ctx, tx, id, "redact", actor, tx.now, changes, reason, afterClose); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET title = '', note = '', source = '', redacted = 1 WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entry_versions SET title = '', note = '', redacted = 1 WHERE entry_id = ?`, id); err != nil {
			return err
		}
		if err := blankAudit(ctx, tx, id); err != nil {
			return err
		}
		if err := rememberAction(ctx, tx, o.Keys, id); err != nil {
			return err
		}
		after, err = entryByID(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("storage: redact #%d: %w", id, err)
	}
	// The pages that held the text linger in the write-ahead log until it
	// is checkpointed: do it now (best effort; readers may hold it).
	_, _ = db.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return after, nil
}

// freeTexts hashes the free text entry e holds in any version, by field
// ("source" for the command typed): "sha256:…" of the texts joined.
func freeTexts(ctx context.Context, tx *Tx, e *ctbot.Entry) (map[string]string, error) {
	all := map[string][]string{"title": {e.Title}, "note": {e.Note}, "source": {e.Source}}
	rows, err := tx.QueryContext(ctx, `SELECT title, note FROM entry_versions WHERE entry_id = ? ORDER BY version`, e.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var title, note string
		if err := rows.Scan(&title, &note); err != nil {
			return nil, err
		}
		all["title"], all["note"] = append(all["title"], title), append(all["note"], note)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for f, texts := range all {
		h := sha256.New()
		some := false
		for _, t := range texts {
			some = some || t != ""
			h.Write([]byte(t))
			h.Write([]byte{0})
		}
		if some {
			out[f] = "sha256:" + hex.EncodeToString(h.Sum(nil))
		}
	}
	return out, nil
}

// blankAudit replaces the free text earlier audit rows of entry id quote.
func blankAudit(ctx context.Context, tx *Tx, id int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, changes FROM audit WHERE entry_id = ? AND action <> 'redact' AND changes <> ''`, id)
	if err != nil {
		return err
	}
	type row struct {
		id      int64
		changes string
	}
	var todo []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.changes); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range todo {
		var cs []ctbot.Change
		if err := json.Unmarshal([]byte(r.changes), &cs); err != nil {
			return err
		}
		changed := false
		for i, c := range cs {
			if freeText[c.Field] {
				for _, s := range []*string{&cs[i].Old, &cs[i].New} {
					if *s != "" {
						*s, changed = Redacted, true
					}
				}
			}
		}
		if !changed {
			continue
		}
		b, err := json.Marshal(cs)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE audit SET changes = ? WHERE id = ?`, string(b), r.id); err != nil {
			return err
		}
	}
	return nil
}

// WithFreeText returns the IDs of up to limit entries recorded before
// t that still hold free text in some version: what retention redacts.
func (db *DB) WithFreeText(ctx context.Context, before time.Time, limit int) ([]int64, error) {
	ids, err := queryIDs(ctx, db.read, `SELECT id FROM entries e WHERE created_at < ?
		AND (title <> '' OR note <> '' OR source <> ''
			OR EXISTS (SELECT 1 FROM entry_versions v WHERE v.entry_id = e.id AND (v.title <> '' OR v.note <> '')))
		ORDER BY id LIMIT ?`, formatTime(before), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: entries with free text: %w", err)
	}
	return ids, nil
}
