package jobs

// Hooks for the tests and benchmarks of package jobs_test (an external test
// package, because dbtest imports jobs).

// ForTests skips River's jittered start-up of its maintenance services, so
// that leader election and periodic jobs happen at once.
func ForTests(o Options) Options {
	o.testOnly = true
	return o
}

// WithDedicatedSQLitePool gives River a one-connection pool of its own on
// SQLite instead of the writer pool d.W, for the benchmark comparing the two.
func WithDedicatedSQLitePool(o Options) Options {
	o.dedicatedSQLitePool = true
	return o
}

// WithPgxTx exposes withPgxTx, the PostgreSQL bridge of InsertTx.
var WithPgxTx = withPgxTx
