package gomod

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
)

// sumGolangKey is the verifier key of sum.golang.org, the checksum
// database GOSUMDB names by default.
const sumGolangKey = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"

// checkSum checks the hash of module m (suffix "" for its zip,
// "/go.mod" for its go.mod) against go.sum, and, for a download
// (fresh), against the checksum database GOSUMDB when the module is not
// exempt (GONOSUMDB, GOPRIVATE). Hashes that passed are remembered as
// go.sum lines.
func (r *Resolver) checkSum(ctx context.Context, m module.Version, suffix, hash string, fresh bool) error {
	key := m.Path + " " + m.Version + suffix
	r.sumMu.Lock()
	want, ok := r.sums[key]
	r.sumMu.Unlock()
	if ok {
		if want != hash {
			return fmt.Errorf("verifying %s@%s%s: checksum mismatch\n\tdownloaded: %s\n\tgo.sum:     %s\nSECURITY ERROR: the module differs from the one go.sum pins (a wrong cache entry or a tampered proxy)", m.Path, m.Version, suffix, hash, want)
		}
		return nil
	}
	if fresh && r.db != nil && !module.MatchPrefixPatterns(r.noSumDB, m.Path) {
		lines, err := r.db.lookup(ctx, m.Path, m.Version+suffix)
		if err != nil {
			return fmt.Errorf("verifying %s@%s%s: checksum database %s: %w (GONOSUMDB=%s or GOSUMDB=off skips the check)", m.Path, m.Version, suffix, r.db.name, err, m.Path)
		}
		found := ""
		for _, l := range lines {
			if f := strings.Fields(l); len(f) == 3 && f[0]+" "+f[1] == key {
				found = f[2]
			}
		}
		if found != hash {
			return fmt.Errorf("verifying %s@%s%s: checksum mismatch\n\tdownloaded: %s\n\t%s: %s\nSECURITY ERROR: the module differs from the one the checksum database knows (a tampered proxy)", m.Path, m.Version, suffix, hash, r.db.name, found)
		}
	}
	r.sumMu.Lock()
	r.sums[key] = hash
	r.sumMu.Unlock()
	return nil
}

// sumDB is a checksum database client (GOSUMDB), reached through the
// proxies of GOPROXY that support it, else directly.
type sumDB struct {
	name, key, direct string
	r                 *Resolver
	client            *sumdb.Client

	mu      sync.Mutex
	base    string // the URL that serves it, once found
	ctx     context.Context
	secErrs []string
}

// newSumDB parses GOSUMDB: "name", "name+key" or "name+key url";
// "off" gives nil.
func newSumDB(r *Resolver, gosumdb string) (*sumDB, error) {
	f := strings.Fields(gosumdb)
	if len(f) == 0 || f[0] == "off" {
		return nil, nil
	}
	if len(f) > 2 {
		return nil, fmt.Errorf("GOSUMDB: %q: want name[+key] [url]", gosumdb)
	}
	db := &sumDB{r: r, key: f[0]}
	switch f[0] {
	case "sum.golang.org", "sum.golang.google.cn":
		db.key = sumGolangKey
		if f[0] == "sum.golang.google.cn" {
			db.direct = "https://sum.golang.google.cn"
		}
	}
	name, _, ok := strings.Cut(db.key, "+")
	if !ok {
		return nil, fmt.Errorf("GOSUMDB: %q: an unknown database needs its key (name+hash+keydata)", gosumdb)
	}
	db.name = name
	if db.direct == "" {
		db.direct = "https://" + name
	}
	if len(f) == 2 {
		db.direct = strings.TrimSuffix(f[1], "/")
	}
	db.client = sumdb.NewClient(db)
	return db, nil
}

// lookup returns the go.sum lines the database has for path@version.
func (db *sumDB) lookup(ctx context.Context, path, version string) ([]string, error) {
	db.mu.Lock()
	db.ctx = ctx
	db.mu.Unlock()
	lines, err := db.client.Lookup(path, version)
	if errors.Is(err, sumdb.ErrSecurity) {
		db.mu.Lock()
		err = fmt.Errorf("%w: %s", err, strings.Join(db.secErrs, "; "))
		db.mu.Unlock()
	}
	return lines, err
}

// ReadRemote implements sumdb.ClientOps.
func (db *sumDB) ReadRemote(path string) ([]byte, error) {
	db.mu.Lock()
	ctx := db.ctx
	db.mu.Unlock()
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	base, err := db.server(ctx)
	if err != nil {
		return nil, err
	}
	return db.r.get(ctx, base+path, "the checksum database")
}

// server finds the URL to ask: the first proxy that says it supports the
// database, else the database itself.
func (db *sumDB) server(ctx context.Context) (string, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.base != "" {
		return db.base, nil
	}
	for _, p := range db.r.proxies {
		if p.url == "off" {
			return "", errors.New("GOPROXY=off")
		}
		if p.url == "direct" {
			break
		}
		u := p.url + "/sumdb/" + db.name
		if _, err := db.r.get(ctx, u+"/supported", "the module proxy"); err == nil {
			db.base = u
			return u, nil
		} else if !errors.Is(err, errNotFound) {
			return "", err
		}
	}
	db.base = db.direct
	return db.base, nil
}

// ReadConfig implements sumdb.ClientOps: the key, and the latest
// signed tree seen (kept in the module cache).
func (db *sumDB) ReadConfig(file string) ([]byte, error) {
	if file == "key" {
		return []byte(db.key), nil
	}
	data, err := os.ReadFile(db.configPath(file))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// WriteConfig implements sumdb.ClientOps.
func (db *sumDB) WriteConfig(file string, old, new []byte) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	cur, err := db.ReadConfig(file)
	if err != nil {
		return err
	}
	if string(cur) != string(old) {
		return sumdb.ErrWriteConflict
	}
	return writeFile(db.configPath(file), new)
}

func (db *sumDB) configPath(file string) string {
	return filepath.Join(db.r.cfg.Cache, "cache", "gokernel-sumdb", filepath.FromSlash(file))
}

// ReadCache implements sumdb.ClientOps, with the go command's tile cache.
func (db *sumDB) ReadCache(file string) ([]byte, error) {
	return os.ReadFile(filepath.Join(db.r.cfg.Cache, "cache", "download", "sumdb", filepath.FromSlash(file)))
}

// WriteCache implements sumdb.ClientOps.
func (db *sumDB) WriteCache(file string, data []byte) {
	writeFile(filepath.Join(db.r.cfg.Cache, "cache", "download", "sumdb", filepath.FromSlash(file)), data)
}

// Log implements sumdb.ClientOps.
func (db *sumDB) Log(string) {}

// SecurityError implements sumdb.ClientOps: the message becomes part of
// the lookup's error.
func (db *sumDB) SecurityError(msg string) {
	db.mu.Lock()
	db.secErrs = append(db.secErrs, msg)
	db.mu.Unlock()
}
