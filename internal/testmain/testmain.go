// Package testmain runs a package's tests and fails them if any reply
// asked for a message the catalogue does not have.
package testmain

import (
	"fmt"
	"os"
	"testing"

	"github.com/cttechplus/ctbot/locale"
)

// Run runs the tests and exits with their code, or 1 if a message was missing.
func Run(m *testing.M) {
	code := m.Run()
	if n := locale.Missed(); n > 0 {
		fmt.Fprintf(os.Stderr, "%d lookups of messages missing from the catalogue (see the log above)\n", n)
		code = 1
	}
	os.Exit(code)
}
