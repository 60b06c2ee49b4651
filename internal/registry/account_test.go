package registry_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/registry"
)

func TestAccountValidation(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	u := f.opd(t, f.a.ID, "1.01", "Dinas Pendidikan", 0)
	e := f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: pnsNIP(0), Name: "Budi", OPDID: u.ID})
	tests := []struct {
		name   string
		a      registry.Account
		field  string // "" when the save must succeed
		handle string // the stored handle
	}{
		{"unknown platform", registry.Account{Platform: "myspace", Handle: "budi"}, "platform", ""},
		{"empty platform", registry.Account{Handle: "budi"}, "platform", ""},
		{"no handle and no URL", registry.Account{Platform: "instagram", Handle: " @ "}, "handle", ""},
		{"handle with a space", registry.Account{Platform: "instagram", Handle: "budi santoso"}, "handle", ""},
		{"handle with a slash", registry.Account{Platform: "instagram", Handle: "budi/santoso"}, "handle", ""},
		{"handle too long", registry.Account{Platform: "other", Handle: strings.Repeat("h", 101)}, "handle", ""},
		{"URL not http", registry.Account{Platform: "instagram", Handle: "budi", URL: "ftp://instagram.com/budi"}, "url", ""},
		{"URL without host", registry.Account{Platform: "instagram", Handle: "budi", URL: "https:///budi"}, "url", ""},
		{"URL without scheme", registry.Account{Platform: "instagram", Handle: "budi", URL: "instagram.com/budi"}, "url", ""},
		{"handle normalised", registry.Account{Platform: " Instagram ", Handle: " @Budi.S "}, "", "budi.s"},
		{"handle from the URL", registry.Account{Platform: "other", URL: "https://Blog.Example.org/budi/"}, "", "blog.example.org/budi"},
		{"telegram, as the roster accepts it", registry.Account{Platform: "telegram", Handle: "@budi_s"}, "", "budi_s"},
		{"bluesky, as the roster accepts it", registry.Account{Platform: "bluesky", Handle: "budi.bsky.social"}, "", "budi.bsky.social"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.InstansiID, a.EmployeeID = f.a.ID, e.ID
			before := f.counts(t)
			got, err := f.s.SaveAccount(ctx, actor, a)
			if tt.field != "" {
				if !errors.Is(err, registry.ErrInvalid) || fieldOf(err) != tt.field {
					t.Fatalf("err = %v (field %q), want an invalid %q", err, fieldOf(err), tt.field)
				}
				sameCounts(t, before, f.counts(t))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.ID == 0 || got.Handle != tt.handle {
				t.Fatalf("saved %+v, want handle %q", got, tt.handle)
			}
		})
	}
}

