package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
)

// prompter asks the user for what a login needs: questions on out (stderr),
// answers read line by line from in (stdin). When in is a terminal, secrets
// are read without echo.
type prompter struct {
	in  *bufio.Reader
	out io.Writer
	tty *os.File // stdin when it is a terminal, else nil
}

// errNoAnswer: stdin ended before the answer.
var errNoAnswer = errors.New("no answer on stdin")

// errCannotAsk: the login needs something this command cannot ask for.
var errCannotAsk = errors.New("cannot ask for what the login needs")

// maxAnswerBytes bounds one line of input: no answer is longer.
const maxAnswerBytes = 4096

func newPrompter(stdin io.Reader, out io.Writer) *prompter {
	p := &prompter{in: bufio.NewReader(stdin), out: out}
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = f
	}
	return p
}

// interactive reports whether a person is typing.
func (p *prompter) interactive() bool { return p.tty != nil }

// line shows prompt and reads one line, without its line ending and
// surrounding spaces. The last line of a stream may lack its newline.
func (p *prompter) line(prompt string) (string, error) {
	fmt.Fprint(p.out, prompt)
	s, err := p.readLine()
	if !p.interactive() {
		fmt.Fprintln(p.out) // the answer was not echoed: end the prompt's line
	}
	return s, err
}

func (p *prompter) readLine() (string, error) {
	var b []byte
	for {
		chunk, isPrefix, err := p.in.ReadLine()
		b = append(b, chunk...)
		if len(b) > maxAnswerBytes {
			return "", fmt.Errorf("answer longer than %d bytes", maxAnswerBytes)
		}
		if err != nil {
			if errors.Is(err, io.EOF) && len(b) > 0 {
				break
			}
			if errors.Is(err, io.EOF) {
				return "", errNoAnswer
			}
			return "", err
		}
		if !isPrefix {
			break
		}
	}
	return strings.TrimSpace(string(b)), nil
}

// secret reads a line without echo on a terminal, or as line does from a
// pipe. Surrounding spaces are kept: they may belong to a password.
func (p *prompter) secret(prompt string) (string, error) {
	if p.tty == nil {
		fmt.Fprint(p.out, prompt)
		fmt.Fprintln(p.out)
		return p.readRawLine()
	}
	fmt.Fprint(p.out, prompt)
	b, err := term.ReadPassword(int(p.tty.Fd()))
	fmt.Fprintln(p.out)
	if err != nil {
		return "", err
	}
	if len(b) == 0 {
		return "", errNoAnswer
	}
	return string(b), nil
}

// readRawLine reads a line keeping everything but the line ending.
func (p *prompter) readRawLine() (string, error) {
	s, err := p.in.ReadString('\n')
	if len(s) > maxAnswerBytes {
		return "", fmt.Errorf("answer longer than %d bytes", maxAnswerBytes)
	}
	if err != nil && (!errors.Is(err, io.EOF) || s == "") {
		if errors.Is(err, io.EOF) {
			return "", errNoAnswer
		}
		return "", err
	}
	s = strings.TrimSuffix(s, "\n")
	s = strings.TrimSuffix(s, "\r")
	if s == "" {
		return "", errNoAnswer
	}
	return s, nil
}

// answer asks for what need requires and returns it as the engine's Answer.
func (p *prompter) answer(need states.Need, username string) (engine.Answer, error) {
	switch n := need.(type) {
	case states.NeedMFACode:
		code, err := p.line(mfaPrompt(n))
		return engine.MFACode(code), err
	case states.NeedMFAChoice:
		choice, err := p.choose("Choose an MFA method:", n.Options)
		return engine.MFAChoice(choice), err
	case states.NeedMFASetupChoice:
		if len(n.Options) == 0 {
			return nil, fmt.Errorf("%w: MFA setup offers nothing this command can set up", errCannotAsk)
		}
		choice, err := p.choose("MFA is required: choose how to set it up:", n.Options)
		return engine.MFAChoice(choice), err
	case states.NeedEmailSetup:
		fmt.Fprintln(p.out, "MFA is required: codes will be sent by e-mail.")
		address, err := p.line("E-mail address for MFA codes: ")
		return engine.EmailAddress(address), err
	case states.NeedTOTPSetup:
		fmt.Fprintln(p.out, "MFA is required: add this account to an authenticator app.")
		if n.URI != "" {
			fmt.Fprintln(p.out, "  URI:    "+n.URI)
		}
		if n.Secret != "" {
			fmt.Fprintln(p.out, "  secret: "+n.Secret)
		}
		code, err := p.line("Code shown by the app: ")
		return engine.TOTPSetupCode{Code: code, FriendlyName: "gocognito"}, err
	case states.NeedNewPassword:
		return p.newPassword(n)
	case states.NeedCustomAnswer:
		fmt.Fprintln(p.out, "Custom challenge:")
		keys := make([]string, 0, len(n.Params))
		for k := range n.Params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(p.out, "  %s: %s\n", k, n.Params[k])
		}
		a, err := p.line("Answer: ")
		return engine.CustomAnswer(a), err
	case states.NeedFirstFactorChoice:
		return p.firstFactor(n)
	case states.NeedSignInCode:
		code, err := p.line(signInCodePrompt(n))
		return engine.SignInCode(code), err
	case states.NeedPasskey:
		return nil, errPasskeyNeedsBrowser
	case states.NeedPassword:
		if n.Device {
			return nil, fmt.Errorf("%w: the remembered device's password", errCannotAsk)
		}
		pw, err := p.secret("Password for " + username + ": ")
		return engine.Password(pw), err
	}
	return nil, fmt.Errorf("%w: %q", errCannotAsk, states.Kind(need))
}

