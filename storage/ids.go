package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// idBlock is how many entry IDs the mark is moved ahead at a time: the
// file is written and synced once per idBlock entries.
const idBlock = 1000

// idRecordSize is the fixed size of the file's record, written in place.
const idRecordSize = 96

// ids keeps the high-water mark of entry IDs beside the database, in
// <db>.ids, where restoring the database from a copy cannot take it back:
// every entry ID ever handed out is below the mark, written and synced
// before the entry commits. A database whose next ID is below the mark
// was restored from a copy (or its last ctbot stopped without closing):
// its new entries continue from the mark, so an ID already shown in Slack
// never names another entry.
//
// A clean close records the database it leaves (its last entry ID and
// change number) when no other process has it open; a database that
// matches opens without a jump. Every process with the database open
// holds a shared lock on the file (where the system has flock); a restore
// takes it exclusively.
type ids struct {
	f      *os.File
	mark   int64 // every ID handed out is below it
	floor  int64 // after a restore, the next ID (0: none)
	synced bool  // the file no longer records a clean close
	noted  bool  // the jump to floor was logged
}

// idRecord is what the file holds.
type idRecord struct {
	mark       int64
	clean      bool  // recorded at a clean close:
	last, seqN int64 // the database's last entry ID and change number then
}

func (r idRecord) String() string {
	s := "mark " + strconv.FormatInt(r.mark, 10)
	if r.clean {
		s += fmt.Sprintf(" clean %d %d", r.last, r.seqN)
	}
	return s
}

func parseIDRecord(b []byte) (idRecord, error) {
	var r idRecord
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return r, nil // a new file
	}
	var err error
	if len(f) >= 2 && f[0] == "mark" {
		r.mark, err = strconv.ParseInt(f[1], 10, 64)
	} else {
		err = errors.New("no mark")
	}
	if err == nil && len(f) == 5 && f[2] == "clean" {
		r.clean = true
		if r.last, err = strconv.ParseInt(f[3], 10, 64); err == nil {
			r.seqN, err = strconv.ParseInt(f[4], 10, 64)
		}
	}
	if err != nil {
		return r, fmt.Errorf("unreadable entry ID mark %q: %w", strings.TrimSpace(string(b)), err)
	}
	return r, nil
}

// idsPath is the file beside the database.
func idsPath(db string) string { return db + ".ids" }

// openIDFile opens (creating, mode 0600) the mark file of database db.
func openIDFile(db string) (*os.File, error) {
	return os.OpenFile(idsPath(db), os.O_RDWR|os.O_CREATE, 0o600)
}

func readIDRecord(f *os.File) (idRecord, error) {
	b := make([]byte, idRecordSize)
	n, err := f.ReadAt(b, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return idRecord{}, err
	}
	return parseIDRecord(b[:n])
}

// writeIDRecord writes r in place and syncs it.
func writeIDRecord(f *os.File, r idRecord) error {
	s := r.String()
	b := []byte(s + strings.Repeat(" ", idRecordSize-1-len(s)) + "\n")
	if _, err := f.WriteAt(b, 0); err != nil {
		return err
	}
	return f.Sync()
}

// lastEntry is the database's last entry ID and change number.
func lastEntry(ctx context.Context, q querier) (last, seqN int64, err error) {
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM entries`).Scan(&last); err != nil {
		return 0, 0, err
	}
	err = q.QueryRowContext(ctx, sqlChangeSeq).Scan(&seqN)
	return last, seqN, err
}

// openIDs takes the shared lock on the mark file of db and decides where
// new entries continue.
func (db *DB) openIDs(ctx context.Context) error {
	f, err := openIDFile(db.path)
	if err != nil {
		return fmt.Errorf("storage: entry ID mark: %w", err)
	}
	if err := lockShared(f); err != nil {
		f.Close()
		return fmt.Errorf("storage: %s is being restored (%s is locked): %w", db.path, idsPath(db.path), err)
	}
	db.ids.f = f
	r, err := readIDRecord(f)
	if err != nil {
		return fmt.Errorf("storage: %s: %w", idsPath(db.path), err)
	}
	last, seqN, err := lastEntry(ctx, db.write)
	if err != nil {
		return fmt.Errorf("storage: entry ID mark: %w", err)
	}
	db.ids.mark = r.mark
	if !(r.clean && r.last == last && r.seqN == seqN) && last+1 < r.mark {
		db.ids.floor = r.mark
	}
	return nil
}

// nextID is the ID the entry being inserted must take, or nil for the
// next one SQLite gives: after a restore, the first new entry jumps to
// the mark.
func (tx *Tx) nextID(ctx context.Context) (any, error) {
	x := &tx.db.ids
	if x.floor == 0 {
		return nil, nil
	}
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM entries`).Scan(&last); err != nil {
		return nil, err
	}
	if last >= x.floor {
		return nil, nil
	}
	if !x.noted {
		x.noted = true
		tx.db.logf("entry IDs: the database's last entry is #%d but IDs up to #%d may have been handed out before (restored from a copy, or ctbot stopped without closing): new entries continue from #%d",
			last, x.floor-1, x.floor)
	}
	return x.floor, nil
}

// useID makes sure id is below the mark on disk before its entry commits.
func (tx *Tx) useID(id int64) error {
	x := &tx.db.ids
	if x.f == nil || id < x.mark && x.synced {
		return nil
	}
	r, err := readIDRecord(x.f) // another process may have moved it on
	if err != nil {
		return err
	}
	mark := max(x.mark, r.mark)
	if id >= mark {
		mark = id + idBlock
	}
	if err := writeIDRecord(x.f, idRecord{mark: mark}); err != nil {
		return fmt.Errorf("entry ID mark: %w", err)
	}
	x.mark, x.synced = mark, true
	return nil
}

// closeIDs records a clean close when no other process has the database
// open and none of its IDs is unaccounted for, then lets the file go.
func (db *DB) closeIDs() error {
	x := &db.ids
	if x.f == nil {
		return nil
	}
	defer x.f.Close()
	if ok, _ := tryLockExclusive(x.f); !ok {
		return nil // others have it open: the next start continues past the mark
	}
	last, seqN, err := lastEntry(context.Background(), db.write)
	if err != nil || x.floor > 0 && last < x.floor {
		return err // a restored database not yet past the mark stays marked
	}
	r, err := readIDRecord(x.f)
	if err != nil {
		return err
	}
	return writeIDRecord(x.f, idRecord{mark: max(r.mark, x.mark), clean: true, last: last, seqN: seqN})
}
