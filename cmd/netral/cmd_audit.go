package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/netral-asn/netral/internal/audit"
)

func init() {
	register(command{name: "audit verify", summary: "check the audit trail's hash chain", run: runAuditVerify})
}

func runAuditVerify(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "audit verify", "[--db PATH|URL]")
	dsn := dbFlag(e, fs)
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	n, err := audit.Verify(ctx, d)
	var ce *audit.ChainError
	if errors.As(err, &ce) {
		fmt.Fprintf(e.stderr, "netral audit verify: FAILED: %v (%d entries before it are intact)\n", ce, n)
		return exitInput
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "netral audit verify: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "audit trail intact: %d entries verified\n", n)
	return exitOK
}
