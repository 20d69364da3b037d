package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/export"
	"github.com/cttechplus/ctbot/reply"
)

// runExport sends, privately, a workbook of a period: its logframe, the
// entries dated in it and their audit trail: `export [period]`. The
// workbook is made after the reply, in its turn (see exportQueue).
func runExport(ctx context.Context, c *Core, call *call) (Reply, error) {
	if !call.access.CanExport(call.user()) {
		return Reply{}, forbidden("err.may_not_export")
	}
	p, err := c.reportPeriod(call)
	if err != nil {
		return Reply{}, err
	}
	if err := call.noMoreArgs(); err != nil {
		return Reply{}, err
	}
	job, ahead, ok := c.queue.join(call.user())
	if !ok {
		return Reply{}, refused("err.export_running")
	}
	text := call.l.T("export.started", "Period", p.Name())
	if ahead > 0 {
		text = call.l.T("export.queued", "N", ahead, "Period", p.Name())
	}
	open := func(ctx context.Context) (io.ReadCloser, int64, error) {
		defer job.end()
		if err := job.wait(ctx); err != nil {
			return nil, 0, err
		}
		return spool(func(w io.Writer) error {
			wb, err := c.Workbook(ctx, p, "")
			if err != nil {
				return err
			}
			return export.WriteXLSX(w, wb)
		})
	}
	return Reply{
		File: &reply.File{Name: fmt.Sprintf("%s-%s.xlsx", fileSafe(c.phaseOf(p).Name), p.Name()),
			Title: call.l.S("export.title", "Name", c.phaseOf(p).Name, "Period", p.Name()), Open: open},
		Doc: reply.Doc{reply.Para{Text: text}},
	}, nil
}

// Workbook is the export of period p: its logframe (of country's rows if
// set) and Records of the entries dated in it (country's only, if set).
func (c *Core) Workbook(ctx context.Context, p ctbot.Period, country string) (export.Workbook, error) {
	lf, err := c.Logframe(ctx, p, country)
	if err != nil {
		return export.Workbook{}, err
	}
	wb := c.Records(ctx, p.Start, p.End)
	if country != "" {
		wb.Entries, wb.Audit = c.countryRecords(ctx, p, country)
	}
	wb.Logframe, wb.Programme, wb.Zone, wb.Generated = lf, c.frameworkOf(lf).Name, c.fw.Location, c.now()
	wb.Trainings = func(fn func(*ctbot.Entry) error) error {
		return c.eachOfLogframe(ctx, lf, []ctbot.Kind{ctbot.KindTraining}, fn)
	}
	return wb, nil
}

// countryRecords are the entries of country dated in p and their audit
// rows, read from the store as the export is written.
func (c *Core) countryRecords(ctx context.Context, p ctbot.Period, country string) (export.Rows[*ctbot.Entry], export.Rows[ctbot.AuditRecord]) {
	entries := func(fn func(*ctbot.Entry) error) error {
		return c.exports.EachEntry(ctx, p.Start, p.End, func(e *ctbot.Entry) error {
			if e.Country != country {
				return nil
			}
			return fn(e)
		})
	}
	audit := func(fn func(ctbot.AuditRecord) error) error {
		ids := map[int64]bool{}
		if err := entries(func(e *ctbot.Entry) error { ids[e.ID] = true; return nil }); err != nil {
			return err
		}
		return c.exports.EachAudit(ctx, p.Start, p.End, func(r ctbot.AuditRecord) error {
			if !ids[r.EntryID] {
				return nil
			}
			return fn(r)
		})
	}
	return entries, audit
}

// Records is an export of the entries dated from..to (a zero date leaves
// that end open) and their audit trail, read from the store as the export
// is written.
func (c *Core) Records(ctx context.Context, from, to ctbot.Date) export.Workbook {
	return export.Workbook{
		Entries: func(fn func(*ctbot.Entry) error) error { return c.exports.EachEntry(ctx, from, to, fn) },
		Audit:   func(fn func(ctbot.AuditRecord) error) error { return c.exports.EachAudit(ctx, from, to, fn) },
		Pillars: c.fw.Readiness.Pillars,
	}
}

// spool writes a document to a private temporary file (mode 0600) and
// opens it to read from its start; closing it deletes it. A large export
// is never held in memory.
func spool(write func(io.Writer) error) (io.ReadCloser, int64, error) {
	f, err := os.CreateTemp("", "ctbot-export-*")
	if err != nil {
		return nil, 0, fmt.Errorf("export: %w", err)
	}
	tmp := tempFile{f}
	if err := write(f); err != nil {
		tmp.Close()
		return nil, 0, err
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		tmp.Close()
		return nil, 0, fmt.Errorf("export: %w", err)
	}
	return tmp, size, nil
}

// tempFile is a temporary file deleted when closed.
type tempFile struct{ *os.File }

func (t tempFile) Close() error { return errors.Join(t.File.Close(), os.Remove(t.Name())) }

// fileSafe makes a name safe in a file name: letters, digits and hyphens.
func fileSafe(s string) string {
	b := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b = append(b, r)
		case len(b) > 0 && b[len(b)-1] != '-':
			b = append(b, '-')
		}
	}
	return strings.Trim(string(b), "-")
}
