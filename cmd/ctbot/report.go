package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cttechplus/ctbot"
	"github.com/cttechplus/ctbot/export"
	"github.com/cttechplus/ctbot/reply"
)

// reportFlags are the flags of `ctbot report` and `ctbot export`.
type reportFlags struct {
	period, country, format, out, from, to string
}

func (r *reportFlags) register(fs *flag.FlagSet, formats string, withPeriod bool) {
	def := "xlsx"
	if withPeriod {
		def = "text"
	}
	fs.StringVar(&r.format, "format", def, "output format: "+formats)
	fs.StringVar(&r.out, "o", "-", "file to write (- for standard output; files are private, mode 0600)")
	if withPeriod {
		fs.StringVar(&r.period, "period", "", "reporting period, e.g. 2026-Q3 (default the last complete one)")
		fs.StringVar(&r.country, "country", "", "one state only (code or name)")
	} else {
		fs.StringVar(&r.from, "from", "", "first value date, YYYY-MM-DD (default: all)")
		fs.StringVar(&r.to, "to", "", "last value date, YYYY-MM-DD (default: all)")
	}
}

// runReport writes the logframe of a period as text, CSV, XLSX or IATI XML.
func runReport(ctx context.Context, a *App, e *env, _ *flag.FlagSet, _ []string) error {
	fw, rf := e.cfg.Framework, e.report
	p, ok := fw.LastComplete(fw.Today(a.Now()))
	if rf.period != "" {
		var err error
		if p, err = ctbot.ParsePeriod(fw.Period, rf.period); err != nil {
			return fmt.Errorf("-period: %w", err)
		}
	} else if !ok {
		return errors.New("no reporting period is complete yet: name one with -period")
	}
	country := ""
	if rf.country != "" {
		c := fw.LookupCountry(rf.country)
		if c == nil {
			return fmt.Errorf("-country %q: not a country of the programme", rf.country)
		}
		country = c.Code
	}
	core := a.newCore(e, e.db)
	var buf bytes.Buffer
	switch rf.format {
	case "text":
		doc, _, err := core.Report(ctx, core.Loc(""), p, country)
		if err != nil {
			return err
		}
		buf.WriteString(reply.Text(doc) + "\n")
	case "csv":
		lf, err := core.Logframe(ctx, p, country)
		if err != nil {
			return err
		}
		if err := export.LogframeCSV(&buf, lf); err != nil {
			return err
		}
	case "xlsx":
		wb, err := core.Workbook(ctx, &p, country)
		if err != nil {
			return err
		}
		if err := export.WriteXLSX(&buf, wb); err != nil {
			return err
		}
	case "iati":
		act := e.cfg.IATI
		if act.Identifier == "" {
			return errors.New("-format iati needs the [iati] table of the configuration: identifier, reporting_org_ref, reporting_org_type, reporting_org_name")
		}
		var lfs []*ctbot.Logframe
		for _, q := range fw.Periods() {
			if q.Start.After(p.Start) {
				break
			}
			lf, err := core.Logframe(ctx, q, "")
			if err != nil {
				return err
			}
			lfs = append(lfs, lf)
		}
		err := export.WriteIATI(&buf, fw, export.Activity{Identifier: act.Identifier, ReportingOrgRef: act.ReportingOrgRef,
			ReportingOrgType: act.ReportingOrgType, ReportingOrgName: act.ReportingOrgName, Description: act.Description,
			FundingOrgRef: act.FundingOrgRef, FundingOrgName: act.FundingOrgName, Generated: a.Now()}, lfs)
		if err != nil {
			return err
		}
	default:
		return fmt.Errorf("-format %q: use text, csv, xlsx or iati", rf.format)
	}
	return a.writeOut(rf.out, buf.Bytes())
}

// runExport writes every entry (value dates in -from..-to) and the audit
// trail of those entries, as CSV (two files) or one XLSX workbook.
func runExport(ctx context.Context, a *App, e *env, _ *flag.FlagSet, _ []string) error {
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
	core := a.newCore(e, e.db)
	wb, err := core.Workbook(ctx, nil, "")
	if err != nil {
		return err
	}
	keep := map[int64]bool{}
	var es []*ctbot.Entry
	for _, x := range wb.Entries {
		if (from.IsZero() || !x.Date.Before(from)) && (to.IsZero() || !x.Date.After(to)) {
			es = append(es, x)
			keep[x.ID] = true
		}
	}
	var audit []ctbot.AuditRecord
	for _, r := range wb.Audit {
		if keep[r.EntryID] {
			audit = append(audit, r)
		}
	}
	var buf bytes.Buffer
	switch rf.format {
	case "csv":
		if rf.out == "-" {
			return errors.New("-format csv writes two files (entries and audit trail): name the first with -o, e.g. -o entries.csv")
		}
		if err := export.EntriesCSV(&buf, es); err != nil {
			return err
		}
		if err := a.writeOut(rf.out, buf.Bytes()); err != nil {
			return err
		}
		buf.Reset()
		if err := export.AuditCSV(&buf, audit); err != nil {
			return err
		}
		auditPath := strings.TrimSuffix(rf.out, ".csv") + "-audit.csv"
		if err := a.writeOut(auditPath, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(a.Stderr, "wrote %d entries to %s and %d audit rows to %s\n", len(es), rf.out, len(audit), auditPath)
		return nil
	case "xlsx":
		if err := export.WriteXLSX(&buf, export.Workbook{Entries: es, Audit: audit, Pillars: e.cfg.Framework.Readiness.Pillars}); err != nil {
			return err
		}
	default:
		return fmt.Errorf("-format %q: use csv or xlsx", rf.format)
	}
	return a.writeOut(rf.out, buf.Bytes())
}

// writeOut writes data to path (standard output for "-"), privately.
func (a *App) writeOut(path string, data []byte) error {
	if path == "-" {
		_, err := io.Copy(a.Stdout, bytes.NewReader(data))
		return err
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}
