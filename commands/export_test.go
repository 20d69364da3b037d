package commands_test

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/commands"
	"github.com/cttechplus/ctbot/reply"
)

// fileBytes makes a reply's file and reads it whole.
func fileBytes(t *testing.T, f *reply.File) []byte {
	t.Helper()
	r, size, err := f.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil || int64(len(b)) != size {
		t.Fatalf("read %d of %d bytes: %v", len(b), size, err)
	}
	return b
}

// heldStore holds each export when it starts reading entries, until the
// test lets it go: started says who, release lets one go on.
type heldStore struct {
	commands.Store
	started chan struct{}
	release chan struct{}
}

func (s *heldStore) EachEntry(ctx context.Context, from, to ctbot.Date, fn func(*ctbot.Entry) error) error {
	s.started <- struct{}{}
	select {
	case <-s.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	return s.Store.EachEntry(ctx, from, to, fn)
}

// TestExportsWaitTheirTurn: two exports are made at once at most and one
// per person; a third waits and is told how many are ahead of it, a
// second from the same person is told one is already being made, and the
// waiting one is made once a place is free. Nothing depends on timing:
// the store holds each export until the test releases it.
func TestExportsWaitTheirTurn(t *testing.T) {
	h := newHarness(t)
	h.ok(`training kenya 2026-09-20 "OSINT" trained=25 women=9`)
	store := &heldStore{Store: h.db, started: make(chan struct{}), release: make(chan struct{})}
	core := commands.New(commands.Options{Framework: h.fw, Store: store, Figures: h.figs, Now: h.clock.Now, MaxExports: 2,
		Access: ctbot.Access{Coordinators: []string{coordinator}, Managers: []string{manager, "UMGR2", "UMGR3"}}})
	ask := func(user string) commands.Reply {
		return core.Handle(context.Background(), commands.Request{UserID: user, Text: "export 2026-Q3", Source: commands.FromConsole})
	}
	made := make(chan []byte, 3)
	start := func(r commands.Reply) {
		go func() {
			rc, _, err := r.File.Open(context.Background())
			if err != nil {
				t.Error(err)
				made <- nil
				return
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			made <- b
		}()
	}
	first, second := ask(coordinator), ask(manager)
	wantText(t, first, "is being prepared")
	wantText(t, second, "is being prepared")
	start(first)
	start(second)
	<-store.started
	<-store.started // both are being made
	third := ask("UMGR2")
	wantText(t, third, "queued", "2 ahead of you")
	fourth := ask("UMGR3")
	wantText(t, fourth, "3 ahead of you")
	again := ask(coordinator)
	if !again.Failed || again.File != nil {
		t.Fatalf("a second export of the same person: %s", again.Text())
	}
	wantText(t, again, "still being prepared")
	start(third)
	start(fourth)
	select {
	case <-store.started:
		t.Fatal("a third export started while two were being made")
	default:
	}
	store.release <- struct{}{} // one of the first two ends; the third starts
	<-store.started
	if b := <-made; len(b) < 1000 {
		t.Errorf("the export made %d bytes", len(b))
	}
	close(store.release) // the others end; the fourth starts
	<-store.started
	for range 3 {
		if b := <-made; len(b) < 1000 {
			t.Errorf("an export made %d bytes", len(b))
		}
	}
	// Once theirs was made, a person may ask again.
	last := ask(coordinator)
	wantText(t, last, "is being prepared")
	start(last)
	<-store.started
	<-made
}

// TestAnExportIsAPrivateFileDeletedOnceSent: the workbook is written to
// a temporary file only its owner may read, deleted when closed.
func TestAnExportIsAPrivateFileDeletedOnceSent(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	h := newHarness(t)
	r := h.as(coordinator, "export 2026-Q3")
	rc, size, err := r.File.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	files, _ := os.ReadDir(dir)
	if len(files) != 1 || size < 1000 {
		t.Fatalf("files %v, size %d", files, size)
	}
	if st, err := os.Stat(dir + "/" + files[0].Name()); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v", st.Mode(), err)
	}
	rc.Close()
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("left behind: %v", files)
	}
}
