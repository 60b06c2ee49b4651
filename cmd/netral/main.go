// Command netral is the single binary of Netral: the web server, the demo, the
// command-line tools for the registry, screening and audit.
//
// Each subcommand lives in its own cmd_*.go file and registers itself with
// [register] from an init function, so commands can be added without editing
// this file.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// Exit statuses, as in shared/contracts/api.md.
const (
	exitOK    = 0 // success
	exitInput = 1 // the input had errors
	exitUsage = 2 // usage or configuration error
)

// env carries the process environment into a command, so commands can be
// tested without touching the real standard streams.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// command is one subcommand (or a group with sub-subcommands, e.g. "user add").
type command struct {
	name    string // "serve", or "user add" for nested commands
	summary string // one line, shown in the command list
	run     func(ctx context.Context, e *env, args []string) int
}

var commands = map[string]command{}

// register adds a subcommand; it panics on a duplicate name (a programming error).
func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("netral: duplicate command " + c.name)
	}
	commands[c.name] = c
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run dispatches args to the matching command: the longest registered name
// made of the leading arguments wins ("user add" before "user").
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for n := min(len(args), 3); n >= 1; n-- {
		name := strings.Join(args[:n], " ")
		if c, ok := commands[name]; ok {
			return c.run(ctx, e, args[n:])
		}
	}
	// A group name alone ("user") lists its subcommands.
	if group := groupUsage(args[0]); group != "" {
		fmt.Fprintf(e.stderr, "netral %s: choose a subcommand:\n%s", args[0], group)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "netral: unknown command %q (see 'netral --help')\n", args[0])
	return exitUsage
}

func groupUsage(prefix string) string {
	var b strings.Builder
	for _, name := range sortedNames() {
		if strings.HasPrefix(name, prefix+" ") {
			fmt.Fprintf(&b, "  %-22s %s\n", name, commands[name].summary)
		}
	}
	return b.String()
}

func sortedNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "netral — Tim Pengawas Netralitas ASN")
	fmt.Fprintln(w, "\nUsage: netral COMMAND [flags]\n\nCommands:")
	for _, name := range sortedNames() {
		fmt.Fprintf(w, "  %-22s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'netral COMMAND --help' for the flags of a command.")
}
