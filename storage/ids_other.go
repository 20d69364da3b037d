//go:build !unix

package storage

import (
	"errors"
	"os"
)

// lockShared cannot lock here: a restore cannot tell whether ctbot is
// running, and must be run with ctbot stopped.
func lockShared(*os.File) error { return nil }

// tryLockExclusive cannot tell whether another process has the database
// open: no clean close is recorded, so each start continues past the mark.
func tryLockExclusive(*os.File) (bool, error) { return false, errors.ErrUnsupported }
