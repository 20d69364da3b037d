package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cttechplus/ctbot"
)

// known reads the database as it was at an instant: the entries recorded
// by then and not retracted by then, each in the version then in force.
// Most entries are in force in their current version; the few amended
// since ("dirty") are read in the version they had.
type known struct {
	tx    querier
	at    time.Time
	t     string                 // at, formatted
	dirty map[int64]*ctbot.Entry // entries amended after at, as they were at at (nil: not in force)
	ids   string                 // the dirty IDs, for "id NOT IN (…)"
}

func newKnown(ctx context.Context, q querier, at time.Time) (*known, error) {
	k := &known{tx: q, at: at, t: formatTime(at), dirty: map[int64]*ctbot.Entry{}, ids: "0"}
	ids, err := queryIDs(ctx, q, `SELECT id FROM entries INDEXED BY entries_known_from WHERE version > 1 AND known_from > ? AND created_at <= ?`, k.t, k.t)
	if err != nil {
		return nil, err
	}
	var idText []string
	for _, id := range ids {
		v, err := versionAt(ctx, q, id, at)
		if err != nil {
			return nil, err
		}
		k.dirty[id] = v
		idText = append(idText, fmt.Sprint(id))
	}
	if len(idText) > 0 {
		k.ids = strings.Join(idText, ",")
	}
	return k, nil
}

// inForce is the SQL condition for a row of alias that was recorded and
// not retracted at the instant; it takes the arguments k.args().
func inForce(alias string) string {
	return alias + ".created_at <= ? AND (" + alias + ".retracted = 0 OR " + alias + ".retracted_at > ?)"
}

func (k *known) args() []any { return []any{k.t, k.t} }

// current is inForce for rows whose current version was in force at the
// instant (the dirty ones are read from k.dirty instead).
func (k *known) current(alias string) string {
	return inForce(alias) + " AND " + alias + ".id NOT IN (" + k.ids + ")"
}

// dirtyOf returns the dirty versions in force that keep says to.
func (k *known) dirtyOf(keep func(*ctbot.Entry) bool) []*ctbot.Entry {
	var out []*ctbot.Entry
	for _, v := range k.dirty {
		if v != nil && keep(v) {
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// versionAt is entry id as it was in force at instant t, or nil when it
// was not recorded yet or already retracted.
func versionAt(ctx context.Context, q querier, id int64, t time.Time) (*ctbot.Entry, error) {
	cur, err := entryByID(ctx, q, id)
	if err != nil {
		return nil, err
	}
	if cur.CreatedAt.After(t) || cur.Retracted && !cur.RetractedAt.After(t) {
		return nil, nil
	}
	if !cur.KnownFrom.After(t) {
		return cur, nil
	}
	v, err := earlierVersion(ctx, q, cur, `known_from <= ? AND known_until > ?`, formatTime(t), formatTime(t))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("entry #%d has no version in force at %s", id, formatTime(t))
	}
	return v, err
}

// earlierVersion is entry cur in the earlier version of entry_versions
// that cond (with args) selects; sql.ErrNoRows when there is none.
func earlierVersion(ctx context.Context, q querier, cur *ctbot.Entry, cond string, args ...any) (*ctbot.Entry, error) {
	v := *cur
	var date, knownFrom, verifiedAt, scores, dateTo string
	var women int
	var womenReported bool
	var newWomen sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT version, known_from, country, date, status, title, note, indicator, op, value, denom, stage,
		participants, women, women_reported, trained, new_count, online, evidence, link, verified_by, verified_at, after_close,
		course, topic, level, scores, date_to, new_women
		FROM entry_versions WHERE entry_id = ? AND `+cond, append([]any{cur.ID}, args...)...).Scan(
		&v.Version, &knownFrom, &v.Country, &date, &v.Status, &v.Title, &v.Note, &v.Indicator, &v.Op, &v.Value, &v.Denom, &v.Stage,
		&v.Participants, &women, &womenReported, &v.Trained, &v.New, &v.Online, &v.Evidence, &v.Link, &v.VerifiedBy, &verifiedAt, &v.AfterClose,
		&v.Course, &v.Topic, &v.Level, &scores, &dateTo, &newWomen)
	if err != nil {
		return nil, err
	}
	v.Women = nil
	if womenReported {
		v.Women = ctbot.Int(women)
	}
	v.NewWomen = intOf(newWomen)
	if v.Scores, err = parseScores(scores); err != nil {
		return nil, err
	}
	if v.Date, err = parseDate(date); err != nil {
		return nil, err
	}
	if v.DateTo, err = parseDate(dateTo); err != nil {
		return nil, err
	}
	if v.KnownFrom, err = parseTime(knownFrom); err != nil {
		return nil, err
	}
	if v.VerifiedAt, err = parseTime(verifiedAt); err != nil {
		return nil, err
	}
	return &v, nil
}

// queryIDs runs a query that selects IDs.
func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	return queryColumn[int64](ctx, q, query, args...)
}

// queryColumn runs a query that selects one column.
func queryColumn[T any](ctx context.Context, q querier, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// notRetracted is e as it was before a later retraction.
func notRetracted(e *ctbot.Entry) *ctbot.Entry {
	if !e.Retracted {
		return e
	}
	v := *e
	v.Retracted, v.RetractedAt, v.RetractedBy, v.RetractReason = false, time.Time{}, "", ""
	return &v
}