func mfaPrompt(n states.NeedMFACode) string {
	switch n.Medium {
	case states.MediumSoftwareToken:
		return "Code from your authenticator app: "
	case "":
		return "MFA code: "
	}
	if n.Destination != "" {
		return fmt.Sprintf("Code sent by %s to %s: ", n.Medium, n.Destination)
	}
	return fmt.Sprintf("Code sent by %s: ", n.Medium)
}

// firstFactor asks how to sign in, among the first factors Cognito offers
// but a passkey, which needs a browser.
func (p *prompter) firstFactor(n states.NeedFirstFactorChoice) (engine.Answer, error) {
	var options []string
	for _, o := range n.Options {
		if o != states.FactorWebAuthn {
			options = append(options, o)
		}
	}
	if len(options) == 0 {
		return nil, errPasskeyNeedsBrowser
	}
	if len(options) < len(n.Options) {
		fmt.Fprintln(p.out, "(A passkey is offered too, but it needs a browser.)")
	}
	choice, err := p.choose("Choose how to sign in:", options)
	return engine.FirstFactor(choice), err
}

func signInCodePrompt(n states.NeedSignInCode) string {
	if n.Destination != "" {
		return fmt.Sprintf("Sign-in code sent by %s to %s: ", n.Medium, n.Destination)
	}
	return fmt.Sprintf("Sign-in code sent by %s: ", n.Medium)
}

// choose shows title, lists options and reads a choice, by number or by
// name.
func (p *prompter) choose(title string, options []string) (string, error) {
	fmt.Fprintln(p.out, title)
	for i, o := range options {
		fmt.Fprintf(p.out, "  %d) %s\n", i+1, o)
	}
	s, err := p.line("Choice: ")
	if err != nil {
		return "", err
	}
	return parseChoice(s, options)
}

// parseChoice reads "2", "SOFTWARE_TOKEN_MFA" or "software_token_mfa" as one
// of options.
func parseChoice(s string, options []string) (string, error) {
	s = strings.TrimSpace(s)
	if i, err := strconv.Atoi(s); err == nil {
		if i >= 1 && i <= len(options) {
			return options[i-1], nil
		}
		return "", fmt.Errorf("choice %d is not between 1 and %d", i, len(options))
	}
	for _, o := range options {
		if strings.EqualFold(s, o) {
			return o, nil
		}
	}
	return "", fmt.Errorf("%q is not one of %s", truncate(s, 40), strings.Join(options, ", "))
}

// newPassword asks for a new password (twice on a terminal) and for each
// attribute Cognito requires.
func (p *prompter) newPassword(n states.NeedNewPassword) (engine.Answer, error) {
	fmt.Fprintln(p.out, "A new password is required.")
	pw, err := p.secret("New password: ")
	if err != nil {
		return nil, err
	}
	if p.interactive() {
		again, err := p.secret("New password again: ")
		if err != nil {
			return nil, err
		}
		if again != pw {
			return nil, errors.New("the two passwords differ")
		}
	}
	attrs := make(map[string]string, len(n.Required))
	for _, name := range n.Required {
		v, err := p.line(name + ": ")
		if err != nil {
			return nil, err
		}
		attrs[name] = v
	}
	return engine.NewPassword{Password: pw, Attributes: attrs}, nil
}
