// Command gazette serves a news website from an embedded SQLite store and imports Hugo sites.
//
//	gazette [serve] [--addr 127.0.0.1:8080] [--data DIR] [--base-url URL] [--no-demo]
//	        [--backup-every 6h --backup-keep 14] [--replicate URL]
//	gazette backup DEST [--data DIR]
//	gazette restore SRC --data DIR [--force]
//	gazette restore URL --data DIR --follow [--follow-every 1s]
//	gazette serve --read-only --data DIR
//	gazette promote --data DIR
//	gazette status [--data DIR]
//	gazette import [--data DIR] SITE_OR_FILES...
//	gazette export [--data DIR] [--force] FOLDER
//	gazette list all [--data DIR]
//	gazette user add|passwd|list|disable|enable [--data DIR] [--email E]
//	gazette probe URL
//	gazette version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) && !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "gazette:", err)
		}
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(1)
	}
}

// errReported means the command already told the user what went wrong; exit 1 quietly.
var errReported = errors.New("reported")

// run is the whole program, with its world passed in so tests can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return runServe(ctx, args, getenv, stdout, stderr)
	case "backup":
		return runBackup(ctx, args, getenv, stdout, stderr)
	case "restore":
		return runRestore(ctx, args, getenv, stdout, stderr)
	case "promote":
		return runPromote(ctx, args, getenv, stdout, stderr)
	case "status":
		return runStatus(ctx, args, getenv, stdout, stderr)
	case "import":
		return runImport(ctx, args, getenv, stdout, stderr)
	case "export":
		return runExport(ctx, args, getenv, stdout, stderr)
	case "list":
		return runList(ctx, args, getenv, stdout, stderr)
	case "user":
		return runUser(ctx, args, getenv, stdin, stdout, stderr)
	case "probe":
		return runProbe(ctx, args, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "gazette", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

const usage = `Gazette: a news website in one binary.

Usage:
  gazette [serve] [--addr 127.0.0.1:8080] [--data DIR] [--base-url URL] [--no-demo]
          [--backup-every 6h --backup-keep 14] [--replicate file:///mnt/replica | s3://bucket/path]
          [--metrics-addr 127.0.0.1:9100] [--purge-url URL]... [--surrogate-header Surrogate-Key]
          [--shared-max-age 5m] [--log-format json] [--log-level debug]
  gazette backup DEST [--data DIR]          a verified backup, safe while serving
  gazette restore SRC --data DIR [--force]  check a backup and restore it
  gazette restore URL --data DIR --follow   keep DIR a warm standby of the replica URL
  gazette serve --read-only --data DIR      serve a standby's copy (writes answer 503)
  gazette promote --data DIR                make a stopped standby's copy the site's store
  gazette status [--data DIR]               the store and how far its replica trails
  gazette import [--data DIR] SITE_OR_FILES...
  gazette export [--data DIR] [--force] FOLDER
  gazette list all [--data DIR]
  gazette user add|passwd|list|disable|enable [--data DIR] [--email E] (see "gazette user")
  gazette probe URL                         exit 0 when URL answers 200 (a health check)
  gazette version

Every flag can also be set as an environment variable: --base-url as GAZETTE_BASE_URL.
Run "gazette COMMAND --help" for a command's flags.
`

// newFlagSet makes a command's flags; after Parse, envDefaults fills flags not given on the
// command line from GAZETTE_* variables.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("gazette "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args, then applies GAZETTE_<FLAG> variables to flags the user did not set.
func parseFlags(fs *flag.FlagSet, args []string, getenv func(string) string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] || err != nil {
			return
		}
		env := "GAZETTE_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := getenv(env); v != "" {
			if e := f.Value.Set(v); e != nil {
				err = fmt.Errorf("%s=%q: %w", env, v, e)
			}
		}
	})
	return err
}

const defaultDataDir = "./gazette-data"
