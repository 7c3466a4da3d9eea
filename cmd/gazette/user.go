package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"gazette/data"
)

// runUser manages editor accounts: add, passwd, list, disable, enable, unlock. Passwords are read from
// stdin or prompted for, never taken as a flag (flags end up in shell history and ps output).
func runUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprint(stderr, userUsage)
		return errors.New("user: name a subcommand (add, passwd, list, disable, enable, unlock, two-factor-off)")
	}
	sub, args := args[0], args[1:]
	fs := newFlagSet("user "+sub, stderr)
	dataDir := fs.String("data", defaultDataDir, "data directory (database and media)")
	email := fs.String("email", "", "the editor's email address (their login)")
	var name, role *string
	if sub == "add" {
		name = fs.String("name", "", "the editor's name as shown on the desk")
		role = fs.String("role", "editor", "admin or editor")
	}
	fs.Usage = func() { fmt.Fprint(stderr, userUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args, getenv); err != nil {
		return err
	}
	if sub != "list" && *email == "" {
		fs.Usage()
		return fmt.Errorf("user %s: --email is required", sub)
	}
	store, _, err := openStore(ctx, *dataDir)
	if err != nil {
		return err
	}
	defer store.Close()
	switch sub {
	case "add":
		pw, err := readPassword(stdin, stderr)
		if err != nil {
			return err
		}
		e, err := store.CreateEditor(ctx, data.NewEditor{Email: *email, Name: *name, Role: data.Role(*role), Password: pw})
		if err != nil {
			return userError(err)
		}
		auditCLI(ctx, store, "editor", e.Email, "added as "+string(e.Role))
		fmt.Fprintf(stdout, "Created %s %s (%s).\n", e.Role, e.Email, e.Name)
	case "passwd":
		pw, err := readPassword(stdin, stderr)
		if err != nil {
			return err
		}
		if err := store.SetPassword(ctx, *email, pw); err != nil {
			return userError(err)
		}
		if _, err := store.UnlockAccount(ctx, *email); err != nil {
			return err
		}
		auditCLI(ctx, store, "password", *email, "changed")
		fmt.Fprintf(stdout, "Password changed for %s; their sessions have ended and failed sign-ins are forgotten.\n", *email)
	case "two-factor-off":
		if err := store.DisableTwoFactor(ctx, *email); err != nil {
			return userError(err)
		}
		auditCLI(ctx, store, "two-factor", *email, "turned off")
		fmt.Fprintf(stdout, "Two-factor sign-in is off for %s: they sign in with their password and can set it up again.\n", *email)
	case "unlock":
		n, err := store.UnlockAccount(ctx, *email)
		if err != nil {
			return err
		}
		auditCLI(ctx, store, "sign-in", *email, "unlocked")
		fmt.Fprintf(stdout, "Forgot %d failed sign-in records of %s: they can sign in from any address now.\n", n, *email)
	case "disable", "enable":
		if err := store.SetEditorDisabled(ctx, *email, sub == "disable"); err != nil {
			return userError(err)
		}
		auditCLI(ctx, store, "editor", *email, sub+"d")
		fmt.Fprintf(stdout, "%s is %sd.\n", *email, sub)
	case "list":
		list, err := store.Editors(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "EMAIL\tNAME\tROLE\tSTATUS")
		for _, e := range list {
			status := "active"
			if e.Disabled {
				status = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Email, e.Name, e.Role, status)
		}
		return tw.Flush()
	default:
		fmt.Fprint(stderr, userUsage)
		return fmt.Errorf("user: unknown subcommand %q", sub)
	}
	return nil
}

// auditCLI notes a change made at the command line in the audit log (the actor is the command
// line; there is no address). The change is made already, so a failed note is not an error.
func auditCLI(ctx context.Context, store *data.Store, action, target, detail string) {
	_ = store.AddAudit(ctx, data.AuditEntry{Actor: "command line", Action: action, Target: target, Detail: detail})
}

// userError turns store errors into messages a person at the terminal can act on.
func userError(err error) error {
	var v *data.ValidationError
	switch {
	case errors.As(err, &v):
		return fmt.Errorf("%s", strings.TrimPrefix(v.Error(), "invalid input: "))
	case errors.Is(err, data.ErrNotFound):
		return errors.New("no editor with that email")
	case errors.Is(err, data.ErrBadPassword):
		return err
	}
	return err
}

// readPassword prompts twice without echo on a terminal; otherwise it reads the first line of
// stdin (for scripts: `printf '%s\n' "$PW" | gazette user add …`).
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		fmt.Fprint(stderr, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if string(a) != string(b) {
			return "", errors.New("the passwords differ")
		}
		return string(a), data.CheckPasswordRules(string(a))
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("no password on stdin")
	}
	return pw, data.CheckPasswordRules(pw)
}

const userUsage = `Usage:
  gazette user add --email E --name N --role admin|editor [--data DIR]   (password on stdin or prompted)
  gazette user passwd --email E [--data DIR]                               (password on stdin or prompted)
  gazette user list [--data DIR]
  gazette user disable|enable --email E [--data DIR]
  gazette user unlock --email E [--data DIR]                               (forget failed sign-ins)
  gazette user two-factor-off --email E [--data DIR]                       (a lost phone and codes)

Disabling an editor or changing their password ends their sessions at once; changing the
password also forgets failed sign-ins, as unlock does.
`

// listenURL is a link to the listening address a person can open: a server listening on all
// interfaces ("[::]:8080", "0.0.0.0:8080") is reached at localhost.
func listenURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// setupLinkTTL is how long the first-admin link works.
const setupLinkTTL = time.Hour

// printSetupLink tells the first editor how to get in: while no account exists, every start
// prints a new one-time link that creates the first admin in the browser.
func printSetupLink(ctx context.Context, store *data.Store, stdout io.Writer, baseURL, listenURL string) error {
	n, err := store.CountEditors(ctx)
	if err != nil || n > 0 {
		return err
	}
	token, err := store.CreateSetupToken(ctx, setupLinkTTL)
	if err != nil {
		return err
	}
	base := listenURL
	if baseURL != "" {
		base = baseURL
	}
	fmt.Fprintf(stdout, "No editor account yet. Open this link within an hour to create the first admin (it works once):\n  %s/admin/setup/%s\n",
		strings.TrimSuffix(base, "/"), token)
	return nil
}
