//go:build unix

package config

import "syscall"

// writable says why ctbot may not create files in the directory dir (a
// read-only file system, no permission), without writing there.
func writable(dir string) error { return syscall.Access(dir, 0x2) } // W_OK
