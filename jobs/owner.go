package jobs

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// newOwner names this process in run leases: host, pid and a random part.
func newOwner() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// ownerDead reports whether the process named by owner is known to be
// gone: it ran on this machine and its pid is no longer alive (or is
// ours, in a new incarnation, as in a restarted container). A run it held
// can then be taken over at once instead of after its lease. An owner on
// another machine is never known to be dead.
func (r *Runner) ownerDead(owner string) bool {
	if owner == r.owner {
		return false
	}
	rest, ok := strings.CutPrefix(owner, hostname()+"-")
	if !ok {
		return false
	}
	pidText, _, ok := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(pidText)
	if !ok || err != nil || pid <= 0 {
		return false
	}
	return pid == os.Getpid() || !processAlive(pid)
}

func hostname() string {
	h, _ := os.Hostname()
	return h
}
