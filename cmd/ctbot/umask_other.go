//go:build !unix

package main

// restrictFileModes is a no-op where there is no umask; storage still
// creates the database file with mode 0600.
func restrictFileModes() {}
