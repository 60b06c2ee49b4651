// Package demoseed writes the demo Pemda (Kabupaten Tanjung Harapan, region
// 99.01, see package demo) into a database, once: seeding again changes nothing.
package demoseed

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/demo"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/sealbox"
	"github.com/netral-asn/netral/internal/tenant"
)

// Password is the password of every demo user. It is printed by `netral demo`
// and must never be used outside a demonstration.
const Password = "netral-demo-2024"

// AdminUser is the demo admin's user name.
const AdminUser = "admin"

// Result says what Seed did.
type Result struct {
	Created   bool // false when the demo Pemda was already there
	OPDs      int
	Employees int
	Accounts  int
	Users     int
	// Activities is the number of demo activity records ingested (see
	// demo.Activities); Flagged of them were flagged and are in the review
	// inbox, Attributed were matched to a demo employee's account.
	Activities int
	Flagged    int
	Attributed int
	// Reports public reports were filed and Cases cases opened (see
	// seedCases); their identities are sealed only when Options.ReportKey
	// is set, else every demo report is anonymous.
	Reports int
	Cases   int
}

// Options are the settings of [SeedWith].
type Options struct {
	// ReportKey seals the identities of the demo's confidential public
	// reports; nil: the demo files anonymous reports only.
	ReportKey *sealbox.Box
}

// Seed writes the demo dataset in one transaction unless its instansi
// exists, then ingests the demo activity stream (demo.Activities) through
// monitoring, so that the review inbox has work on first start, and files
// the demo's public reports and cases (anonymous reports only: see
// [SeedWith]). A failure after the Pemda was written is returned with
// Created set.
func Seed(ctx context.Context, d *db.DB) (Result, error) { return SeedWith(ctx, d, Options{}) }

// SeedWith is [Seed] with options.
func SeedWith(ctx context.Context, d *db.DB, opt Options) (Result, error) {
	ds := demo.Generate()
	var res Result
	if _, err := tenant.ByCode(ctx, d, ds.RegionCode); err == nil {
		return res, nil
	} else if !errors.Is(err, db.ErrNotFound) {
		return res, err
	}
	actor := audit.System("demo")
	var instID int64
	err := d.InTx(ctx, func(tx *db.Tx) error {
		inst, err := tenant.Create(ctx, tx, actor, ds.RegionCode, ds.RegionName, tenant.KindKabupaten)
		if err != nil {
			return err
		}
		instID = inst.ID
		opdIDs := map[string]int64{}
		for _, o := range ds.OPDs {
			id, err := registry.CreateOPDTx(ctx, tx, actor, registry.OPD{InstansiID: inst.ID, Code: o.Code, Name: o.Name,
				Kind: o.Kind, ParentID: opdIDs[o.ParentCode]})
			if err != nil {
				return err
			}
			opdIDs[o.Code] = id
			res.OPDs++
		}
		empIDs := map[string]int64{}
		for _, e := range ds.Employees {
			var saved registry.Employee
			for i, p := range e.Positions {
				rec := registry.Employee{ID: saved.ID, InstansiID: inst.ID, NIP: e.NIP, Name: e.Name, Kind: e.Kind,
					Jabatan: p.Jabatan, OPDID: opdIDs[p.OPDCode], Email: e.Email, Phone: e.Phone}
				if saved, _, err = registry.SaveEmployeeTx(ctx, tx, actor, rec, p.From, "demo"); err != nil {
					return fmt.Errorf("demo employee %s (position %d): %w", e.NIP, i, err)
				}
			}
			empIDs[e.NIP] = saved.ID
			res.Employees++
			for _, a := range e.Accounts {
				if _, _, err := registry.SaveAccountTx(ctx, tx, actor, registry.Account{InstansiID: inst.ID, EmployeeID: saved.ID,
					Platform: a.Platform, Handle: a.Handle, URL: a.URL, Verified: a.Verified}); err != nil {
					return fmt.Errorf("demo account %s:%s: %w", a.Platform, a.Handle, err)
				}
				res.Accounts++
			}
		}
		for _, u := range ds.Users {
			au := auth.User{InstansiID: inst.ID, Username: u.Username, FullName: u.FullName, Role: auth.Role(u.Role),
				OPDID: opdIDs[u.OPDCode], EmployeeID: empIDs[u.EmployeeNIP]}
			if u.Username == "ketua.tim" {
				au.Role = auth.RoleKetuaTim // the chair of the Tim Pengawas
			}
			if _, err := auth.CreateUser(ctx, tx, actor, au, Password); err != nil {
				return fmt.Errorf("demo user %s: %w", u.Username, err)
			}
			res.Users++
		}
		return nil
	})
	res.Created = err == nil
	if err != nil {
		return res, err
	}
	rep, err := monitor.Ingest(ctx, d, bytes.NewReader(demo.ActivitiesJSONL(demo.Activities(ds))), monitor.IngestOptions{
		InstansiID: instID, Source: monitor.SourceImport, Format: monitor.FormatJSONL, Actor: actor})
	res.Activities, res.Flagged, res.Attributed = rep.New, rep.Flagged, rep.Attributed
	if err != nil {
		return res, fmt.Errorf("demo activities: %w", err)
	}
	if rep.RejectedCount > 0 {
		return res, fmt.Errorf("demo activities: %d records rejected, the first: %+v", rep.RejectedCount, rep.Rejected[0])
	}
	if err := seedCases(ctx, d, instID, opt.ReportKey, &res); err != nil { // cases.go
		return res, err
	}
	return res, nil
}
