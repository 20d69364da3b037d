package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/cttechplus/ctbot"
)

// Grants returns the roles given in Slack, oldest first.
func (db *DB) Grants(ctx context.Context) ([]ctbot.Grant, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT user, role, country, granted_by, granted_at FROM roles ORDER BY granted_at, user, role, country`)
	if err != nil {
		return nil, fmt.Errorf("storage: roles: %w", err)
	}
	defer rows.Close()
	var out []ctbot.Grant
	for rows.Next() {
		var g ctbot.Grant
		var at string
		if err := rows.Scan(&g.User, &g.Role, &g.Country, &g.By, &at); err != nil {
			return nil, fmt.Errorf("storage: roles: %w", err)
		}
		if g.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("storage: roles: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Grant gives g.Role (for g.Country) to g.User, as g.By, and logs it; g.At
// is set to the instant of the write. Granting a role already granted is
// refused (err.role_held); a write whose action key was seen is an Error
// of code EDuplicate.
func (db *DB) Grant(ctx context.Context, g ctbot.Grant, o ctbot.WriteOptions) (ctbot.Grant, error) {
	err := db.oncePerAction(ctx, o, func(tx *Tx) error {
		g.At = tx.now
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO roles (user, role, country, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)`,
			g.User, g.Role, g.Country, g.By, formatTime(g.At))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err == nil {
				err = ctbot.Refused("", "err.role_held", "User", ctbot.Mention(g.User), "Role", ctbot.RoleName(g.Role, g.Country))
			}
			return err
		}
		return logRole(ctx, tx, ctbot.RoleGrant, g.User, g.Role, g.Country, g.By)
	})
	if err != nil {
		return g, fmt.Errorf("storage: grant %s to %s: %w", g.Role, g.User, err)
	}
	return g, nil
}

// Revoke removes the grant of role (for country) to user, as actor, logs
// it and returns the grant removed. A role not granted is refused
// (err.role_not_granted), and so is removing the last coordinator with
// o.KeepCoordinator; a write whose action key was seen is an Error of code
// EDuplicate.
func (db *DB) Revoke(ctx context.Context, user string, role ctbot.Role, country, actor string, o ctbot.WriteOptions) (ctbot.Grant, error) {
	g := ctbot.Grant{User: user, Role: role, Country: country}
	err := db.oncePerAction(ctx, o, func(tx *Tx) error {
		var at string
		err := tx.QueryRowContext(ctx, `DELETE FROM roles WHERE user = ? AND role = ? AND country = ? RETURNING granted_by, granted_at`,
			user, role, country).Scan(&g.By, &at)
		if err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				err = ctbot.Refused("", "err.role_not_granted", "User", ctbot.Mention(user), "Role", ctbot.RoleName(role, country))
			}
			return err
		}
		if g.At, err = parseTime(at); err != nil {
			return err
		}
		if role == ctbot.RoleCoordinator && o.KeepCoordinator {
			var left int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM roles WHERE role = ?`, ctbot.RoleCoordinator).Scan(&left); err != nil {
				return err
			}
			if left == 0 {
				return ctbot.Refused("", "err.last_coordinator", "User", ctbot.Mention(user)) // rolled back: the grant stays
			}
		}
		return logRole(ctx, tx, ctbot.RoleRevoke, user, role, country, actor)
	})
	if err != nil {
		return g, fmt.Errorf("storage: remove %s from %s: %w", role, user, err)
	}
	return g, nil
}

// LogAccessRequest logs that user asked the coordinators for access. A
// request since since is refused (an Error of code ERefused, for the
// caller to answer); a write whose
// action key was seen is an Error of code EDuplicate: the request was made
// already.
func (db *DB) LogAccessRequest(ctx context.Context, user string, since time.Time, o ctbot.WriteOptions) error {
	err := db.oncePerAction(ctx, o, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM role_log WHERE action = ? AND user = ? AND at >= ?`,
			ctbot.RoleRequest, user, formatTime(since)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &ctbot.Error{Code: ctbot.ERefused}
		}
		return logRole(ctx, tx, ctbot.RoleRequest, user, "", "", user)
	})
	if err != nil {
		return fmt.Errorf("storage: access request of %s: %w", user, err)
	}
	return nil
}

// RoleLog returns the latest limit lines of the audit trail of roles,
// newest first.
func (db *DB) RoleLog(ctx context.Context, limit int) ([]ctbot.RoleChange, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT action, user, role, country, actor, at FROM role_log ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: role log: %w", err)
	}
	defer rows.Close()
	var out []ctbot.RoleChange
	for rows.Next() {
		var c ctbot.RoleChange
		var at string
		if err := rows.Scan(&c.Action, &c.User, &c.Role, &c.Country, &c.Actor, &at); err != nil {
			return nil, fmt.Errorf("storage: role log: %w", err)
		}
		if c.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("storage: role log: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func logRole(ctx context.Context, tx *Tx, action, user string, role ctbot.Role, country, actor string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO role_log (action, user, role, country, actor, at) VALUES (?, ?, ?, ?, ?, ?)`,
		action, user, role, country, actor, formatTime(tx.now))
	return err
}
