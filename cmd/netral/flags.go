package main

import (
	"errors"
	"flag"
	"fmt"
)

// newFlags returns a FlagSet for the named command that prints its usage to
// e.stderr (or e.stdout for --help) and never exits the process.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("netral "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: netral %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// ("import employees FILE --dry-run"); the positional arguments end up in
// fs.Args(). It returns (code, false) when the command must stop: exitOK after
// --help, exitUsage after a flag error.
func parseFlags(e *env, fs *flag.FlagSet, args []string) (int, bool) {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(e.stdout) // asked-for help goes to standard output
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK, false
			}
			return exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" || len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	_ = fs.Parse(append([]string{"--"}, pos...))
	return 0, true
}

// dbFlag adds the common --db flag, defaulting to $NETRAL_DB or ./netral.db.
func dbFlag(e *env, fs *flag.FlagSet) *string {
	def := e.getenv("NETRAL_DB")
	if def == "" {
		def = "./netral.db"
	}
	return fs.String("db", def, "SQLite file path or postgres:// URL (env NETRAL_DB)")
}

// addrFlag adds the common --addr flag, defaulting to $NETRAL_ADDR or 127.0.0.1:8080.
func addrFlag(e *env, fs *flag.FlagSet) *string {
	def := e.getenv("NETRAL_ADDR")
	if def == "" {
		def = "127.0.0.1:8080"
	}
	return fs.String("addr", def, "listen address HOST:PORT (env NETRAL_ADDR)")
}
