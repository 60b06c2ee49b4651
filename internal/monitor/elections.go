package monitor

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
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
	// Exceptions are the instansi's exception phrases (review_exception)
	// applied after screening with this version, sorted by their key. A
	// change of the active exceptions makes a new version ([EnsureElections]).
	Exceptions []string
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

const versionCols = `id, instansi_id, version, lexicon, definition, source, created_by, created_at, exceptions`

func scanVersion(r interface{ Scan(...any) error }) (ElectionVersion, error) {
	var v ElectionVersion
	var def, created, exc string
	err := r.Scan(&v.ID, &v.InstansiID, &v.Version, &v.Lexicon, &def, &v.Source, &v.CreatedBy, &created, &exc)
	v.Definition, v.CreatedAt = []byte(def), clock.Parse(created)
	if err == nil {
		_ = json.Unmarshal([]byte(exc), &v.Exceptions)
	}
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
// storing its [DefaultElections] as version 1 when it has none. When the
// instansi's active exception phrases changed since the active version was
// stored, it stores a new version with the same definitions and the current
// exceptions first, so results computed with them get a version of their
// own (and [Rescreen] screens every activity again).
func EnsureElections(ctx context.Context, d *db.DB, instansiID int64) (ElectionVersion, error) {
	v, err := ActiveElections(ctx, d, instansiID)
	if err == nil {
		return syncExceptions(ctx, d, v)
	}
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
	ids := make([]string, 0, len(es))
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	err = d.InTx(ctx, func(tx *db.Tx) error {
		cur, err := ActiveElections(ctx, tx, instansiID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		exc, err := activeExceptionPhrases(ctx, tx, instansiID)
		if err != nil {
			return err
		}
		if cur.ID != 0 && cur.Lexicon == lex && slices.Equal(cur.Exceptions, exc) {
			v = cur
			return nil
		}
		v, err = storeVersion(ctx, tx, actor, instansiID, cur, def, lex, source, exc, ids)
		changed = err == nil
		return err
	})
	return v, changed, err
}

// storeVersion stores the version after cur (zero when none) and audits it.
func storeVersion(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID int64, cur ElectionVersion, def []byte,
	lex, source string, exc, electionIDs []string) (ElectionVersion, error) {
	v := ElectionVersion{InstansiID: instansiID, Version: cur.Version + 1, Lexicon: lex, Definition: def,
		Source: source, CreatedBy: actor.Name, CreatedAt: time.Now().UTC().Truncate(time.Millisecond), Exceptions: exc}
	excJSON, _ := json.Marshal(nonNil(exc))
	if err := tx.QueryRow(ctx, `INSERT INTO instansi_election_version (instansi_id, version, lexicon, definition,
		source, created_by, created_at, exceptions) VALUES (?,?,?,?,?,?,?,?) RETURNING id`, instansiID, v.Version, lex,
		string(def), source, actor.Name, clock.Format(v.CreatedAt), string(excJSON)).Scan(&v.ID); err != nil {
		if db.IsUniqueViolation(err) {
			return v, fmt.Errorf("election version %d of instansi %d was stored concurrently: retry", v.Version, instansiID)
		}
		return v, fmt.Errorf("store election version: %w", err)
	}
	return v, audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "elections.activate",
		ObjectType: "instansi_election_version", ObjectID: strconv.FormatInt(v.ID, 10),
		Before: versionSummary(cur), After: map[string]any{"version": v.Version, "lexicon": lex, "source": source,
			"elections": electionIDs, "exceptions": nonNil(exc)}})
}

// syncExceptions returns v, or the new version it stores when the
// instansi's active exceptions differ from v's.
func syncExceptions(ctx context.Context, d *db.DB, v ElectionVersion) (ElectionVersion, error) {
	exc, err := activeExceptionPhrases(ctx, d, v.InstansiID)
	if err != nil || slices.Equal(exc, v.Exceptions) {
		return v, err
	}
	var out ElectionVersion
	err = d.InTx(ctx, func(tx *db.Tx) error {
		cur, err := ActiveElections(ctx, tx, v.InstansiID)
		if err != nil {
			return err
		}
		if exc, err = activeExceptionPhrases(ctx, tx, v.InstansiID); err != nil {
			return err
		}
		if slices.Equal(exc, cur.Exceptions) { // another request got here first
			out = cur
			return nil
		}
		es, err := cur.Elections()
		if err != nil {
			return err
		}
		ids := make([]string, 0, len(es))
		for _, e := range es {
			ids = append(ids, e.ID)
		}
		out, err = storeVersion(ctx, tx, audit.System("monitor"), v.InstansiID, cur, cur.Definition, cur.Lexicon, cur.Source, exc, ids)
		return err
	})
	if err != nil { // a concurrent writer may have stored the same version
		if again, aerr := ActiveElections(ctx, d, v.InstansiID); aerr == nil && slices.Equal(again.Exceptions, exc) {
			return again, nil
		}
	}
	return out, err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func versionSummary(v ElectionVersion) any {
	if v.ID == 0 {
		return nil
	}
	return map[string]any{"version": v.Version, "lexicon": v.Lexicon, "source": v.Source, "exceptions": nonNil(v.Exceptions)}
}
