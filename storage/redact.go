package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/scrypt"

	"github.com/cttechplus/ctbot"
)

// Redacted is what an audit row quotes in place of free text removed.
const Redacted = "[redacted]"

// freeText are the fields whose text a redaction removes from what audit
// rows quote.
var freeText = map[string]bool{"title": true, "note": true, "evidence": true, "link": true}

// Redact removes entry id's free text for good: its title, note, the
// command it was typed with, its evidence and link, and the reasons given
// for its changes, in every version and in what earlier audit rows quote.
// The audit keeps a salted, slow hash of each text removed (scrypt: a
// phone number cannot be recovered by trying them all), the actor and the
// reason (without hash, only which texts were removed: retention); figures
// do not change. Retracted entries are redacted too. An
// entry with no free text left returns ErrNothingChanged.
func (db *DB) Redact(ctx context.Context, id int64, actor, reason string, hash bool, o ctbot.WriteOptions) (*ctbot.Entry, error) {
	var after *ctbot.Entry
	err := db.inTx(ctx, func(tx *Tx) error {
		if err := refuseSeen(ctx, tx, o); err != nil {
			return err
		}
		e, err := entryByID(ctx, tx, id)
		if err != nil {
			return err
		}
		texts, err := freeTexts(ctx, tx, e, hash)
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
		for _, f := range []string{"title", "note", "source", "evidence", "link", "reasons"} {
			if t := texts[f]; t != "" {
				changes = append(changes, ctbot.Change{Field: f, Old: t, New: ""})
			}
		}
		// The redaction's own row first: earlier rows may then be blanked.
		if err := audit(ctx, tx, id, "redact", actor, tx.now, changes, reason, afterClose); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET title = '', note = '', source = '', source_hash = 0, evidence = '', link = '',
			retract_reason = CASE WHEN retract_reason = '' THEN '' ELSE ? END, redacted = 1 WHERE id = ?`, Redacted, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entry_versions SET title = '', note = '', evidence = '', link = '', redacted = 1
			WHERE entry_id = ?`, id); err != nil {
			return err
		}
		if err := blankAudit(ctx, tx, id); err != nil {
			return err
		}
		if err := rememberAction(ctx, tx, o.Keys, id); err != nil {
			return err
		}
		if after, err = entryByID(ctx, tx, id); err != nil {
			return err
		}
		if after.Retracted {
			return tx.noteChange(ctx, e, nil, nil) // the text goes; it counted nowhere
		}
		return tx.noteChange(ctx, e, after, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: redact #%d: %w", id, err)
	}
	// The pages that held the text linger in the write-ahead log until it
	// is checkpointed: do it now (best effort; readers may hold it).
	_, _ = db.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return after, nil
}

// freeTexts hashes the free text entry e holds anywhere, by field
// ("source" for the command typed, "reasons" for the reasons of its
// changes): a salted scrypt hash of the texts joined, or nothing.
func freeTexts(ctx context.Context, tx *Tx, e *ctbot.Entry, hash bool) (map[string]string, error) {
	all := map[string][]string{"title": {e.Title}, "note": {e.Note}, "source": {e.Source}, "evidence": {e.Evidence}, "link": {e.Link},
		"reasons": {strings.TrimPrefix(e.RetractReason, Redacted)}}
	rows, err := tx.QueryContext(ctx, `SELECT title, note, evidence, link FROM entry_versions WHERE entry_id = ? ORDER BY version`, e.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var title, note, evidence, link string
		if err := rows.Scan(&title, &note, &evidence, &link); err != nil {
			rows.Close()
			return nil, err
		}
		all["title"], all["note"] = append(all["title"], title), append(all["note"], note)
		all["evidence"], all["link"] = append(all["evidence"], evidence), append(all["link"], link)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	reasons, err := tx.QueryContext(ctx, `SELECT reason FROM audit WHERE entry_id = ? AND action <> 'redact' AND reason NOT IN ('', ?)`, e.ID, Redacted)
	if err != nil {
		return nil, err
	}
	for reasons.Next() {
		var r string
		if err := reasons.Scan(&r); err != nil {
			reasons.Close()
			return nil, err
		}
		all["reasons"] = append(all["reasons"], r)
	}
	reasons.Close()
	if err := reasons.Err(); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for f, texts := range all {
		var joined strings.Builder
		some := false
		for _, t := range texts {
			some = some || t != ""
			joined.WriteString(t)
			joined.WriteByte(0)
		}
		if !some {
			continue
		}
		if !hash {
			out[f] = "removed"
			continue
		}
		h, err := slowHash(joined.String())
		if err != nil {
			return nil, err
		}
		out[f] = h
	}
	return out, nil
}

// Parameters of the slow hash kept of redacted text.
const scryptN, scryptR, scryptP = 1 << 15, 8, 1

// slowHash is "scrypt:N:r:p:salt:hash" of s, with a random salt.
func slowHash(s string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := scrypt.Key([]byte(s), salt, scryptN, scryptR, scryptP, 32)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("scrypt:%d:%d:%d:%s:%s", scryptN, scryptR, scryptP, hex.EncodeToString(salt), hex.EncodeToString(key)), nil
}

// blankAudit replaces the free text earlier audit rows of entry id quote.
func blankAudit(ctx context.Context, tx *Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE audit SET reason = ? WHERE entry_id = ? AND action <> 'redact' AND reason NOT IN ('', ?)`,
		Redacted, id, Redacted); err != nil {
		return err
	}
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
	ids, err := queryIDs(ctx, db.reads(), `SELECT id FROM entries e WHERE created_at < ?
		AND (title <> '' OR note <> '' OR source <> '' OR evidence <> '' OR link <> '' OR retract_reason NOT IN ('', ?)
			OR EXISTS (SELECT 1 FROM entry_versions v WHERE v.entry_id = e.id AND (v.title <> '' OR v.note <> '' OR v.evidence <> '' OR v.link <> ''))
			OR EXISTS (SELECT 1 FROM audit a WHERE a.entry_id = e.id AND a.action <> 'redact' AND a.reason NOT IN ('', ?)))
		ORDER BY id LIMIT ?`, formatTime(before), Redacted, Redacted, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: entries with free text: %w", err)
	}
	return ids, nil
}
