package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/cttechplus/ctbot"
)

// Languages are the languages people chose, by Slack user ID.
func (db *DB) Languages(ctx context.Context) (map[string]string, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT user, language FROM user_settings`)
	if err != nil {
		return nil, fmt.Errorf("storage: languages: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var user, lang string
		if err := rows.Scan(&user, &lang); err != nil {
			return nil, fmt.Errorf("storage: languages: %w", err)
		}
		out[user] = lang
	}
	return out, rows.Err()
}

// SetLanguage records that user reads ctbot in lang, logged with the
// language before ("" for none), once per action; setting the language
// already set is an Error of code EUnchanged.
func (db *DB) SetLanguage(ctx context.Context, user, lang string, o ctbot.WriteOptions) (old string, err error) {
	err = db.oncePerAction(ctx, o, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT language FROM user_settings WHERE user = ?`, user).Scan(&old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case old == lang:
			return &ctbot.Error{Code: ctbot.EUnchanged}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_settings (user, language, set_at) VALUES (?, ?, ?)
			ON CONFLICT (user) DO UPDATE SET language = excluded.language, set_at = excluded.set_at`, user, lang, formatTime(tx.now)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO settings_log (user, setting, old, new, at) VALUES (?, 'language', ?, ?, ?)`,
			user, old, lang, formatTime(tx.now))
		return err
	})
	if err != nil {
		return old, fmt.Errorf("storage: language of %s: %w", user, err)
	}
	return old, nil
}
