package bot

import (
	"testing"

	"github.com/cttechplus/ctbot/internal/testmain"
)

func TestMain(m *testing.M) { testmain.Run(m) }
