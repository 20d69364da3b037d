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

// Redacted is what an audit row quotes in place of free text removed, and
// what an entry's evidence becomes: the entry still names evidence (it
// counts as evidence in every report), but not what it was.
const Redacted = "[redacted]"

// RedactedLink is what a redacted entry's link becomes: a web address
// that can never lead anywhere (.invalid, RFC 2606), so that the entry
// still counts as linked evidence (an IATI document-link) without saying
// where the evidence was.
const RedactedLink = "https://redacted.invalid/"

// freeText are the fields whose text a redaction removes from what audit
// rows quote.
var freeText = map[string]bool{"title": true, "note": true, "evidence": true, "link": true}

// Redact removes entry id's free text for good: its title, note, the
// command it was typed with, its evidence and link (which become
// placeholders: the entry still counts as evidenced), and the reasons
// given for its changes (earlier redactions' too), in every version and
// in what earlier audit rows quote. The audit keeps a salted, slow hash
// of each text removed (scrypt: a phone number cannot be recovered by
// trying them all), the actor and the reason (without hash, only which
// texts were removed: retention); figures do not change, so a redaction
// is never refused by, nor marked as a change after, a period's close.
// Retracted entries are redacted too. An entry with no free text left
// is refused (code EUnchanged).
//
// The old copies of the text that linger in the write-ahead log are
// purged by a checkpoint once no reader holds the log: tried at once,
// never waiting, then in the background until it succeeds (see purger);
// the redaction's audit record says whether it is done.
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
			return &ctbot.Error{Code: ctbot.EUnchanged, Message: "err.nothing_to_redact", Args: []any{"ID", ctbot.IDArg(id)}}
		}
		var changes []ctbot.Change
		for _, f := range []string{"title", "note", "source", "evidence", "link", "reasons"} {
			if t := texts[f]; t != "" {
				changes = append(changes, ctbot.Change{Field: f, Old: t, New: ""})
			}
		}
		// The redaction's own row first: earlier rows may then be blanked.
		if err := audit(ctx, tx, id, "redact", actor, tx.now, changes, reason, false); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO purges (audit_id) VALUES (last_insert_rowid())`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET title = '', note = '', source = '', source_hash = 0,
			evidence = CASE WHEN evidence = '' THEN '' ELSE ?1 END, link = CASE WHEN link = '' THEN '' ELSE ?2 END,
			retract_reason = CASE WHEN retract_reason = '' THEN '' ELSE ?1 END, redacted = 1 WHERE id = ?3`, Redacted, RedactedLink, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entry_versions SET title = '', note = '',
			evidence = CASE WHEN evidence = '' THEN '' ELSE ?1 END, link = CASE WHEN link = '' THEN '' ELSE ?2 END, redacted = 1
			WHERE entry_id = ?3`, Redacted, RedactedLink, id); err != nil {
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
			return nil // the text goes; the entry counts nowhere
		}
		return tx.noteChange(ctx, e, after)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: redact #%d: %w", id, err)
	}
	db.purgeNow(ctx)
	return after, nil
}

// freeTexts hashes the free text entry e holds anywhere, by field
// ("source" for the command typed, "reasons" for the reasons of its
// changes and of earlier redactions): a salted scrypt hash of the texts
// joined, or nothing. Placeholders left by a redaction are not text.
func freeTexts(ctx context.Context, tx *Tx, e *ctbot.Entry, hash bool) (map[string]string, error) {
	all := map[string][]string{"title": {e.Title}, "note": {e.Note}, "source": {e.Source}, "evidence": {e.Evidence}, "link": {e.Link},
		"reasons": {e.RetractReason}}
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
	reasons, err := tx.QueryContext(ctx, `SELECT reason FROM audit WHERE entry_id = ? AND reason NOT IN ('', ?)`, e.ID, Redacted)
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
		h, err := hashTexts(texts, hash)
		if err != nil {
			return nil, err
		}
		if h != "" {
			out[f] = h
		}
	}
	return out, nil
}

// hashTexts is the salted scrypt hash of texts joined (or "removed"
// without hash), or "" when none is text (empty, or a placeholder).
func hashTexts(texts []string, hash bool) (string, error) {
	var joined strings.Builder
	for _, t := range texts {
		if t != "" && t != Redacted && t != RedactedLink {
			joined.WriteString(t)
			joined.WriteByte(0)
		}
	}
	switch {
	case joined.Len() == 0:
		return "", nil
	case !hash:
		return "removed", nil
	}
	return slowHash(joined.String())
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

// blankAudit replaces the free text earlier audit rows of entry id quote,
// and the reasons of every row before the latest redaction's.
func blankAudit(ctx context.Context, tx *Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE audit SET reason = ?1 WHERE entry_id = ?2 AND reason NOT IN ('', ?1)
		AND id < (SELECT MAX(id) FROM audit WHERE entry_id = ?2 AND action = 'redact')`, Redacted, id); err != nil {
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
	ids, err := queryIDs(ctx, db.reads(), `SELECT id FROM entries e WHERE created_at < ?1
		AND (title <> '' OR note <> '' OR source <> '' OR evidence NOT IN ('', ?2) OR link NOT IN ('', ?3) OR retract_reason NOT IN ('', ?2)
			OR EXISTS (SELECT 1 FROM entry_versions v WHERE v.entry_id = e.id
				AND (v.title <> '' OR v.note <> '' OR v.evidence NOT IN ('', ?2) OR v.link NOT IN ('', ?3)))
			OR EXISTS (SELECT 1 FROM audit a WHERE a.entry_id = e.id AND a.action <> 'redact' AND a.reason NOT IN ('', ?2)))
		ORDER BY id LIMIT ?4`, formatTime(before), Redacted, RedactedLink, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: entries with free text: %w", err)
	}
	return ids, nil
}
