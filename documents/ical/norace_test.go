//go:build !race

package ical

// raceEnabled is false in ordinary test runs, where timing targets count.
const raceEnabled = false
