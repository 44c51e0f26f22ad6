package main

import (
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

// triggerFlag is one --trigger NAME[:VERSION]=URL.
type triggerFlag struct {
	name, version, url string
}

// parseTriggerFlag reads --trigger's value: a trigger name (PreSignUp,
// PreTokenGeneration, ...), for PreTokenGeneration optionally ":V2_0" or
// ":V3_0", then "=" and the webhook's URL.
func parseTriggerFlag(v string) (triggerFlag, error) {
	spec, rawURL, ok := strings.Cut(v, "=")
	if !ok || spec == "" || rawURL == "" {
		return triggerFlag{}, fmt.Errorf("want NAME=URL, such as PreTokenGeneration=http://127.0.0.1:3000/hook")
	}
	name, version, _ := strings.Cut(spec, ":")
	if !slices.Contains(fakecognito.TriggerNames(), name) {
		return triggerFlag{}, fmt.Errorf("unknown trigger %q: want one of %s", name, strings.Join(fakecognito.TriggerNames(), ", "))
	}
	if version != "" {
		if name != fakecognito.TriggerPreTokenGeneration {
			return triggerFlag{}, fmt.Errorf("%s: only PreTokenGeneration takes a version", name)
		}
		switch version {
		case transport.PreTokenV1, transport.PreTokenV2, transport.PreTokenV3:
		default:
			return triggerFlag{}, fmt.Errorf("%s: version %q: want V1_0, V2_0 or V3_0", name, version)
		}
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return triggerFlag{}, fmt.Errorf("%s: want an http or https URL", name)
	}
	return triggerFlag{name: name, version: version, url: rawURL}, nil
}

// lambdaOptions turns --trigger and --lambda-endpoint into the fake's
// options, refusing an unknown trigger name or a trigger given twice.
func lambdaOptions(o serveOptions, logger *slog.Logger) (map[string]fakecognito.TriggerHook, fakecognito.LambdaInvoker, error) {
	hooks := make(map[string]fakecognito.TriggerHook)
	for _, t := range o.triggers {
		if _, dup := hooks[t.name]; dup {
			return nil, nil, fmt.Errorf("--trigger %s given twice", t.name)
		}
		fn, err := fakecognito.NewWebhook(t.url, nil)
		if err != nil {
			return nil, nil, fmt.Errorf("--trigger %s: %w", t.name, err)
		}
		hooks[t.name] = fakecognito.TriggerHook{Func: fn, LambdaVersion: t.version}
	}
	for _, t := range o.triggers {
		logger.Info("trigger webhook", slog.String("trigger", t.name), slog.String("url", redactedURL(t.url)))
	}
	var inv fakecognito.LambdaInvoker
	if o.lambdaEndpoint != "" {
		var err error
		if inv, err = fakecognito.NewLambdaEndpoint(o.lambdaEndpoint, nil); err != nil {
			return nil, nil, fmt.Errorf("--lambda-endpoint: %w", err)
		}
		logger.Info("Lambda endpoint", slog.String("url", redactedURL(o.lambdaEndpoint)))
	}
	return hooks, inv, nil
}

// redactedURL shows a URL without user information, query or fragment,
// which may hold a secret.
func redactedURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "[unparsable URL]"
	}
	u.User, u.RawQuery, u.Fragment, u.RawFragment = nil, "", "", ""
	return u.String()
}
