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
// reason left returns ErrNothingChanged.
func (db *DB) RedactPeriod(ctx context.Context, period, actor, reason string, o ctbot.WriteOptions) (purged bool, err error) {
	var purge int64
	err = db.oncePerAction(ctx, o, func(tx *Tx) error {
		texts, err := queryTexts(ctx, tx, `SELECT reason FROM period_log WHERE period = ?1 AND reason NOT IN ('', ?2)
			UNION ALL SELECT reason FROM period_redactions WHERE period = ?1 AND reason NOT IN ('', ?2)`, period, Redacted)
		if err != nil {
			return err
		}
		h, err := hashTexts(texts, true)
		if err != nil {
			return err
		}
		if h == "" {
			return ctbot.ErrNothingChanged
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

// queryTexts runs a query of one text column.
func queryTexts(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SharingText returns, in ID order, up to limit entries other than those
// of except that hold any of texts in their free text: title, note, the
// command typed, evidence, link, retraction reason (in any version), or a
// reason in their audit trail. Letter case is ignored for Latin letters;
// empty texts are left out. It reads the whole history: redaction is rare.
func (db *DB) SharingText(ctx context.Context, texts []string, except []int64, limit int) ([]int64, error) {
	var needles []string
	for _, t := range texts {
		if t = asciiLower(t); t != "" && t != Redacted && t != RedactedLink {
			needles = append(needles, t)
		}
	}
	if len(needles) == 0 || limit <= 0 {
		return nil, nil
	}
	n, err := json.Marshal(needles)
	if err != nil {
		return nil, err
	}
	x, err := json.Marshal(append([]int64{0}, except...))
	if err != nil {
		return nil, err
	}
	holds := func(cols ...string) string {
		var cond []string
		for _, c := range cols {
			cond = append(cond, "instr(lower("+c+"), n.value) > 0")
		}
		return "EXISTS (SELECT 1 FROM json_each(?1) n WHERE " + strings.Join(cond, " OR ") + ")"
	}
	ids, err := queryIDs(ctx, db.reads(), `WITH x AS (SELECT value AS id FROM json_each(?2))
		SELECT id FROM entries e WHERE id NOT IN x AND `+holds("e.title", "e.note", "e.source", "e.evidence", "e.link", "e.retract_reason")+`
		UNION SELECT entry_id FROM entry_versions v WHERE entry_id NOT IN x AND `+holds("v.title", "v.note", "v.evidence", "v.link")+`
		UNION SELECT entry_id FROM audit a WHERE entry_id NOT IN x AND a.reason <> '' AND `+holds("a.reason")+`
		ORDER BY 1 LIMIT ?3`, string(n), string(x), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: entries sharing text: %w", err)
	}
	return ids, nil
}

// asciiLower lowers Latin capitals only, as SQLite's lower() does.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, strings.TrimSpace(s))
}
