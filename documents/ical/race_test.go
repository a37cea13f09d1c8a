//go:build race

package ical

// raceEnabled is true under the race detector, which slows code down
// several times, so timing targets are only reported.
const raceEnabled = true
