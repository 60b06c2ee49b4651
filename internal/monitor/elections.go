package monitor

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/tenant"
)

// DemoRegion is the code of the fictional demo Pemda, which has no built-in
// Pilkada: its contest ships with this package.
const DemoRegion = "99.01"

//go:embed data/pilkada-2024-tanjung-harapan.json
var demoPilkadaJSON []byte

// ElectionVersion is one stored version of an instansi's election
// definitions. The highest version is the active one.
type ElectionVersion struct {
	ID         int64
	InstansiID int64
	Version    int
	Lexicon    string // hash of Definition: the lexicon version of screening results
	Definition []byte // JSON array of election definitions (contract §1)
	Source     string // "builtin", or the imported file's name
	CreatedBy  string
	CreatedAt  time.Time
}

// Elections decodes the definition.
func (v ElectionVersion) Elections() ([]*election.Election, error) {
	return election.Parse(bytes.NewReader(v.Definition), "election version "+strconv.Itoa(v.Version))
}

// DefaultElections returns the elections an instansi screens with until it
// imports its own: the built-in elections of its region (Pemilu 2024 and its
// Pilkada, see [election.ForRegion]). A code the built-in list does not know
// gets Pemilu 2024 only, and the demo region 99.01 gets Pemilu 2024 plus the
// fictional Pilkada Tanjung Harapan.
func DefaultElections(code string) ([]*election.Election, error) {
	es, err := election.ForRegion(code)
	if err == nil {
		return es, nil
	}
	es, err = election.ForRegion(tenant.NationalCode)
	if err != nil {
		return nil, err
	}
	if code == DemoRegion {
		demo, err := election.Parse(bytes.NewReader(demoPilkadaJSON), "builtin:pilkada-2024-tanjung-harapan.json")
		if err != nil {
			return nil, fmt.Errorf("demo election: %w", err)
		}
		es = append(es, demo...)
	}
	return es, nil
}

// EncodeElections returns the stored form of elections and its lexicon hash.
func EncodeElections(es []*election.Election) (definition []byte, lexicon string, err error) {
	var b bytes.Buffer
	if len(es) == 0 {
		return nil, "", invalid("no elections")
	}
	if err := election.Encode(&b, es); err != nil {
		return nil, "", err
	}
	def := b.Bytes()
	if len(es) == 1 { // Encode writes one election as an object: always store an array
		def = append(append([]byte("["), bytes.TrimSpace(def)...), ']', '\n')
	}
	sum := sha256.Sum256(def)
	return def, hex.EncodeToString(sum[:8]), nil
}

const versionCols = `id, instansi_id, version, lexicon, definition, source, created_by, created_at`

func scanVersion(r interface{ Scan(...any) error }) (ElectionVersion, error) {
	var v ElectionVersion
	var def, created string
	err := r.Scan(&v.ID, &v.InstansiID, &v.Version, &v.Lexicon, &def, &v.Source, &v.CreatedBy, &created)
	v.Definition, v.CreatedAt = []byte(def), clock.Parse(created)
	return v, err
}

// ActiveElections returns the active (highest) election version of an
// instansi; [ErrNotFound] when it has none yet.
func ActiveElections(ctx context.Context, q db.Querier, instansiID int64) (ElectionVersion, error) {
	v, err := scanVersion(q.QueryRow(ctx, `SELECT `+versionCols+` FROM instansi_election_version
		WHERE instansi_id = ? ORDER BY version DESC LIMIT 1`, instansiID))
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return v, ErrNotFound
	}
	return v, err
}

// ElectionVersions lists every stored version of an instansi, newest first.
func ElectionVersions(ctx context.Context, q db.Querier, instansiID int64) ([]ElectionVersion, error) {
	rows, err := q.Query(ctx, `SELECT `+versionCols+` FROM instansi_election_version WHERE instansi_id = ?
		ORDER BY version DESC`, instansiID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ElectionVersion
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// EnsureElections returns the active election version of an instansi,
// storing its [DefaultElections] as version 1 when it has none.
func EnsureElections(ctx context.Context, d *db.DB, instansiID int64) (ElectionVersion, error) {
	v, err := ActiveElections(ctx, d, instansiID)
	if !errors.Is(err, ErrNotFound) {
		return v, err
	}
	i, err := tenant.Get(ctx, d, instansiID)
	if err != nil {
		return v, fmt.Errorf("instansi %d: %w", instansiID, err)
	}
	es, err := DefaultElections(i.Code)
	if err != nil {
		return v, err
	}
	v, _, err = ActivateElections(ctx, d, audit.System("monitor"), instansiID, es, election.BuiltinSource)
	if err != nil { // another node or request may have stored it at the same time
		if again, aerr := ActiveElections(ctx, d, instansiID); aerr == nil {
			return again, nil
		}
	}
	return v, err
}

// ActivateElections stores elections as the instansi's new active version
// and audits it. When they equal the active version, nothing is stored and
// changed is false.
func ActivateElections(ctx context.Context, d *db.DB, actor audit.Actor, instansiID int64, es []*election.Election,
	source string) (v ElectionVersion, changed bool, err error) {
	def, lex, err := EncodeElections(es)
	if err != nil {
		return v, false, err
	}
	err = d.InTx(ctx, func(tx *db.Tx) error {
		cur, err := ActiveElections(ctx, tx, instansiID)
		switch {
		case err == nil && cur.Lexicon == lex:
			v = cur
			return nil
		case err != nil && !errors.Is(err, ErrNotFound):
			return err
		}
		v = ElectionVersion{InstansiID: instansiID, Version: cur.Version + 1, Lexicon: lex, Definition: def,
			Source: source, CreatedBy: actor.Name, CreatedAt: time.Now().UTC().Truncate(time.Millisecond)}
		if err := tx.QueryRow(ctx, `INSERT INTO instansi_election_version (instansi_id, version, lexicon, definition,
			source, created_by, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id`, instansiID, v.Version, lex, string(def),
			source, actor.Name, clock.Format(v.CreatedAt)).Scan(&v.ID); err != nil {
			if db.IsUniqueViolation(err) {
				return fmt.Errorf("election version %d of instansi %d was stored concurrently: retry", v.Version, instansiID)
			}
			return fmt.Errorf("store election version: %w", err)
		}
		changed = true
		ids := make([]string, 0, len(es))
		for _, e := range es {
			ids = append(ids, e.ID)
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "elections.activate",
			ObjectType: "instansi_election_version", ObjectID: strconv.FormatInt(v.ID, 10),
			Before: versionSummary(cur), After: map[string]any{"version": v.Version, "lexicon": lex, "source": source,
				"elections": ids}})
	})
	return v, changed, err
}

func versionSummary(v ElectionVersion) any {
	if v.ID == 0 {
		return nil
	}
	return map[string]any{"version": v.Version, "lexicon": v.Lexicon, "source": v.Source}
}
