package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/export"
	"github.com/cttechplus/ctbot/reply"
)

// reportFlags are the flags of `ctbot report` and `ctbot export`.
type reportFlags struct {
	period, phase, country, format, out, from, to string
}

func (r *reportFlags) register(fs *flag.FlagSet, formats string, withPeriod bool) {
	def := "xlsx"
	if withPeriod {
		def = "text"
	}
	fs.StringVar(&r.format, "format", def, "output format: "+formats)
	fs.StringVar(&r.out, "o", "-", "file to write (- for standard output; files are private, mode 0600)")
	if withPeriod {
		fs.StringVar(&r.period, "period", "", "reporting period of any length, e.g. 2026-Q3, 2026-H2, 2026, or final for the whole programme (default the last complete one)")
		fs.StringVar(&r.phase, "phase", "", "the programme's phase, by name or number (default the one the period falls in, or the current one)")
		fs.StringVar(&r.country, "country", "", "one state only (code or name)")
	} else {
		fs.StringVar(&r.from, "from", "", "first value date, YYYY-MM-DD (default: all)")
		fs.StringVar(&r.to, "to", "", "last value date, YYYY-MM-DD (default: all)")
	}
}

// runReport writes the logframe of a period as text, CSV, XLSX or IATI
// XML. The workbook's entries (those dated in the period) are read and
// written as they go.
func runReport(ctx context.Context, a *App, e *env, _ *flag.FlagSet, _ []string) error {
	a.limitBatchMemory()
	fw, rf := e.cfg.Framework, e.report
	core := a.newCore(e, e.db)
	p, err := core.ReportPeriod(ctx, fw.Today(a.Clock.Now()), rf.period, rf.phase)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	phase := fw.PhaseOf(p)
	country := ""
	if rf.country != "" {
		c := fw.LookupCountry(rf.country)
		if c == nil {
			return fmt.Errorf("-country %q: not a country of the programme", rf.country)
		}
		country = c.Code
	}
	var write func(io.Writer) error
	switch rf.format {
	case "text":
		doc, _, err := core.Report(ctx, core.Loc(""), p, country)
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { _, err := io.WriteString(w, reply.Text(doc)+"\n"); return err }
	case "csv":
		lf, err := core.Logframe(ctx, p, country)
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return export.LogframeCSV(w, lf) }
	case "xlsx":
		wb, err := core.Workbook(ctx, p, country)
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return export.WriteXLSX(w, wb) }
	case "iati":
		if e.cfg.IATI.Identifier == "" {
			return errors.New("-format iati needs the [iati] table of the configuration: identifier, reporting_org_ref, reporting_org_type, reporting_org_name, a [[iati.sector]], and budget_not_provided or [[iati.budget]] (see config.example.toml)")
		}
		updated, err := e.db.LastChange(ctx)
		if err != nil {
			return err
		}
		kept, lfs, err := core.IATIReport(ctx, p)
		if err != nil {
			return err
		}
		act := iatiActivity(e.cfg.IATI, updated, a.Clock.Now())
		act.Identifier, act.Related = activityIdentifiers(act.Identifier, phase, act.Related)
		write = func(w io.Writer) error { return export.WriteIATI(w, kept, act, lfs) }
	default:
		return fmt.Errorf("-format %q: use text, csv, xlsx or iati", rf.format)
	}
	return a.writeOut(rf.out, write)
}

// activityIdentifiers are the IATI identifier of phase (the [iati]
// identifier for the first, its own for the others) and its related
// activities: those configured and the programme's other phases, as
// siblings.
func activityIdentifiers(first string, phase *ctbot.Framework, related []export.Related) (string, []export.Related) {
	idOf := func(p *ctbot.Framework) string {
		if p.Number() == 1 {
			return first
		}
		return p.IATIIdentifier
	}
	for _, p := range phase.PhaseList() {
		if p != phase && idOf(p) != "" && !slices.ContainsFunc(related, func(r export.Related) bool { return r.Ref == idOf(p) }) {
			related = append(related, export.Related{Ref: idOf(p), Type: export.RelatedSibling})
		}
	}
	return idOf(phase), related
}

// runExport writes every entry (value dates in -from..-to) and the audit
// trail of those entries, as CSV (two files) or one XLSX workbook, read
// and written as they go.
func runExport(ctx context.Context, a *App, e *env, _ *flag.FlagSet, _ []string) error {
	a.limitBatchMemory()
	rf := e.report
	var from, to ctbot.Date
	var err error
	if rf.from != "" {
		if from, err = ctbot.ParseDate(rf.from); err != nil {
			return fmt.Errorf("-from: %w", err)
		}
	}
	if rf.to != "" {
		if to, err = ctbot.ParseDate(rf.to); err != nil {
			return fmt.Errorf("-to: %w", err)
		}
	}
	wb := a.newCore(e, e.db).Records(ctx, from, to)
	switch rf.format {
	case "csv":
		if rf.out == "-" {
			return errors.New("-format csv writes two files (entries and audit trail): name the first with -o, e.g. -o entries.csv")
		}
		var entries, audit int
		if err := a.writeOut(rf.out, func(w io.Writer) (err error) { entries, err = export.EntriesCSV(w, wb.Entries); return err }); err != nil {
			return err
		}
		auditPath := strings.TrimSuffix(rf.out, ".csv") + "-audit.csv"
		if err := a.writeOut(auditPath, func(w io.Writer) (err error) { audit, err = export.AuditCSV(w, wb.Audit); return err }); err != nil {
			return err
		}
		fmt.Fprintf(a.Stderr, "wrote %d entries to %s and %d audit rows to %s\n", entries, rf.out, audit, auditPath)
		return nil
	case "xlsx":
		return a.writeOut(rf.out, func(w io.Writer) error { return export.WriteXLSX(w, wb) })
	default:
		return fmt.Errorf("-format %q: use csv or xlsx", rf.format)
	}
}

// batchMemoryLimit is the soft limit on the Go heap of a report or an
// export made from the command line, unless GOMEMLIMIT sets another: the
// garbage collector runs more often near it (a workbook of 1M entries
// takes about 115 MB instead of 156 MB, and 8% longer), where by default
// it lets the heap grow to twice what is live (excelize's buffers of a
// large sheet, up to 32 MB each, stay live until the file is written).
const batchMemoryLimit = 96 << 20

// limitBatchMemory sets batchMemoryLimit for a report or an export.
func (a *App) limitBatchMemory() {
	if a.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(batchMemoryLimit)
	}
}

// writeOut writes what write makes to path (standard output for "-"),
// privately (mode 0600), as it is made.
func (a *App) writeOut(path string, write func(io.Writer) error) error {
	if path == "-" {
		return write(a.Stdout)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	err = f.Chmod(0o600) // a file that was there keeps its mode otherwise
	if err == nil {
		err = write(f)
	}
	return errors.Join(err, f.Close())
}

// saveFile makes a reply's file (an export) and writes it to path.
func (a *App) saveFile(ctx context.Context, path string, f *reply.File) error {
	r, _, err := f.Open(ctx)
	if err != nil {
		return err
	}
	defer r.Close()
	return a.writeOut(path, func(w io.Writer) error { _, err := io.Copy(w, r); return err })
}
