//go:build unix

package main

import "syscall"

// restrictFileModes makes every file ctbot creates (the database, its WAL
// and shared-memory files, backups, exports) readable by its owner only.
func restrictFileModes() { syscall.Umask(0o077) }
