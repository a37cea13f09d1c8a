// Package testpeer finds the independent tools that tests check our output
// against (qpdf, pdftotext, node with ical.js, Debian's python3 modules, ...).
//
// A developer without a peer installed still gets a green run (the test is
// skipped); CI and scripts/test set OVERLEGPLANNER_REQUIRE_PEERS=1 so that a
// missing peer fails instead of silently proving nothing.
package testpeer

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Required reports whether missing peers must fail the tests.
func Required() bool { return os.Getenv("OVERLEGPLANNER_REQUIRE_PEERS") == "1" }

// Missing skips (or, when peers are required, fails) the test because of what.
func Missing(t testing.TB, what string) {
	t.Helper()
	if Required() {
		t.Fatalf("peer missing: %s (OVERLEGPLANNER_REQUIRE_PEERS=1)", what)
	}
	t.Skipf("peer missing: %s", what)
}

// Command returns the path of program name, or skips/fails the test.
func Command(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name)
	}
	return p
}

// SystemPython returns Debian's /usr/bin/python3 once it can import every
// module in mods. Debian's python3-* packages are only visible to that
// interpreter, not to another python3 that may come first on PATH.
func SystemPython(t testing.TB, mods ...string) string {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		Missing(t, py)
	}
	for _, m := range mods {
		if err := exec.Command(py, "-c", "import "+m).Run(); err != nil {
			Missing(t, "python module "+m+" (apt-get install python3-"+m+")")
		}
	}
	return py
}

// RepoRoot returns the repository root (the directory holding go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Dir(file)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above " + file)
		}
		dir = parent
	}
}
