package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cttechplus/ctbot"
)

// RedactPeriod removes for good the reasons given for closing and
// reopening period (a name such as 2026-Q3), and those of its earlier
// redactions: the period log keeps who did what when, with the reason
// '[redacted]'. The redaction is kept (who, when, why, a salted hash of
// the reasons removed), once per action. purged reports whether the old
// copies have left the write-ahead log yet (see Redact). A period with no
// reason left is refused (code EUnchanged).
func (db *DB) RedactPeriod(ctx context.Context, period, actor, reason string, o ctbot.WriteOptions) (purged bool, err error) {
	var purge int64
	err = db.oncePerAction(ctx, o, func(tx *Tx) error {
		texts, err := queryColumn[string](ctx, tx, `SELECT reason FROM period_log WHERE period = ?1 AND reason NOT IN ('', ?2)
			UNION ALL SELECT reason FROM period_redactions WHERE period = ?1 AND reason NOT IN ('', ?2)`, period, Redacted)
		if err != nil {
			return err
		}
		h, err := hashTexts(texts, true)
		if err != nil {
			return err
		}
		if h == "" {
			return &ctbot.Error{Code: ctbot.EUnchanged, Message: "err.nothing_to_redact_period", Args: []any{"Period", period}}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO period_redactions (period, actor, at, reason, hash) VALUES (?, ?, ?, ?, ?)`,
			period, actor, formatTime(tx.now), reason, h)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for _, q := range []string{`UPDATE period_log SET reason = ?1 WHERE period = ?2 AND reason NOT IN ('', ?1)`,
			`UPDATE period_redactions SET reason = ?1 WHERE period = ?2 AND reason NOT IN ('', ?1) AND id < ?3`} {
			if _, err := tx.ExecContext(ctx, q, Redacted, period, id); err != nil {
				return err
			}
		}
		res, err = tx.ExecContext(ctx, `INSERT INTO purges (period_redaction_id) VALUES (?)`, id)
		if err != nil {
			return err
		}
		purge, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("storage: redact the reasons of %s: %w", period, err)
	}
	db.purgeNow(ctx)
	var at string
	if err := db.reads().QueryRowContext(ctx, `SELECT purged_at FROM purges WHERE id = ?`, purge).Scan(&at); err != nil {
		return false, fmt.Errorf("storage: redact the reasons of %s: %w", period, err)
	}
	return at != "", nil
}

// SharingText returns, in ID order, up to limit entries other than those
// of except that hold any of texts in their free text: title, note, the
// command typed, evidence, link, retraction reason (in any version), or a
// reason in their audit trail. Letter case is ignored for Latin letters
// (SQLite's LIKE); empty texts are left out. It reads the whole history
// (redaction is rare): about half a second for a million entries.
func (db *DB) SharingText(ctx context.Context, texts []string, except []int64, limit int) ([]int64, error) {
	var args []any
	var like []string
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" && t != Redacted && t != RedactedLink && len(args) < maxSharedTexts {
			args = append(args, "%"+likeEscaper.Replace(t)+"%")
			like = append(like, fmt.Sprintf("t LIKE ?%d ESCAPE '\\'", len(args)))
		}
	}
	if len(args) == 0 || limit <= 0 {
		return nil, nil
	}
	x, err := json.Marshal(append([]int64{0}, except...))
	if err != nil {
		return nil, err
	}
	args = append(args, string(x), limit)
	holds := strings.Join(like, " OR ")
	notIn := fmt.Sprintf("NOT IN (SELECT value FROM json_each(?%d))", len(args)-1)
	// Each row's texts are joined once (the subqueries are not flattened:
	// LIMIT -1), by a character no command may hold.
	ids, err := queryIDs(ctx, db.read, `SELECT id FROM (SELECT id, title || char(31) || note || char(31) || source || char(31) || evidence
			|| char(31) || link || char(31) || retract_reason AS t FROM entries LIMIT -1) WHERE id `+notIn+` AND (`+holds+`)
		UNION SELECT entry_id FROM (SELECT entry_id, title || char(31) || note || char(31) || evidence || char(31) || link AS t
			FROM entry_versions LIMIT -1) WHERE entry_id `+notIn+` AND (`+holds+`)
		UNION SELECT entry_id FROM (SELECT entry_id, reason AS t FROM audit WHERE reason <> '') WHERE entry_id `+notIn+` AND (`+holds+`)
		ORDER BY 1 LIMIT ?`+fmt.Sprint(len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("storage: entries sharing text: %w", err)
	}
	return ids, nil
}

// maxSharedTexts bounds the texts SharingText looks for at once.
const maxSharedTexts = 64

// likeEscaper makes a text a literal of a LIKE pattern (ESCAPE '\').
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
