//go:build unix

package storage

import (
	"errors"
	"os"
	"syscall"
)

// lockShared takes a shared lock on f for as long as the database is
// open; it fails at once while a restore holds it.
func lockShared(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
}

// tryLockExclusive takes the lock on f exclusively if no other process
// holds it, and reports whether it did.
func tryLockExclusive(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}
