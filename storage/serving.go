package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// servingPath is the file a serving ctbot holds locked beside database db.
func servingPath(db string) string { return db + ".serving" }

// ClaimServing marks database db as served by this process: it takes an
// exclusive lock on <db>.serving and writes there which process it is.
// When another process serves db already, it says which (as that process
// wrote it) and holds nothing: both stay correct, but the operator should
// know. release lets the file go. Where the system cannot lock files,
// nothing is detected.
func ClaimServing(db string, now time.Time) (release func() error, other string, err error) {
	f, err := os.OpenFile(servingPath(db), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, "", fmt.Errorf("storage: %s: %w", servingPath(db), err)
	}
	ok, err := tryLockExclusive(f)
	if errors.Is(err, errors.ErrUnsupported) {
		return f.Close, "", nil
	}
	if err != nil || !ok {
		b, _ := io.ReadAll(io.LimitReader(f, 1024))
		f.Close()
		if err != nil {
			return nil, "", fmt.Errorf("storage: locking %s: %w", servingPath(db), err)
		}
		if other = strings.TrimSpace(string(b)); other == "" {
			other = "a process that has not said which"
		}
		return func() error { return nil }, other, nil
	}
	host, _ := os.Hostname()
	me := fmt.Sprintf("pid %d on %s, serving since %s", os.Getpid(), host, now.UTC().Format(time.RFC3339))
	if err := f.Truncate(0); err != nil {
		f.Close()
		return nil, "", fmt.Errorf("storage: %s: %w", servingPath(db), err)
	}
	if _, err := f.WriteAt([]byte(me+"\n"), 0); err != nil {
		f.Close()
		return nil, "", fmt.Errorf("storage: %s: %w", servingPath(db), err)
	}
	return f.Close, "", nil
}
