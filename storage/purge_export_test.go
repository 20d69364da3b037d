package storage

// PurgeAttemptsForTest is how many checkpoints the purger has tried.
func (db *DB) PurgeAttemptsForTest() int64 {
	if db.writer == nil || db.writer.purger == nil {
		return 0
	}
	return db.writer.purger.attempts.Load()
}
