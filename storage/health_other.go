//go:build !(linux || darwin || freebsd)

package storage

import "errors"

// canWrite is not known here; the write probe still tells.
func canWrite(string) error { return nil }

// freeDisk is not known here; the write probe still tells.
func freeDisk(string) (uint64, error) { return 0, errors.New("not supported") }
