//go:build linux || darwin || freebsd

package storage

import "syscall"

// canWrite asks the system whether this process may write path (access(2)).
func canWrite(path string) error { return syscall.Access(path, 2 /* W_OK */) }

// freeDisk is the room left to this process on the disk of path.
func freeDisk(path string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}
