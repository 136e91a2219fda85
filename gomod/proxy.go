package gomod

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/module"
)

// maxDownload is the largest answer read from a proxy: the go command's
// limit on a module zip (500 MiB).
const maxDownload = 500 << 20

// errNotFound is a proxy's answer that it has no such module or version
// (HTTP 404 or 410, or a missing file under a file:// proxy).
var errNotFound = errors.New("not found")

// proxyEntry is one element of GOPROXY.
type proxyEntry struct {
	url string // a URL, "direct" or "off"
	// anyError: the separator after this entry was "|", so the next entry
	// is tried after any error, not only after "not found".
	anyError bool
}

// parseProxy splits GOPROXY as the go command does.
func parseProxy(s string) ([]proxyEntry, error) {
	var list []proxyEntry
	for s != "" {
		i := strings.IndexAny(s, ",|")
		item, sep := s, byte(0)
		if i >= 0 {
			item, sep, s = s[:i], s[i], s[i+1:]
		} else {
			s = ""
		}
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		switch item {
		case "direct", "off":
		default:
			u, err := url.Parse(item)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "file") {
				return nil, fmt.Errorf("GOPROXY: %q is not an http, https or file URL, direct or off", item)
			}
			item = strings.TrimSuffix(item, "/")
		}
		list = append(list, proxyEntry{url: item, anyError: sep == '|'})
	}
	if len(list) == 0 {
		return nil, errors.New("GOPROXY is empty")
	}
	return list, nil
}

// proxyGet reads rel (such as "@v/list") of module modPath from the
// first proxy of GOPROXY that has it.
func (r *Resolver) proxyGet(ctx context.Context, modPath, rel string) ([]byte, error) {
	if module.MatchPrefixPatterns(r.noProxy, modPath) {
		return nil, fmt.Errorf("module %s is private (GOPRIVATE/GONOPROXY): gokernel fetches modules only through a module proxy, never from version control; put it in the module cache beforehand (go mod download) or list it in GOPROXY's proxy", modPath)
	}
	esc, err := module.EscapePath(modPath)
	if err != nil {
		return nil, err
	}
	var last error
	for _, p := range r.proxies {
		switch p.url {
		case "off":
			return nil, fmt.Errorf("module lookup disabled by GOPROXY=off (%s is not in the module cache %s)", modPath, r.cfg.Cache)
		case "direct":
			if errors.Is(last, errNotFound) {
				// What the proxies do not have is taken as missing:
				// direct would need version control tools.
				return nil, last
			}
			return nil, fmt.Errorf("%s: GOPROXY reached direct, which gokernel does not support (it has no go command nor version control tools): use a module proxy%s", modPath, lastSuffix(last))
		}
		data, err := r.get(ctx, p.url+"/"+esc+"/"+rel, "the module proxy")
		if err == nil {
			return data, nil
		}
		last = err
		if !errors.Is(err, errNotFound) && !p.anyError {
			return nil, err
		}
	}
	return nil, last
}

func lastSuffix(err error) string {
	if err == nil {
		return ""
	}
	return " (" + err.Error() + ")"
}

// get reads a URL: http, https or file. what names the server in the
// error when it cannot be reached.
func (r *Resolver) get(ctx context.Context, u, what string) ([]byte, error) {
	if path, ok := strings.CutPrefix(u, "file://"); ok {
		data, err := os.ReadFile(filepath.FromSlash(path))
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", u, errNotFound)
		}
		return data, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	client := r.cfg.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("cannot reach %s: %w", what, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxDownload+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", u, err)
	}
	if len(data) > maxDownload {
		return nil, fmt.Errorf("%s: larger than %d MB, the go command's limit for a module zip", u, maxDownload>>20)
	}
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, fmt.Errorf("%s: %s: %w", u, resp.Status, errNotFound)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("%s: %s: %s", u, resp.Status, strings.TrimSpace(string(data)))
	}
	return data, nil
}
