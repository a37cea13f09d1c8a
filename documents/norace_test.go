//go:build !race

package documents

// raceEnabled reports whether the race detector is on; it slows rendering
// several times, so timing budgets are not checked then.
const raceEnabled = false
