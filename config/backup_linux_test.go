package config

import "testing"

// TestBackupDirNotWritable: a directory ctbot may not write (procfs's,
// which not even root may) is refused with key and line.
func TestBackupDirNotWritable(t *testing.T) {
	assertProblem(t, backupConfig("/proc/1", "30 2 * * *", "7", "4"), "backup.dir", `"/proc/1" is not writable by ctbot`)
}