func TestAccounts(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	u := f.opd(t, f.a.ID, "1.01", "Dinas Pendidikan", 0)
	budi := f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: pnsNIP(0), Name: "Budi", OPDID: u.ID})
	siti := f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: pnsNIP(1), Name: "Siti", OPDID: u.ID})

	ig, err := f.s.SaveAccount(ctx, actor, registry.Account{InstansiID: f.a.ID, EmployeeID: budi.ID, Platform: "instagram",
		Handle: "@Budi.S", URL: "https://instagram.com/budi.s"})
	if err != nil {
		t.Fatal(err)
	}
	fb, err := f.s.SaveAccount(ctx, actor, registry.Account{InstansiID: f.a.ID, EmployeeID: budi.ID, Platform: "facebook", Handle: "budi.santoso"})
	if err != nil {
		t.Fatal(err)
	}
	accs, err := f.s.Accounts(ctx, f.a.ID, budi.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(accs) != 2 || accs[0].ID != fb.ID || accs[1].ID != ig.ID || accs[1].Handle != "budi.s" || accs[1].URL != "https://instagram.com/budi.s" ||
		len(accs[1].History) != 0 || accs[1].CreatedAt.IsZero() || accs[1].EmployeeID != budi.ID {
		t.Fatalf("Accounts = %+v", accs)
	}

	t.Run("the same account again for the same employee is a no-op", func(t *testing.T) {
		before := f.counts(t)
		if _, err := f.s.SaveAccount(ctx, actor, registry.Account{InstansiID: f.a.ID, EmployeeID: budi.ID, Platform: "instagram", Handle: "budi.s"}); err != nil {
			t.Fatal(err)
		}
		sameCounts(t, before, f.counts(t))
	})

	conflicts := []struct {
		name string
		a    registry.Account
	}{
		{"same handle", registry.Account{Platform: "instagram", Handle: "budi.s"}},
		{"same handle, other spelling", registry.Account{Platform: "Instagram", Handle: "@BUDI.S"}},
		{"rename onto a taken handle", registry.Account{Platform: "facebook", Handle: "budi.santoso"}},
	}
	for _, tt := range conflicts {
		t.Run("conflict: "+tt.name, func(t *testing.T) {
			a := tt.a
			a.InstansiID, a.EmployeeID = f.a.ID, siti.ID
			if tt.name == "rename onto a taken handle" {
				own, err := f.s.SaveAccount(ctx, actor, registry.Account{InstansiID: f.a.ID, EmployeeID: siti.ID, Platform: "facebook", Handle: "siti"})
				if err != nil {
					t.Fatal(err)
				}
				a.ID = own.ID
			}
			before := f.counts(t)
			_, err := f.s.SaveAccount(ctx, actor, a)
			if !errors.Is(err, registry.ErrConflict) || fieldOf(err) != "handle" {
				t.Fatalf("err = %v, want a conflict on handle", err)
			}
			sameCounts(t, before, f.counts(t))
		})
	}
	// The same handle in another instansi is a different record.
	ob := f.opd(t, f.b.ID, "1.01", "X", 0)
	eb := f.emp(t, registry.Employee{InstansiID: f.b.ID, NIP: pnsNIP(0), Name: "Budi Cilacap", OPDID: ob.ID})
	if _, err := f.s.SaveAccount(ctx, actor, registry.Account{InstansiID: f.b.ID, EmployeeID: eb.ID, Platform: "instagram", Handle: "budi.s"}); err != nil {
		t.Fatalf("same handle in another instansi: %v", err)
	}

	t.Run("handle changes are kept in the history", func(t *testing.T) {
		changes := []registry.Account{
			{Handle: "budi.santoso.official", URL: "https://instagram.com/budi.santoso.official"},
			{Handle: "budi.santoso.official", URL: "https://www.instagram.com/budi.santoso.official/"}, // URL only
			{Handle: "budi.s.2024", URL: ""},
		}
		for _, c := range changes {
			a := ig
			a.Handle, a.URL = c.Handle, c.URL
			time.Sleep(2 * time.Millisecond) // distinct timestamps
			saved, err := f.s.SaveAccount(ctx, actor, a)
			if err != nil {
				t.Fatal(err)
			}
			if saved.ID != ig.ID {
				t.Fatalf("id changed: %d", saved.ID)
			}
		}
		accs, err := f.s.Accounts(ctx, f.a.ID, budi.ID)
		if err != nil {
			t.Fatal(err)
		}
		var cur registry.Account
		for _, a := range accs {
			if a.ID == ig.ID {
				cur = a
			}
		}
		if cur.Handle != "budi.s.2024" || cur.URL != "" {
			t.Fatalf("current = %+v", cur)
		}
		var got []string
		for _, h := range cur.History {
			got = append(got, h.Handle+" "+h.URL)
			if h.From.IsZero() || h.To.IsZero() || h.To.Before(h.From) {
				t.Errorf("history entry %+v has bad dates", h)
			}
		}
		want := []string{
			"budi.santoso.official https://www.instagram.com/budi.santoso.official/",
			"budi.santoso.official https://instagram.com/budi.santoso.official",
			"budi.s https://instagram.com/budi.s",
		}
		if !slices.Equal(got, want) {
			t.Fatalf("history =\n%v\nwant\n%v", got, want)
		}
		for i := 1; i < len(cur.History); i++ {
			if cur.History[i].To.After(cur.History[i-1].To) {
				t.Fatal("history is not newest first")
			}
		}
		// The old handle is free again.
		if _, err := f.s.SaveAccount(ctx, actor, registry.Account{InstansiID: f.a.ID, EmployeeID: siti.ID, Platform: "instagram", Handle: "budi.s"}); err != nil {
			t.Fatalf("reuse of a released handle: %v", err)
		}
	})

	t.Run("a change that keeps handle and URL adds no history", func(t *testing.T) {
		a := fb
		a.Verified, a.PlatformID = true, "100012345"
		if _, err := f.s.SaveAccount(ctx, actor, a); err != nil {
			t.Fatal(err)
		}
		accs, _ := f.s.Accounts(ctx, f.a.ID, budi.ID)
		for _, x := range accs {
			if x.ID == fb.ID && (!x.Verified || x.PlatformID != "100012345" || len(x.History) != 0) {
				t.Fatalf("facebook account = %+v", x)
			}
		}
	})

	notFound := []struct {
		name string
		a    registry.Account
	}{
		{"employee of another instansi", registry.Account{InstansiID: f.a.ID, EmployeeID: eb.ID, Platform: "x", Handle: "new"}},
		{"missing employee", registry.Account{InstansiID: f.a.ID, EmployeeID: 999999, Platform: "x", Handle: "new"}},
		{"account of another employee", registry.Account{ID: ig.ID, InstansiID: f.a.ID, EmployeeID: siti.ID, Platform: "instagram", Handle: "taken.over"}},
		{"account of another instansi", registry.Account{ID: ig.ID, InstansiID: f.b.ID, EmployeeID: eb.ID, Platform: "instagram", Handle: "taken.over"}},
		{"missing account", registry.Account{ID: 999999, InstansiID: f.a.ID, EmployeeID: budi.ID, Platform: "instagram", Handle: "x"}},
	}
	for _, tt := range notFound {
		t.Run("not found: "+tt.name, func(t *testing.T) {
			before := f.counts(t)
			if _, err := f.s.SaveAccount(ctx, actor, tt.a); !errors.Is(err, registry.ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
			sameCounts(t, before, f.counts(t))
		})
	}

	t.Run("delete", func(t *testing.T) {
		before := f.counts(t)
		for _, bad := range [][3]int64{{f.b.ID, budi.ID, ig.ID}, {f.a.ID, siti.ID, ig.ID}, {f.a.ID, budi.ID, 999999}} {
			if err := f.s.DeleteAccount(ctx, actor, bad[0], bad[1], bad[2]); !errors.Is(err, registry.ErrNotFound) {
				t.Fatalf("DeleteAccount%v = %v, want ErrNotFound", bad, err)
			}
		}
		sameCounts(t, before, f.counts(t))
		if err := f.s.DeleteAccount(ctx, actor, f.a.ID, budi.ID, ig.ID); err != nil {
			t.Fatal(err)
		}
		accs, err := f.s.Accounts(ctx, f.a.ID, budi.ID)
		if err != nil || len(accs) != 1 || accs[0].ID != fb.ID {
			t.Fatalf("after delete: %+v, %v", accs, err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM social_account_handle WHERE account_id = ?`, ig.ID); n != 0 {
			t.Fatalf("%d handle rows left", n)
		}
		if err := f.s.DeleteAccount(ctx, actor, f.a.ID, budi.ID, ig.ID); !errors.Is(err, registry.ErrNotFound) {
			t.Fatalf("second delete: %v", err)
		}
		// The audit entry keeps what was deleted.
		var was string
		if err := f.d.QueryRow(ctx, `SELECT before_json FROM audit_log WHERE action = 'account.delete'`).Scan(&was); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(was, "budi.s.2024") || !strings.Contains(was, "instagram") {
			t.Fatalf("audit before_json = %s", was)
		}
	})
}
