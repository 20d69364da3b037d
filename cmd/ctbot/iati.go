package main

import (
	"time"

	"github.com/cttechplus/ctbot/config"
	"github.com/cttechplus/ctbot/export"
)

// iatiActivity is the [iati] table as the IATI writer takes it, with the
// instant the data last changed and now, when the file is made.
func iatiActivity(c config.IATI, updated, now time.Time) export.Activity {
	a := export.Activity{Identifier: c.Identifier, ReportingOrgRef: c.ReportingOrgRef, ReportingOrgType: c.ReportingOrgType,
		ReportingOrgName: c.ReportingOrgName, Description: c.Description,
		FundingOrgRef: c.FundingOrgRef, FundingOrgName: c.FundingOrgName, FundingOrgType: c.FundingOrgType,
		DefaultCurrency: c.DefaultCurrency, CollaborationType: c.CollaborationType, FlowType: c.FlowType,
		FinanceType: c.FinanceType, AidType: c.AidType, BudgetNotProvided: c.BudgetNotProvided,
		Updated: updated, Generated: now}
	for _, s := range c.Sectors {
		a.Sectors = append(a.Sectors, export.Sector{Code: s.Code, Percentage: s.Percentage})
	}
	for _, b := range c.Budgets {
		a.Budgets = append(a.Budgets, export.Budget{Type: b.Type, Status: b.Status, Start: b.PeriodStart, End: b.PeriodEnd,
			Value: *b.Value, ValueDate: b.ValueDate})
	}
	for _, r := range c.Related {
		a.Related = append(a.Related, export.Related{Ref: r.Ref, Type: r.Type})
	}
	return a
}
